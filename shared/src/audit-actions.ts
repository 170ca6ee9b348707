/**
 * Every audit action and object type, with its label in both languages (AUD-01..03; issue #6 §0, #7.4).
 * One list drives `writeAudit`'s type (an action not listed here does not compile), the audit page's
 * labels and its 操作 filter, the Excel export's labels, and the catalogue test. A new action is one line
 * here.
 */
export interface AuditLabel {
  zh: string;
  en: string;
}

export const AUDIT_ACTIONS = {
  'auth.login': { zh: '登录', en: 'Sign in' },
  'auth.logout': { zh: '退出登录', en: 'Sign out' },
  'auth.lockout': { zh: '账号锁定', en: 'Account locked out' },
  'auth.password_change': { zh: '修改密码', en: 'Change password' },
  'auth.email_change': { zh: '修改通知邮箱', en: 'Change notification e-mail' },
  'auth.second_factor': { zh: '双因素认证', en: 'Second factor check' },
  'auth.second_factor_enrol': { zh: '绑定身份验证器', en: 'Set up authenticator' },
  'auth.second_factor_disable': { zh: '停用双因素认证', en: 'Turn off second factor' },
  'auth.recovery_codes': { zh: '重新生成恢复码', en: 'Regenerate recovery codes' },
  'privileged.request': { zh: '提交特权操作申请', en: 'Request privileged action' },
  'privileged.approve': { zh: '批准特权操作申请', en: 'Approve privileged action' },
  'privileged.reject': { zh: '驳回特权操作申请', en: 'Reject privileged action' },
  'privileged.expire': { zh: '特权操作申请超时失效', en: 'Privileged request expired' },
  'accounts.reset_second_factor': { zh: '重置双因素认证', en: 'Reset second factor' },
  'authz.denied': { zh: '越权访问被拒绝', en: 'Access denied' },
  'authz.not_found': { zh: '访问范围外或不存在的对象', en: 'Out-of-scope or missing object' },
  'authz.csrf_refused': { zh: '跨站请求被拒绝', en: 'Cross-site request refused' },
  'authz.four_eyes_refused': {
    zh: '未经审批的特权操作被拒绝',
    en: 'Privileged action without approval refused',
  },
  'authz.two_duties_refused': {
    zh: '一人兼任两种管理职责被拒绝',
    en: 'Refused: one account holding two of the three duties',
  },
  'system.error': { zh: '服务器内部错误', en: 'Server error' },

  'organizations.create': { zh: '新建党组织', en: 'Create organisation' },
  'organizations.update': { zh: '修改党组织', en: 'Edit organisation' },
  'organizations.move': { zh: '调整隶属关系', en: 'Move organisation' },
  'organizations.deactivate': { zh: '停用党组织', en: 'Deactivate organisation' },
  'organizations.activate': { zh: '启用党组织', en: 'Activate organisation' },
  'organizations.import': { zh: '批量导入党组织', en: 'Import organisations' },
  'organizations.export': { zh: '导出党组织', en: 'Export organisations' },

  'venues.create': { zh: '新建阵地', en: 'Create venue' },
  'venues.update': { zh: '修改阵地', en: 'Edit venue' },

  'accounts.create': { zh: '新建账号', en: 'Create account' },
  'accounts.update': { zh: '修改账号', en: 'Edit account' },
  'accounts.role_grant': { zh: '授予管理员角色（经审批）', en: 'Grant administrator role (approved)' },
  'accounts.reset_password': { zh: '重置密码', en: 'Reset password' },
  'accounts.unlock': { zh: '解除锁定', en: 'Unlock account' },
  'accounts.disable': { zh: '禁用账号', en: 'Disable account' },
  'accounts.enable': { zh: '启用账号', en: 'Enable account' },

  'audit.read': { zh: '查询审计日志', en: 'Read the audit log' },
  'audit.export': { zh: '导出审计日志', en: 'Export the audit log' },
  'audit.archive': { zh: '归档并移除过期审计日志', en: 'Archive and remove old audit events' },

  'standards.create': { zh: '新建创建标准', en: 'Create standard' },
  'standards.version': { zh: '发布创建标准新版本', en: 'Publish a standard version' },
  'standards.deactivate': { zh: '停用创建标准', en: 'Deactivate standard' },

  'campaigns.create': { zh: '新建创建活动', en: 'Create campaign' },
  'campaigns.copy': { zh: '复制创建活动', en: 'Copy campaign' },
  'campaigns.update': { zh: '修改创建活动', en: 'Edit campaign' },
  'campaigns.transition': { zh: '变更活动阶段', en: 'Change campaign status' },
  'campaigns.close_intake': { zh: '立即截止申报', en: 'Close intake now' },

  'stages.create': { zh: '新增评审环节', en: 'Add stage' },
  'stages.update': { zh: '修改评审环节', en: 'Edit stage' },
  'stages.delete': { zh: '删除评审环节', en: 'Delete stage' },
  'stages.reorder': { zh: '调整评审环节顺序', en: 'Reorder stages' },
  'stages.template': { zh: '套用评审环节模板', en: 'Apply stage template' },
  'stages.open': { zh: '开启评审环节', en: 'Open stage' },
  'stages.close': { zh: '结束评审环节', en: 'Close stage' },
  'stages.reopen': { zh: '重新开启评审环节', en: 'Reopen stage' },
  'stages.remind': { zh: '催办评审专家', en: 'Remind experts' },

  'cultivations.create': { zh: '列入培育库', en: 'Add to cultivation' },
  'cultivations.update': { zh: '修改培育计划', en: 'Edit cultivation' },
  'cultivations.apply': { zh: '培育对象转为申报', en: 'Apply from cultivation' },
  'cultivations.export': { zh: '导出培育库', en: 'Export cultivation' },
  'cultivations.milestone.create': { zh: '新增培育节点', en: 'Add milestone' },
  'cultivations.milestone.update': { zh: '修改培育节点', en: 'Edit milestone' },
  'cultivations.milestone.delete': { zh: '删除培育节点', en: 'Delete milestone' },
  'cultivations.note.create': { zh: '添加培育记录', en: 'Add cultivation note' },
  'cultivations.readiness.update': { zh: '更新培育自评', en: 'Update readiness' },

  'applications.create': { zh: '新建申报', en: 'Create application' },
  'applications.from_cultivation': { zh: '由培育对象生成申报', en: 'Create application from cultivation' },
  'applications.update': { zh: '修改申报', en: 'Edit application' },
  'applications.self_assess': { zh: '填写自评', en: 'Self-assessment' },
  'applications.submit': { zh: '提交申报', en: 'Submit application' },
  'applications.recommend': { zh: '推荐申报', en: 'Recommend application' },
  'applications.accept': { zh: '受理申报', en: 'Accept application' },
  'applications.return': { zh: '退回申报', en: 'Return application' },
  'applications.withdraw': { zh: '撤回申报', en: 'Withdraw application' },
  'applications.propose': { zh: '集体评审决定拟命名', en: 'Proposed by the committee' },
  'applications.decline': { zh: '集体评审决定未入选', en: 'Not selected by the committee' },
  'applications.start_review': { zh: '申报进入评审', en: 'Application into review' },
  'applications.shortlist': { zh: '申报入围', en: 'Shortlist application' },
  'applications.not_select': { zh: '申报未入选', en: 'Application not selected' },
  'applications.publish': { zh: '申报列入公示', en: 'Application published' },
  'applications.strike': { zh: '公示后撤销拟命名', en: 'Application struck from the list' },
  'applications.substitute': { zh: '申报递补列入公示', en: 'Application substituted' },
  'applications.lapse': { zh: '申报逾期终止', en: 'Application lapsed' },
  'applications.certify': { zh: '申报确认命名', en: 'Application certified' },
  'applications.rank': { zh: '调整推荐排序', en: 'Reorder recommendations' },
  'applications.export': { zh: '导出申报', en: 'Export applications' },
  'applications.dossier_download': { zh: '下载申报书 PDF', en: 'Download the dossier PDF' },
  'applications.dossiers_download': {
    zh: '批量下载申报材料（.zip）',
    en: 'Download application files (.zip)',
  },

  'evidence.upload': { zh: '上传佐证材料', en: 'Upload evidence' },
  'evidence.delete': { zh: '删除佐证材料', en: 'Delete evidence' },
  'evidence.download': { zh: '下载佐证材料', en: 'Download evidence' },
  'evidence.integrity_failed': { zh: '文件完整性校验未通过', en: 'File integrity check failed' },

  'reviewers.create': { zh: '新增评审专家', en: 'Add reviewer' },
  'reviewers.update': { zh: '修改评审专家', en: 'Edit reviewer' },
  'reviewers.import': { zh: '批量导入评审专家', en: 'Import reviewers' },
  'conflicts.declare': { zh: '申报利益冲突', en: 'Declare conflict of interest' },
  'conflicts.revoke': { zh: '撤销利益冲突申报', en: 'Revoke conflict declaration' },
  'conflicts.override': { zh: '豁免利益冲突', en: 'Waive conflict of interest' },
  'conflicts.override_revoke': { zh: '撤销利益冲突豁免', en: 'Revoke conflict waiver' },
  'panel.add': { zh: '加入评审专家组', en: 'Add to stage panel' },
  'panel.remove': { zh: '移出评审专家组', en: 'Remove from stage panel' },
  'panel.draw': { zh: '随机抽取评审专家', en: 'Draw stage panel' },
  'assignments.create': { zh: '分配评审任务', en: 'Assign review' },
  'assignments.delete': { zh: '取消评审任务', en: 'Remove assignment' },
  'assignments.auto': { zh: '自动分配评审任务', en: 'Auto-assign reviews' },
  'assignments.import': { zh: '批量导入评审分配', en: 'Import assignments' },
  'assignments.export': { zh: '导出评审分配', en: 'Export assignments' },
  'reviews.save': { zh: '保存评分草稿', en: 'Save review draft' },
  'reviews.lock': { zh: '确认锁定评分', en: 'Lock review' },
  'reviews.reopen': { zh: '退回评分', en: 'Reopen review' },
  'reviews.photo': { zh: '上传考察照片', en: 'Upload inspection photo' },
  'reviews.photo_download': { zh: '查看考察照片', en: 'Download inspection photo' },
  'results.recompute': { zh: '重新计算评审结果', en: 'Recompute results' },
  'results.standardise': { zh: '标准化评分', en: 'Standardise scores' },

  'decisions.create': { zh: '生成集体评审决定草稿', en: 'Create decision draft' },
  'decisions.line': { zh: '记录集体评审决定', en: 'Record a decision line' },
  'decisions.accept_proposal': { zh: '按建议名单决定', en: 'Accept the proposal' },
  'decisions.confirm': { zh: '确认集体评审决定', en: 'Confirm decision' },
  'decisions.release': { zh: '公布评审结果', en: 'Release results' },
  'decisions.export': { zh: '导出评审结果汇总表', en: 'Export the result list' },
  'calendar.update': { zh: '修改工作日历', en: 'Edit working-day calendar' },
  'calendar.delete': { zh: '删除工作日历日期', en: 'Remove a calendar day' },
  'calendar.import': { zh: '导入法定节假日', en: 'Import statutory holidays' },
  'publicity.publish': { zh: '发布公示', en: 'Publish the proposed list' },
  'objections.file': { zh: '提出异议', en: 'File an objection' },
  'objections.accept': { zh: '受理异议', en: 'Accept an objection' },
  'objections.dismiss': { zh: '异议不予受理', en: 'Dismiss an objection' },
  'objections.reassign': { zh: '变更异议承办人', en: 'Reassign an objection' },
  'objections.note': { zh: '记录异议核查情况', en: 'Add an investigation note' },
  'objections.close': { zh: '异议办结', en: 'Close an objection' },
  'titles.certify': { zh: '确认命名（授予称号）', en: 'Certify the list (titles created)' },
  'titles.expire': { zh: '称号到期', en: 'Titles expired' },
  'titles.export': { zh: '导出称号台账', en: 'Export the title registry' },
  'titles.print': { zh: '打印命名文书', en: 'Print naming documents' },
  'rereview.open': { zh: '开启复评复审批次', en: 'Open a re-review round' },
  'rereview.keep': { zh: '复评复审：保留称号', en: 'Re-review: keep the title' },
  'rereview.rectify': { zh: '复评复审：限期整改', en: 'Re-review: rectification ordered' },
  'rereview.revoke': { zh: '复评复审：撤销称号', en: 'Re-review: title revoked' },
  'rereview.pass_rectification': { zh: '整改复查通过', en: 'Rectification passed' },
  'rereview.revoke_after_rectification': {
    zh: '整改复查未通过，撤销称号',
    en: 'Rectification failed: title revoked',
  },
  'honours.create': { zh: '记录表彰', en: 'Record an honour' },
  'honours.delete': { zh: '删除表彰记录', en: 'Delete an honour' },
  'honours.import': { zh: '批量导入表彰', en: 'Import honours' },
  'honours.kind_create': { zh: '新增表彰类型', en: 'Add an honour kind' },
  'templates.update': { zh: '修改证书模板', en: 'Edit a certificate template' },
  'templates.seal': { zh: '上传印章图片', en: 'Upload a seal image' },
  'peer.groups_draw': { zh: '互比互评分组', en: 'Draw peer groups' },
  'peer.sheet_save': { zh: '保存互评表', en: 'Save peer sheet' },
  'peer.sheet_submit': { zh: '提交互评表', en: 'Submit peer sheet' },
  'presentation.session_create': { zh: '新建现场讲述场次', en: 'Create presentation session' },
  'presentation.session_start': { zh: '开始或继续计时', en: 'Start presentation timer' },
  'presentation.session_pause': { zh: '暂停计时', en: 'Pause presentation timer' },
  'presentation.session_next': { zh: '下一位讲述', en: 'Next presenter' },
  'presentation.session_finish': { zh: '结束现场讲述场次', en: 'Finish presentation session' },
  'presentation.score_save': { zh: '现场评分', en: 'Score presenter' },
  'presentation.score_lock': { zh: '确认现场评分', en: 'Lock presenter score' },
  'presentation.release': { zh: '公布讲述结果', en: 'Release presenter result' },

  'demo.seed': { zh: '生成演示数据', en: 'Seed demo data' },
} as const satisfies Record<string, AuditLabel>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export const AUDIT_OBJECTS = {
  organization: { zh: '党组织', en: 'Organisation' },
  venue: { zh: '阵地', en: 'Venue' },
  user: { zh: '账号', en: 'Account' },
  session: { zh: '会话', en: 'Session' },
  audit_event: { zh: '审计日志', en: 'Audit event' },
  standard: { zh: '创建标准', en: 'Standard' },
  campaign: { zh: '创建活动', en: 'Campaign' },
  cultivation: { zh: '培育对象', en: 'Cultivation' },
  application: { zh: '申报', en: 'Application' },
  evidence_file: { zh: '佐证材料', en: 'Evidence file' },
  stage: { zh: '评审环节', en: 'Stage' },
  reviewer: { zh: '评审专家', en: 'Reviewer' },
  conflict: { zh: '利益冲突申报', en: 'Conflict declaration' },
  conflict_override: { zh: '利益冲突豁免', en: 'Conflict waiver' },
  stage_panel: { zh: '评审专家组', en: 'Stage panel' },
  draw: { zh: '随机抽取记录', en: 'Draw' },
  assignment: { zh: '评审任务', en: 'Assignment' },
  decision: { zh: '集体评审决定', en: 'Decision' },
  review: { zh: '评分', en: 'Review' },
  review_photo: { zh: '考察照片', en: 'Inspection photo' },
  peer_sheet: { zh: '互评表', en: 'Peer rating sheet' },
  presentation_session: { zh: '现场讲述场次', en: 'Presentation session' },
  calendar_day: { zh: '工作日历', en: 'Calendar day' },
  publicity: { zh: '公示', en: 'Publicity' },
  objection: { zh: '异议', en: 'Objection' },
  rereview_round: { zh: '复评复审批次', en: 'Re-review round' },
  privileged_request: { zh: '特权操作申请', en: 'Privileged request' },
  title: { zh: '称号', en: 'Title' },
  certificate_template: { zh: '证书模板', en: 'Certificate template' },
  honour: { zh: '表彰', en: 'Honour' },
  honour_kind: { zh: '表彰类型', en: 'Honour kind' },
} as const satisfies Record<string, AuditLabel>;

export type AuditObject = keyof typeof AUDIT_OBJECTS;

export const isAuditAction = (s: string): s is AuditAction => Object.hasOwn(AUDIT_ACTIONS, s);
export const isAuditObject = (s: string): s is AuditObject => Object.hasOwn(AUDIT_OBJECTS, s);

/** The label of a stored action or object type in a language; an unknown code (an older release's) as is. */
export function auditLabel(kind: 'action' | 'object', code: string, lang: 'zh' | 'en'): string {
  if (kind === 'action') return isAuditAction(code) ? AUDIT_ACTIONS[code][lang] : code;
  return isAuditObject(code) ? AUDIT_OBJECTS[code][lang] : code;
}

/** The verbs of one prefix (`AuditVerb<'venues'>` = 'create' | 'update'), for a module's audit helper. */
export type AuditVerb<P extends string> = AuditAction extends infer A
  ? A extends `${P}.${infer V}`
    ? V
    : never
  : never;
