/**
 * Labels of the fields the audit trail records in `changes` (issue #7.4): the audit page's before/after
 * table and the Excel export name a field in words, not by its code. A field not listed shows its code.
 */
import { auditLabel, type AuditLabel } from './audit-actions';
import type { Action } from './domain/permissions';

export const AUDIT_FIELDS = {
  // accounts and sign-in
  username: { zh: '用户名', en: 'Username' },
  displayName: { zh: '姓名', en: 'Name' },
  email: { zh: '通知邮箱', en: 'E-mail' },
  role: { zh: '角色', en: 'Role' },
  disabled: { zh: '已禁用', en: 'Disabled' },
  password: { zh: '密码', en: 'Password' },
  mustChangePassword: { zh: '须修改密码', en: 'Must change password' },
  oneTimeExpiresAt: { zh: '一次性密码到期', en: 'One-time password expires' },
  lockedUntil: { zh: '锁定至', en: 'Locked until' },
  failedLogins: { zh: '连续登录失败次数', en: 'Failed sign-ins' },
  firstFailedAt: { zh: '首次登录失败时间', en: 'First failed sign-in' },
  // organisations and venues
  code: { zh: '编码', en: 'Code' },
  name: { zh: '名称', en: 'Name' },
  shortName: { zh: '简称', en: 'Short name' },
  kind: { zh: '类型', en: 'Kind' },
  parentId: { zh: '上级党组织', en: 'Parent organisation' },
  unitId: { zh: '所属直属党组织', en: 'Unit' },
  organizationId: { zh: '所属党组织', en: 'Organisation' },
  venueId: { zh: '阵地', en: 'Venue' },
  depth: { zh: '层级', en: 'Depth' },
  secretary: { zh: '书记', en: 'Secretary' },
  contactName: { zh: '联系人', en: 'Contact' },
  contactPhone: { zh: '联系电话', en: 'Contact phone' },
  memberCount: { zh: '党员人数', en: 'Members' },
  active: { zh: '启用', en: 'Active' },
  address: { zh: '地址', en: 'Address' },
  capacity: { zh: '容纳人数', en: 'Capacity' },
  facilities: { zh: '设施', en: 'Facilities' },
  openedYear: { zh: '建成年份', en: 'Year opened' },
  // standards, campaigns, stages
  trackCode: { zh: '创建类别', en: 'Track' },
  track: { zh: '创建类别', en: 'Track' },
  orgKinds: { zh: '适用党组织类型', en: 'Organisation kinds' },
  nameZh: { zh: '中文名称', en: 'Chinese name' },
  nameEn: { zh: '英文名称', en: 'English name' },
  latestVersion: { zh: '最新版本', en: 'Latest version' },
  criteria: { zh: '创建标准指标', en: 'Criteria' },
  year: { zh: '年度', en: 'Year' },
  tracks: { zh: '创建类别', en: 'Tracks' },
  standards: { zh: '创建标准', en: 'Standards' },
  quotas: { zh: '名额', en: 'Quotas' },
  unitCaps: { zh: '单位推荐上限', en: 'Unit caps' },
  status: { zh: '状态', en: 'Status' },
  method: { zh: '评审方式', en: 'Method' },
  opensAt: { zh: '开始时间', en: 'Opens' },
  closesAt: { zh: '结束时间', en: 'Closes' },
  weight: { zh: '权重', en: 'Weight' },
  rubric: { zh: '评分细则', en: 'Rubric' },
  entry: { zh: '入围规则', en: 'Entry rule' },
  entryN: { zh: '入围数量', en: 'Entry count' },
  entryShare: { zh: '入围比例', en: 'Entry share' },
  minReviews: { zh: '最少评审人数', en: 'Minimum reviews' },
  aggregation: { zh: '汇总方式', en: 'Aggregation' },
  standardise: { zh: '标准化评分', en: 'Standardise' },
  blind: { zh: '匿名评审', en: 'Blind' },
  seeOthers: { zh: '可见他人评分', en: 'See others' },
  entrants: { zh: '参评数量', en: 'Entrants' },
  position: { zh: '顺序', en: 'Position' },
  // applications and cultivation
  brandName: { zh: '品牌名称', en: 'Brand name' },
  summary: { zh: '申报摘要', en: 'Summary' },
  features: { zh: '特色亮点', en: 'Features' },
  practices: { zh: '主要做法', en: 'Practices' },
  results: { zh: '工作成效', en: 'Results' },
  unitOpinion: { zh: '单位推荐意见', en: 'Unit opinion' },
  unitRank: { zh: '推荐排序', en: 'Unit rank' },
  returnedReason: { zh: '退回原因', en: 'Reason returned' },
  applicationId: { zh: '申报', en: 'Application' },
  applicationIds: { zh: '申报', en: 'Applications' },
  files: { zh: '文件数', en: 'Files' },
  omitted: { zh: '未打包的文件', en: 'Files left out' },
  standardVersionId: { zh: '创建标准版本', en: 'Standard version' },
  readiness: { zh: '培育自评', en: 'Readiness' },
  plan: { zh: '培育计划', en: 'Plan' },
  title: { zh: '标题', en: 'Title' },
  dueOn: { zh: '完成期限', en: 'Due on' },
  done: { zh: '已完成', en: 'Done' },
  score: { zh: '评分', en: 'Score' },
  days: { zh: '日期数', en: 'Days' },
} as const satisfies Record<string, AuditLabel>;

