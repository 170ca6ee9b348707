/**
 * The demo applications' texts (pure): 党建品牌 names, narratives on the article's three themes
 * (促进高质量发展 · 服务群众 · 优化营商环境), the stories of the organisations the article names, and the
 * opinions and reasons of the checks. All invented or paraphrased from the seed article.
 */
import type { Prng } from './prng';

// prettier-ignore
const BRAND_HEADS = [
  '清风', '红心', '初心', '匠心', '连心', '同心', '聚力', '领航', '惠企', '暖心', '法润', '润民', '护航', '筑梦',
  '启航', '星火', '砺剑', '担当', '笃行', '清水', '津彩', '海河', '赤诚', '致远', '明德', '守正', '惠民', '为民',
  '奋进', '红帆', '北辰', '渤海', '同舟', '铸魂', '强基', '凝心', '亮剑', '擎旗', '先行', '融合',
];
// prettier-ignore
const BRAND_TAILS = ['先锋', '驿站', '工作室', '行动', '堡垒', '之家', '引擎', '课堂', '服务队', '先锋岗'];

/** A 党建品牌 name for the n-th subject: distinct for the first 400. */
export function brandName(n: number): string {
  const head = BRAND_HEADS[n % BRAND_HEADS.length]!;
  const tail = BRAND_TAILS[Math.floor(n / BRAND_HEADS.length) % BRAND_TAILS.length]!;
  return head + tail;
}

export const THEMES = ['development', 'service', 'business'] as const;
export type Theme = (typeof THEMES)[number];

export interface Narrative {
  summary: string;
  features: string;
  practices: string;
  results: string;
}

const NUMBERED = ['一是', '二是', '三是', '四是'];
const numbered = (items: string[]) => items.map((s, i) => `${NUMBERED[i]}${s}`).join('；') + '。';

const SUMMARY: Record<Theme, (org: string, brand: string) => string> = {
  development: (org, brand) =>
    `${org}以“${brand}”党建品牌为牵引，坚持“围绕中心抓党建、抓好党建促发展”，把党建工作嵌入业务链条，推动党建与业务深度融合，为助力天津高质量发展提供坚强组织保证。`,
  service: (org, brand) =>
    `${org}践行以人民为中心的发展思想，以“${brand}”为载体，组织党员入列轮值服务社区、结对帮扶，结合职责开展特色化党员志愿服务，为基层和群众提供更专业、更贴心的服务。`,
  business: (org, brand) =>
    `${org}紧密结合模范机关建设，打造“${brand}”服务品牌，设立党员责任区、党员先锋岗，优化工作流程、提高办事效率，以扎实行动为优化全市营商环境作贡献。`,
};

// prettier-ignore
const FEATURES: Record<Theme, string[]> = {
  development: [
    '建立“党建+业务”双清单，重点任务同谋划、同部署、同考核', '组建党员攻坚突击队，承担急难险重任务',
    '开展“书记领题破难题”调研，形成可复制的工作机制', '以主题党日推动业务难点攻关，党员带头亮身份、作表率',
  ],
  service: [
    '党员入列轮值服务社区，常态化下沉一线', '与社区、企业开展支部共建，结对帮扶困难群众',
    '组建党员志愿服务小分队，定期开展专业咨询服务', '建立群众诉求台账，做到件件有回音、事事有着落',
  ],
  business: [
    '推行“微笑服务、高效办事、只跑一次”服务标准', '实行午间不间断服务和预约延时服务',
    '设立党员先锋岗和党员责任区，窗口服务“零投诉”', '为重点项目提供“保姆式”全程服务，主动上门解难题',
  ],
};

// prettier-ignore
const PRACTICES = [
  '严格落实“三会一课”、主题党日和组织生活会制度，记录完整规范', '建立党员积分管理，学习、服务、业绩情况量化考评',
  '书记带头讲党课，班子成员落实“一岗双责”', '每季度开展一次党建与业务融合情况点评',
  '用好学习强国和机关党建平台，开展“每周一学”', '规范党费收缴和发展党员程序，档案资料齐全',
];

