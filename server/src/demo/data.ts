/**
 * The demo's hand-written facts: the working committee, its directly-affiliated units and the
 * organisations the source article names (DESIGN's seed text). Everything else is generated from
 * these by `build.ts` with a seeded generator. All people, phone numbers and addresses are invented.
 */
import type { OrgKind, Role } from '../../../shared/src/enums';

export const DEMO_PASSWORD = 'Demo-2026-shifan';

export const ROOT = { code: 'TJJGGW', name: '天津市级机关工委', shortName: '市级机关工委' } as const;

/** A named organisation placed in a unit as written (full names), with its own children. */
export interface NodeSpec {
  name: string;
  kind: OrgKind;
  children?: NodeSpec[];
}

export interface UnitSpec {
  name: string;
  kind: OrgKind;
  /** Start of the children's names: 市发改委 → 市发改委综合处党支部. */
  prefix: string;
  /** Grassroots organisations under this unit, nested ones included. */
  size: number;
  named?: NodeSpec[];
  /** This unit's own departments, used before the generic ones. */
  depts?: string[];
  /** The affiliated institution that becomes a nested group in a larger unit (else one from AFFILIATES). */
  affiliate?: string;
}

const branch = (name: string): NodeSpec => ({ name, kind: 'branch' });

// prettier-ignore
export const UNITS: UnitSpec[] = [
  { name: '市委办公厅机关党委', kind: 'party_committee', prefix: '市委办公厅', size: 12, depts: ['秘书处', '综合一处', '综合二处', '信息处', '督查室', '机要局', '保密办'] },
  { name: '市人大常委会机关党委', kind: 'party_committee', prefix: '市人大', size: 12, named: [branch('市人大法工委党支部')], depts: ['财经委', '教科文卫委', '监察和司法委', '城建环保委', '农业农村委', '社会建设委', '研究室'] },
  { name: '市政府办公厅机关党委', kind: 'party_committee', prefix: '市政府办公厅', size: 12, depts: ['秘书一处', '秘书二处', '综合处', '督查室', '政务公开办', '应急值守处'] },
  { name: '市政协机关党委', kind: 'party_committee', prefix: '市政协', size: 10, depts: ['提案委', '经济委', '文史委', '研究室'] },
  { name: '市委编办机关党委', kind: 'party_committee', prefix: '市委编办', size: 6, named: [branch('市委编办登记处党支部')], depts: ['综合处', '机构编制一处', '机构编制二处', '监督检查处'] },
  { name: '市发展改革委机关党委', kind: 'party_committee', prefix: '市发改委', size: 18, affiliate: '价格认证中心', named: [branch('市发改委固定资产投资处党支部')], depts: ['综合处', '规划处', '经济运行局', '价格处', '农村经济处', '社会发展处', '能源处', '高技术产业处'] },
  { name: '市教委机关党委', kind: 'party_committee', prefix: '市教委', size: 12, depts: ['基础教育处', '高等教育处', '职业教育处', '教师工作处', '学生处'] },
  { name: '市科技局机关党委', kind: 'party_committee', prefix: '市科技局', size: 9, depts: ['高新技术处', '成果转化处', '基础研究处', '科技服务中心'] },
  {
    name: '市工业和信息化局机关党委',
    kind: 'party_committee',
    prefix: '市工业和信息化局',
    size: 16,
    named: [
      {
        name: '市工业和信息化稽查总队党总支',
        kind: 'general_branch',
        children: ['第一', '第二', '第三'].map((n) => branch(`市工业和信息化稽查总队${n}党支部`)),
      },
    ],
    depts: ['运行监测协调处', '装备工业处', '消费品工业处', '信息化推进处', '节能与综合利用处', '中小企业处'],
  },
  { name: '市民政局机关党委', kind: 'party_committee', prefix: '市民政局', size: 11, depts: ['社会救助处', '养老服务处', '社会组织管理局', '区划地名处', '儿童福利处'] },
  { name: '市司法局机关党委', kind: 'party_committee', prefix: '市司法局', size: 11, depts: ['立法一处', '行政复议处', '公共法律服务处', '律师工作处', '社区矫正管理局'] },
  {
    name: '市财政局机关党委',
    kind: 'party_committee',
    prefix: '市财政局',
    size: 16,
    named: [
      {
        name: '市注册会计师行业党委',
        kind: 'party_committee',
        children: ['倚天', '海川', '正衡', '津信'].map((n) => branch(`天津${n}会计师事务所有限公司党支部`)),
      },
    ],
    depts: ['预算处', '国库处', '税政处', '会计处', '政府采购处', '绩效管理处'],
  },
  { name: '市人力资源和社会保障局机关党委', kind: 'party_committee', prefix: '市人社局', size: 12, depts: ['就业促进处', '职业能力建设处', '养老保险处', '劳动关系处', '人才开发处'] },
  { name: '市规划和自然资源局机关党委', kind: 'party_committee', prefix: '市规划资源局', size: 12, depts: ['国土空间规划处', '耕地保护处', '不动产登记局', '测绘处', '地质勘查处'] },
  { name: '市生态环境局机关党委', kind: 'party_committee', prefix: '市生态环境局', size: 10, depts: ['大气环境处', '水生态环境处', '土壤生态环境处', '环境监测处', '执法总队'] },
  { name: '市住房城乡建设委机关党委', kind: 'party_committee', prefix: '市住房城乡建设委', size: 12, depts: ['建筑市场处', '工程质量安全处', '房地产市场处', '城市建设处'] },
  { name: '市交通运输委机关党委', kind: 'party_committee', prefix: '市交通运输委', size: 12, depts: ['综合运输处', '公路处', '港航处', '城市交通处', '执法总队'] },
  {
    name: '市水务局机关党委',
    kind: 'party_committee',
    prefix: '市水务局',
    size: 16,
    named: [branch('市水务局排水五所党支部')],
    affiliate: '水文水资源管理中心',
    depts: ['办公室', '规划计划处', '水资源处', '河湖管理处', '排水管理处', '排水一所', '排水二所', '排水三所', '排水四所', '排水六所'],
  },
  { name: '市农业农村委机关党委', kind: 'party_committee', prefix: '市农业农村委', size: 11, depts: ['种植业发展处', '畜牧兽医处', '农田建设处', '乡村产业处', '农村合作经济处'] },
  { name: '市商务局机关党委', kind: 'party_committee', prefix: '市商务局', size: 10, depts: ['对外贸易处', '外资处', '市场体系建设处', '电子商务处', '口岸处'] },
  { name: '市文化和旅游局机关党委', kind: 'party_committee', prefix: '市文化和旅游局', size: 12, depts: ['艺术处', '公共服务处', '文物保护处', '旅游市场处', '非遗处'] },
  { name: '市卫生健康委机关党委', kind: 'party_committee', prefix: '市卫生健康委', size: 12, depts: ['医政医管处', '疾病预防控制处', '基层卫生健康处', '妇幼健康处', '中医处'] },
  { name: '市退役军人事务局机关党委', kind: 'party_committee', prefix: '市退役军人事务局', size: 6, depts: ['移交安置处', '就业创业处', '褒扬纪念处'] },
  { name: '市应急管理局机关党委', kind: 'party_committee', prefix: '市应急管理局', size: 9, depts: ['风险监测处', '应急指挥处', '危化品安全监管处', '防汛抗旱处'] },
  { name: '市审计局机关党委', kind: 'party_committee', prefix: '市审计局', size: 10, depts: ['财政审计处', '金融审计处', '经济责任审计处', '固定资产投资审计处'] },
  { name: '市国资委机关党委', kind: 'party_committee', prefix: '市国资委', size: 10, depts: ['产权管理处', '考核分配处', '企业改革处', '监督追责处'] },
  { name: '市市场监管委机关党委', kind: 'party_committee', prefix: '市市场监管委', size: 12, depts: ['登记注册处', '食品安全协调处', '价格监督检查处', '特种设备安全监察处', '质量发展处'] },
  { name: '市体育局机关党委', kind: 'party_committee', prefix: '市体育局', size: 7, depts: ['群众体育处', '竞技体育处', '青少年体育处'] },
  { name: '市统计局机关党委', kind: 'party_committee', prefix: '市统计局', size: 7, depts: ['国民经济核算处', '工业统计处', '人口和就业统计处'] },
  { name: '市医保局机关党委', kind: 'party_committee', prefix: '市医保局', size: 7, depts: ['待遇保障处', '医药服务管理处', '基金监管处'] },
  { name: '市知识产权局机关党委', kind: 'party_committee', prefix: '市知识产权局', size: 6, named: [branch('市知识产权局专利代办处党支部')], depts: ['知识产权保护处', '知识产权运用处', '商标处'] },
  { name: '市第一中级人民法院机关党委', kind: 'party_committee', prefix: '市一中院', size: 16, affiliate: '执行局', named: [branch('市一中院刑事审判第一庭党支部')], depts: ['刑事审判第二庭', '民事审判第一庭', '民事审判第二庭', '行政审判庭', '立案庭', '审判管理办公室', '法警支队'] },
  { name: '市总工会机关党委', kind: 'party_committee', prefix: '市总工会', size: 10, named: [branch('市总工会权益保障部党支部')], depts: ['组织部', '宣传教育部', '经济技术部', '女职工部', '职工服务中心'] },
  { name: '团市委机关党委', kind: 'party_committee', prefix: '团市委', size: 6, depts: ['组织部', '宣传部', '青年发展部', '少年部'] },
  { name: '市妇联机关党委', kind: 'party_committee', prefix: '市妇联', size: 5, depts: ['组织联络部', '宣传部', '权益部', '家庭和儿童工作部'] },
  { name: '市科协机关党委', kind: 'party_committee', prefix: '市科协', size: 6, depts: ['学会学术部', '科学普及部', '组织人事部'] },
  { name: '市政府研究室机关党总支', kind: 'general_branch', prefix: '市政府研究室', size: 4, depts: ['综合处', '经济处', '社会处'] },
  { name: '市残联党组', kind: 'party_group', prefix: '市残联', size: 6, depts: ['康复部', '教育就业部', '维权部', '宣传文化部'] },
  { name: '市文联党组', kind: 'party_group', prefix: '市文联', size: 5, depts: ['组联部', '艺术研究室', '文艺志愿服务中心'] },
  { name: '市社科联党组', kind: 'party_group', prefix: '市社科联', size: 4, depts: ['学会部', '科研处', '普及处'] },
];