export const isAuditField = (s: string): s is keyof typeof AUDIT_FIELDS => Object.hasOwn(AUDIT_FIELDS, s);

/** A changed field's label in a language; an unlisted field as its code. */
export const auditFieldLabel = (field: string, lang: 'zh' | 'en'): string =>
  isAuditField(field) ? AUDIT_FIELDS[field][lang] : field;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

const ROLE_NAMES: Record<string, AuditLabel> = {
  committee_admin: { zh: '工委管理员', en: 'Committee admin' },
  unit_admin: { zh: '直属党组织管理员', en: 'Unit admin' },
  applicant: { zh: '基层党组织联络员', en: 'Applicant' },
  reviewer: { zh: '评审专家', en: 'Reviewer' },
  security_admin: { zh: '安全管理员', en: 'Security admin' },
  audit_admin: { zh: '审计管理员', en: 'Audit admin' },
};

export interface AuditValueOptions {
  lang: 'zh' | 'en';
  /** id → name of the records the event mentions (the API's `names`). */
  names: Record<string, string>;
  /** An instant as the reader's time (Beijing time by default). */
  time: (iso: string) => string;
}

/**
 * A recorded value in words: nothing as '—', yes/no, an id as the record's name, an instant in Beijing
 * time, a role by its name, a list item by item; a structure stays JSON (it has no single word).
 */
export function auditValueText(field: string, v: unknown, o: AuditValueOptions): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return o.lang === 'zh' ? (v ? '是' : '否') : v ? 'Yes' : 'No';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') {
    if (UUID.test(v)) return o.names[v] ?? v;
    if (INSTANT.test(v)) return o.time(v);
    if (field === 'role' && ROLE_NAMES[v]) return ROLE_NAMES[v][o.lang];
    return v;
  }
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null))
    return v.length ? v.map((x) => auditValueText(field, x, o)).join(o.lang === 'zh' ? '、' : ', ') : '—';
  return JSON.stringify(v);
}

/** One line per changed field, `字段：修改前 → 修改后`. */
export function auditChangesText(
  changes: Record<string, { before: unknown; after: unknown }>,
  o: AuditValueOptions,
): string {
  return Object.entries(changes)
    .map(
      ([f, c]) =>
        `${auditFieldLabel(f, o.lang)}${o.lang === 'zh' ? '：' : ': '}${auditValueText(f, c?.before, o)} → ${auditValueText(f, c?.after, o)}`,
    )
    .join('\n');
}

const DETAIL_KEYS: Record<string, AuditLabel> = {
  filters: { zh: '筛选条件', en: 'Filters' },
  sort: { zh: '排序', en: 'Sort' },
  page: { zh: '页码', en: 'Page' },
  pageSize: { zh: '每页条数', en: 'Page size' },
  total: { zh: '符合条件', en: 'Matching' },
  rows: { zh: '导出条数', en: 'Exported' },
  from: { zh: '开始时间', en: 'From' },
  to: { zh: '结束时间', en: 'To' },
  actor: { zh: '操作人', en: 'Actor' },
  action: { zh: '操作', en: 'Action' },
  objectType: { zh: '对象类型', en: 'Object type' },
  objectId: { zh: '对象编号', en: 'Object id' },
  outcome: { zh: '结果', en: 'Outcome' },
};
const OUTCOMES: Record<string, AuditLabel> = {
  success: { zh: '成功', en: 'Success' },
  failure: { zh: '失败', en: 'Failure' },
  denied: { zh: '拒绝', en: 'Denied' },
};