const RESULTS: Record<Theme, (r: Prng) => string[]> = {
  development: (r) => [
    `年内牵头完成重点工作任务${r.int(6, 18)}项`,
    `${r.int(2, 6)}项工作经验被上级转发推广`,
    `党员在业务骨干中的比例达到${r.int(60, 90)}%`,
  ],
  service: (r) => [
    `全年开展志愿服务${r.int(20, 80)}次、服务群众${r.int(300, 3000)}人次`,
    `为${r.int(5, 15)}个社区解决急难愁盼问题${r.int(12, 60)}件`,
    `服务对象满意率达到${r.int(96, 100)}%`,
  ],
  business: (r) => [
    `办事时限平均压缩${r.int(20, 60)}%`,
    `全年受理事项${r.int(2000, 12000)}件，连续${r.int(2, 6)}年保持“零投诉”`,
    `帮助企业解决实际困难${r.int(15, 80)}个`,
  ],
};

export function narrative(r: Prng, org: string, brand: string, theme: Theme): Narrative {
  return {
    summary: SUMMARY[theme](org, brand),
    features: numbered(r.sample(FEATURES[theme], 3)),
    practices: numbered(r.sample(PRACTICES, 3)),
    results: numbered(RESULTS[theme](r)),
  };
}

/** A venue's narrative: the room, what happens in it, and how much it is used. */
export function venueNarrative(r: Prng, venue: string, brand: string): Narrative {
  return {
    summary: `${venue}以“${brand}”为主题，规范设置入党誓词墙、党史学习角和荣誉展示区，集学习教育、组织生活、党员活动和展示交流于一体，常态化对外开放。`,
    features: numbered(
      r.sample(
        [
          '展陈内容紧扣党的创新理论和本单位实际，每季度更新',
          '打造沉浸式党史学习体验区，讲好身边人身边事',
          '实行预约开放，与兄弟单位共享共用',
          '配备线上展厅，党员群众扫码即可参观学习',
        ],
        3,
      ),
    ),
    practices: numbered(
      r.sample(
        [
          '制定阵地使用管理制度，专人负责、台账完整',
          '每月在阵地开展主题党日和集中学习',
          '组织新党员在阵地重温入党誓词',
          '邀请先进典型到阵地现场讲述',
        ],
        3,
      ),
    ),
    results: numbered([
      `年内开展党员教育活动${r.int(24, 90)}场`,
      `接待兄弟单位参观交流${r.int(10, 60)}批次、${r.int(300, 2000)}人次`,
      `党员群众满意度达到${r.int(95, 100)}%`,
    ]),
  };
}

export interface Story {
  brand: string;
  narrative: Narrative;
}

const story = (brand: string, summary: string, features: string, practices: string, results: string) => ({
  brand,
  narrative: { summary, features, practices, results },
});