/** Departments every government body has; used after a unit's own list. */
// prettier-ignore
export const GENERIC_DEPTS = [
  '办公室', '人事处', '政策法规处', '财务处', '综合处', '规划处', '审计处', '信访办', '宣传处', '研究室',
  '督查室', '科技处', '安全监管处', '行政审批处', '信息中心', '机关服务中心', '老干部处', '外事处',
];

/** Affiliated institutions that become a nested general branch or committee in the larger units. */
// prettier-ignore
export const AFFILIATES = ['综合保障中心', '政务服务中心', '宣传教育中心', '发展研究中心', '培训中心', '档案中心', '数据中心'];

export const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹'.split('');
// prettier-ignore
export const GIVEN_NAMES = [
  '建国', '志强', '秀英', '丽娜', '海涛', '文静', '晓明', '春燕', '立新', '国庆', '红梅', '振华', '雪梅', '德胜',
  '俊杰', '婷婷', '永刚', '慧敏', '宏伟', '玉兰', '子涵', '思远', '佳怡', '明辉', '淑珍', '鹏飞', '静怡', '学军',
];

export const DISTRICT_ROADS: Record<string, string[]> = {
  和平区: ['南京路', '成都道', '大沽北路', '曲阜道'],
  河西区: ['友谊路', '解放南路', '围堤道', '珠江道'],
  南开区: ['卫津路', '红旗路', '鞍山西道', '复康路'],
  河北区: ['中山路', '金纬路', '昆纬路'],
  河东区: ['十一经路', '津塘路', '六纬路'],
  红桥区: ['芥园道', '西青道', '咸阳北路'],
  滨海新区: ['第二大街', '新港二号路', '中心大道'],
  西青区: ['中北大道', '津静公路'],
  北辰区: ['京津路', '北辰道'],
};