const SORTS: Record<string, AuditLabel> = {
  at: { zh: '时间', en: 'time' },
  action: { zh: '操作', en: 'action' },
  actorName: { zh: '操作人', en: 'actor' },
};

/** `-at` → 时间降序 / time, newest first. */
function sortText(v: string, lang: 'zh' | 'en'): string {
  const desc = v.startsWith('-');
  const f = SORTS[v.replace(/^-/, '')]?.[lang] ?? v;
  return lang === 'zh' ? `${f}${desc ? '降序' : '升序'}` : `${f}, ${desc ? 'descending' : 'ascending'}`;
}

function detailValue(key: string, v: unknown, o: AuditValueOptions): string {
  if (key === 'sort' && typeof v === 'string') return sortText(v, o.lang);
  if (key === 'action' && typeof v === 'string') return auditLabel('action', v, o.lang);
  if (key === 'objectType' && typeof v === 'string') return auditLabel('object', v, o.lang);
  if (key === 'outcome' && typeof v === 'string' && OUTCOMES[v]) return OUTCOMES[v][o.lang];
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const parts = Object.entries(v).map(([k, x]) => `${detailKey(k, o)}=${detailValue(k, x, o)}`);
    return parts.length ? parts.join(o.lang === 'zh' ? '，' : ', ') : o.lang === 'zh' ? '无' : 'none';
  }
  return auditValueText(key, v, o);
}
const detailKey = (k: string, o: AuditValueOptions) => DETAIL_KEYS[k]?.[o.lang] ?? auditFieldLabel(k, o.lang);

const UUIDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Free text with every id the event's names know replaced by its name (`stage <id>` → `stage 2025年度… · 实地考察`). */
const named = (text: string, o: AuditValueOptions): string =>
  text.replace(UUIDS, (id) => o.names[id] ?? o.names[id.toLowerCase()] ?? id);

/**
 * An event's 说明 in words: free text as written, with the ids in it named; a JSON object (the audit log's own reads and exports
 * record their filters so) as `筛选条件：…；页码：1；…` with the fields named and codes labelled.
 */
export function auditDetailText(detail: string | null, o: AuditValueOptions): string {
  if (!detail) return '';
  if (!detail.startsWith('{')) return named(deniedText(detail, o.lang) ?? detail, o);
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    return detail;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return detail;
  const sep = o.lang === 'zh' ? '；' : '; ';
  const colon = o.lang === 'zh' ? '：' : ': ';
  return Object.entries(parsed)
    .map(([k, v]) => `${detailKey(k, o)}${colon}${detailValue(k, v, o)}`)
    .join(sep);
}

/** The modules of the actions (their code's prefix), for the 操作 filter's groups ("every 账号 action"). */
export const AUDIT_MODULES = {
  auth: { zh: '登录与会话', en: 'Sign-in' },
  authz: { zh: '访问控制', en: 'Access control' },
  organizations: { zh: '党组织', en: 'Organisations' },
  venues: { zh: '阵地', en: 'Venues' },
  accounts: { zh: '账号', en: 'Accounts' },
  privileged: { zh: '特权操作审批', en: 'Privileged requests' },
  audit: { zh: '审计日志', en: 'Audit log' },
  standards: { zh: '创建标准', en: 'Standards' },
  campaigns: { zh: '创建活动', en: 'Campaigns' },
  stages: { zh: '评审环节', en: 'Stages' },
  cultivations: { zh: '培育库', en: 'Cultivation' },
  applications: { zh: '申报', en: 'Applications' },
  evidence: { zh: '佐证材料', en: 'Evidence' },
  reviewers: { zh: '评审专家', en: 'Reviewers' },
  conflicts: { zh: '利益冲突', en: 'Conflicts of interest' },
  panel: { zh: '评审专家组', en: 'Stage panels' },
  assignments: { zh: '评审任务', en: 'Assignments' },
  reviews: { zh: '评分', en: 'Reviews' },
  results: { zh: '评审结果', en: 'Results' },
  decisions: { zh: '集体评审决定', en: 'Decisions' },
  calendar: { zh: '工作日历', en: 'Working-day calendar' },
  publicity: { zh: '公示', en: 'Publicity' },
  objections: { zh: '异议', en: 'Objections' },
  titles: { zh: '称号', en: 'Titles' },
  rereview: { zh: '复评复审', en: 'Re-reviews' },
  honours: { zh: '先进典型', en: 'Honours' },
  templates: { zh: '证书模板', en: 'Certificate templates' },
  peer: { zh: '互比互评', en: 'Peer rating' },
  presentation: { zh: '现场讲述', en: 'Presentations' },
  demo: { zh: '演示数据', en: 'Demo data' },
  system: { zh: '系统', en: 'System' },
} as const satisfies Record<string, AuditLabel>;