/** The organisations the seed article names, with what it says about them. */
export const STORIES: Record<string, Story> = {
  市人大法工委党支部: story(
    '立法先锋',
    '支部开展以高质量党建引领保障高质量立法为主题的党建品牌创建活动，推动支部党建工作与部门立法业务有机融合。',
    '一是党建与立法工作同谋划同推进；二是党员在重点立法项目中挑重担；三是以立法调研带动党员走基层。',
    '一是每项重点立法成立党员攻坚小组；二是主题党日与立法调研结合开展；三是建立立法项目党员责任清单。',
    '一是年内完成地方性法规草案审查修改12件；二是3项立法经验被全国人大有关方面推广。',
  ),
  市工业和信息化稽查总队党总支: story(
    '执法为民',
    '党总支结合执法工作开展调研，将党建融入执法实践，打造公正文明执法的党员队伍。',
    '一是党建与执法实践深度融合；二是党员执法先锋岗全覆盖；三是执法案例转化为党课教材。',
    '一是开展“执法一线讲党课”；二是建立执法办案党员把关制度；三是开展执法回访。',
    '一是全年办结执法案件136件，零复议纠错；二是执法对象满意率99%。',
  ),
  天津倚天会计师事务所有限公司党支部: story(
    '望闻问切',
    '支部总结创造“望闻问切”工作法，党员主动“出诊”，深入员工身边，发现问题、了解需求，提对策、开药方。',
    '一是“望闻问切”工作法走进员工身边；二是党组织和企业文化有机融合；三是党员骨干带头服务客户。',
    '一是党员定期“出诊”走访员工；二是员工诉求建档销号；三是党建与业务质量同考核。',
    '一是实现党组织和企业文化互促互进的良性循环；二是员工满意度提升至98%。',
  ),
  市水务局排水五所党支部: story(
    '清水先锋',
    '支部始终坚持人民至上，与社区对接开展共建，将主题党日开在污水跑冒的老旧社区，不分分内分外义务掏挖，打通畅通管网更畅通了民心。',
    '一是主题党日开到老旧社区一线；二是党员带头义务掏挖化粪池；三是与社区共建常态化。',
    '一是建立社区排水问题台账；二是党员分片包干、限时疏通；三是共建社区每季度回访。',
    '一是为10余个社区打通内部化粪池淤堵、根治污水跑冒问题；二是居民来电来信表扬40余次。',
  ),
  市一中院刑事审判第一庭党支部: story(
    '青法护航',
    '支部组建青年法官志愿者法律服务小分队，以党建带队建促审判，定期深入基层、学校、社区、机关开展法律咨询服务。',
    '一是青年法官志愿者法律服务小分队；二是以党建带队建促审判；三是普法进校园进社区。',
    '一是每月一次法律咨询进社区；二是庭审观摩与党课结合；三是青年法官结对帮带。',
    '一是开展法律咨询服务60余场；二是审判质效指标保持全院前列。',
  ),
  市总工会权益保障部党支部: story(
    '严实快忙',
    '支部坚持“严实快忙”工作法，全力做好困难职工帮扶解困、一线医务人员及其家属保障和大病救助等工作。',
    '一是“严实快忙”工作法；二是困难职工帮扶精准到人；三是大病救助快速响应。',
    '一是困难职工建档立卡、动态管理；二是党员包户联系；三是救助资金公开透明。',
    '一是帮扶困难职工2000余户；二是有效提升市民群众的获得感幸福感安全感。',
  ),
  市委编办登记处党支部: story(
    '只跑一次',
    '支部以“微笑服务、高效办事、不说不行、只跑一次”作为服务标准和行动指南，设立党员责任区、党员先锋岗。',
    '一是“只跑一次”服务标准；二是党员责任区、党员先锋岗；三是登记业务全程网办。',
    '一是服务标准上墙公示；二是党员先锋岗轮值；三是办事群众满意度回访。',
    '一是服务水平不断提升，连续多年保持“零投诉”；二是登记事项办理时限压缩一半。',
  ),
  市发改委固定资产投资处党支部: story(
    '项目管家',
    '支部与北燃LNG应急储备项目单位开展支部共建和特色主题党日，提供“保姆式”服务，积极为企业排忧解难。',
    '一是与重点项目单位支部共建；二是“保姆式”项目服务；三是特色主题党日开到项目现场。',
    '一是重点项目党员包联；二是项目问题清单化办理；三是共建支部联席会议。',
    '一是协调解决项目难题30余个；二是重点项目按期推进。',
  ),
  市知识产权局专利代办处党支部: story(
    '午间不打烊',
    '支部实行午间不间断服务，做到午间“不打烊”、质量“不打折”，着力改善营商“软环境”。',
    '一是午间“不打烊”；二是质量“不打折”；三是党员示范岗。',
    '一是午间轮值服务；二是专利申请预审辅导；三是服务质量月度点评。',
    '一是午间办理业务3000余件；二是服务对象满意率100%。',
  ),
};

