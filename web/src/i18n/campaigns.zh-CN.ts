/** zh-CN strings of the committee's campaign pages (standards, campaigns, intake). */
const campaignsZh = {
  standardsTitle: '创建标准',
  campaignsTitle: '创建活动',
  intakeTitle: '申报受理',
};

export default campaignsZh;