/** The module label of an action code's prefix (`accounts.` → 账号), or the prefix itself. */
export const auditModuleLabel = (prefix: string, lang: 'zh' | 'en'): string =>
  Object.hasOwn(AUDIT_MODULES, prefix) ? AUDIT_MODULES[prefix as keyof typeof AUDIT_MODULES][lang] : prefix;

/** The permissions a refused request needed (`authz.denied` records `GET /api/x needs audit.read`). */
export const PERMISSION_LABELS: Record<Action, AuditLabel> = {
  'organizations.read': { zh: '查看党组织', en: 'View organisations' },
  'organizations.write': { zh: '维护党组织', en: 'Edit organisations' },
  'organizations.import': { zh: '导入党组织', en: 'Import organisations' },
  'organizations.export': { zh: '导出党组织', en: 'Export organisations' },
  'venues.read': { zh: '查看阵地', en: 'View venues' },
  'venues.write': { zh: '维护阵地', en: 'Edit venues' },
  'accounts.read': { zh: '查看账号', en: 'View accounts' },
  'accounts.manage': { zh: '管理账号', en: 'Manage accounts' },
  'privileged.decide': { zh: '审批特权操作', en: 'Decide privileged requests' },
  'audit.read': { zh: '查询审计日志', en: 'Read the audit log' },
  'standards.read': { zh: '查看创建标准', en: 'View standards' },
  'standards.write': { zh: '维护创建标准', en: 'Edit standards' },
  'campaigns.read': { zh: '查看创建活动', en: 'View campaigns' },
  'campaigns.write': { zh: '管理创建活动', en: 'Manage campaigns' },
  'campaigns.dashboard': { zh: '查看活动统计', en: 'View campaign statistics' },
  'cultivation.read': { zh: '查看培育库', en: 'View cultivation' },
  'cultivation.write': { zh: '维护培育库', en: 'Edit cultivation' },
  'applications.read': { zh: '查看申报', en: 'View applications' },
  'applications.write': { zh: '填写申报', en: 'Write applications' },
  'applications.recommend': { zh: '推荐初审', en: 'Recommend applications' },
  'applications.intake': { zh: '受理申报', en: 'Intake' },
  'applications.export': { zh: '导出申报', en: 'Export applications' },
  'evaluation.manage': { zh: '组织评审', en: 'Manage evaluation' },
  'reviewers.manage': { zh: '管理评审专家', en: 'Manage reviewers' },
  'reviews.read': { zh: '查看评分', en: 'View reviews' },
  'reviews.write': { zh: '评分', en: 'Score reviews' },
  'conflicts.declare': { zh: '申报利益冲突', en: 'Declare conflicts' },
  'peer.rate': { zh: '互比互评', en: 'Peer rating' },
  'presentation.run': { zh: '主持现场讲述', en: 'Run presentations' },
  'decisions.manage': { zh: '集体评审决定', en: 'Manage decisions' },
  'results.read': { zh: '查看评审结果', en: 'View results' },
  'publicity.manage': { zh: '管理公示', en: 'Manage publicity' },
  'titles.read': { zh: '查看称号台账', en: 'View titles' },
  'titles.manage': { zh: '命名与证书', en: 'Certify and print titles' },
};

const DENIED = /^([A-Z]+) (\S+) needs ([a-z_.]+)$/;

/** `GET /api/x needs audit.read` in words: the request and the permission it lacked, by name. */
function deniedText(detail: string, lang: 'zh' | 'en'): string | null {
  const m = DENIED.exec(detail);
  if (!m) return null;
  const [, method, url, perm] = m;
  const label = Object.hasOwn(PERMISSION_LABELS, perm!) ? PERMISSION_LABELS[perm as Action][lang] : perm;
  return lang === 'zh' ? `${method} ${url}：需要“${label}”权限` : `${method} ${url}: needs “${label}”`;
}