/** The unit's recommendation opinions (推荐意见), per track. */
export const UNIT_OPINIONS: Record<'site' | 'venue', string[]> = {
  site: [
    '经单位党委会议研究，同意推荐。该党组织党建基础扎实，特色鲜明，业务工作成绩突出。',
    '同意推荐。该党组织“三会一课”等制度落实到位，党建与业务融合成效明显。',
    '经初审，申报材料齐全，符合创建标准，同意推荐。',
    '经单位党委研究，同意推荐，建议在特色亮点方面进一步总结提炼。',
  ],
  venue: [
    '同意推荐。该阵地设施完备、使用常态，示范带动作用明显。',
    '经初审，阵地建设符合创建标准，申报材料齐全，同意推荐。',
    '经单位党委研究，同意推荐，建议进一步丰富展陈内容。',
  ],
};

// prettier-ignore
export const UNIT_RETURN_REASONS = [
  '申报摘要过于笼统，请突出党建与业务融合的具体做法和成效后重新提交。',
  '自评分偏高，请对照创建标准逐项核实并补充依据后重新提交。',
  '“工作业绩”一项缺少量化数据，请补充近一年的业务成果后重新提交。',
  '特色亮点提炼不够，请结合本单位职责进一步总结后重新提交。',
];

/** The demo applicant's return reason (by the demo unit). */
export const DEMO_RETURN_REASON =
  '“群众反映好”一项缺少共建社区的满意度测评结果，请补充为社区疏通化粪池淤堵的服务台账和居民评价后重新提交。';

// prettier-ignore
export const COMMITTEE_RETURN_REASONS = [
  '佐证材料中“三会一课”记录不完整，缺少近一年的组织生活会材料，请补充后重新报送。',
  '申报表未经单位党组织审核盖章，请补充后重新报送。',
  '阵地使用记录仅有近三个月，请补充全年活动记录后重新报送。',
];

// prettier-ignore
export const WITHDRAW_REASONS = [
  '经支部委员会研究，创建条件尚不成熟，申请撤回，明年再报。',
  '办公场所搬迁，阵地改造尚未完成，申请撤回。',
  '支部换届调整，申请撤回本年度申报。',
];

// prettier-ignore
export const SELF_NOTES = [
  '对照标准逐项自查，相关台账齐全', '详见佐证材料', '本年度新修订制度6项', '党员民主测评满意率98%',
  '书记述职评议等次为“好”', '活动场所已按标准规范上墙',
];

// prettier-ignore
export const CULTIVATION_PLANS = [
  '对照创建标准逐项查找差距，年内完成制度汇编和台账规范，提炼党建品牌，力争明年申报示范点。',
  '以党建与业务深度融合为重点，打造特色服务品牌，完善党员积分管理，明年上半年由单位党委组织验收。',
  '规范阵地标识标牌和展陈内容，建立使用管理制度和活动台账，常态化开展党员教育活动。',
  '聚焦服务群众，与两个社区开展支部共建，形成可复制的工作方法，力争本年度申报。',
];

// prettier-ignore
export const MILESTONES = [
  '对照标准完成自查', '完善“三会一课”台账', '提炼党建品牌并形成特色做法材料', '阵地标识标牌规范上墙',
  '开展党员民主测评', '单位党委组织验收',
];

// prettier-ignore
export const CULTIVATION_NOTES = [
  '单位党委到支部调研指导，建议进一步提炼品牌内涵，突出服务群众成效。',
  '已完成制度汇编，“三会一课”记录补齐，下一步规范活动场地。',
  '工委组织处来访，肯定了共建做法，建议总结成典型案例。',
  '民主测评完成，满意率97%，群众反映较好。',
  '因人员调整，创建工作暂缓，待新班子配齐后再推进。',
];

// prettier-ignore
export const READINESS_GAPS = [
  '台账不够完整，需补齐近一年记录', '特色做法尚需提炼', '量化成果数据不足', '场地标识需进一步规范',
];