// prettier-ignore
export const FACILITIES = [
  '投影仪', '党建书架', '入党誓词墙', '视频会议系统', '党史展板', '电子显示屏', '音响设备', '党员学习电脑',
  '荣誉展示柜', '多媒体触摸屏',
];

/** Organisations whose activity rooms are demo venues (with the even-numbered units' rooms). */
export const VENUE_ORGS = [
  '市人大法工委党支部',
  '市工业和信息化稽查总队党总支',
  '天津倚天会计师事务所有限公司党支部',
  '市水务局排水五所党支部',
  '市一中院刑事审判第一庭党支部',
  '市总工会权益保障部党支部',
  '市委编办登记处党支部',
  '市发改委固定资产投资处党支部',
  '市知识产权局专利代办处党支部',
];

/** Education bases (larger venues) held by units. */
export const BASES: { unit: string; name: string }[] = [
  { unit: '市水务局机关党委', name: '市水务局海河治水党员教育基地' },
  { unit: '市第一中级人民法院机关党委', name: '市一中院法治文化党员教育基地' },
  { unit: '市总工会机关党委', name: '市总工会劳模精神党员教育基地' },
];

export interface AccountSpec {
  username: string;
  displayName: string;
  role: Role;
  /** The organisation the account belongs to (by name). */
  organization?: string;
  /** An invented address at example.org. */
  email: string;
}

export const ACCOUNTS: AccountSpec[] = [
  { username: 'admin', displayName: '王建华', role: 'committee_admin', email: 'wangjianhua@example.org' },
  {
    username: 'unit',
    displayName: '赵文静',
    role: 'unit_admin',
    organization: '市水务局机关党委',
    email: 'zhaowenjing@example.org',
  },
  {
    username: 'applicant',
    displayName: '刘海涛',
    role: 'applicant',
    organization: '市水务局排水五所党支部',
    email: 'liuhaitao@example.org',
  },
  { username: 'reviewer', displayName: '陈思远', role: 'reviewer', email: 'chensiyuan@example.org' },
  { username: 'security', displayName: '孙立群', role: 'security_admin', email: 'sunliqun@example.org' },
  { username: 'audit', displayName: '周敏', role: 'audit_admin', email: 'zhoumin@example.org' },
];
