/** zh-CN strings of the applicant and unit pages (applications, evidence, recommendation, cultivation, inbox). */
const applicationsZh = {
  myTitle: '我的申报',
  recommendTitle: '推荐初审',
  cultivationTitle: '培育库',
  inboxTitle: '消息',
};

export default applicationsZh;
