/** zh-CN · recommend: the unit’s recommendation page. */
const recommend = {
  pageTitle: '推荐初审',
  deadline: '单位推荐截止：{{time}}',
  pastDeadline: '单位推荐已截止，不能再推荐或调整排序',
  capUsed: '已推荐 {{n}} / 名额 {{cap}}',
  countOnly: '已推荐 {{n}}',
  pendingTitle: '待审核（{{n}}）',
  nonePending: '暂无待审核的申报',
  submittedAt: '提交时间',
  check: '审核',
  recommend: '推荐',
  return: '退回',
  recommendTitle: '推荐该申报',
  returnTitle: '退回该申报',
  opinion: '单位推荐意见',
  rank: '推荐排序',
  reason: '退回原因',
  reasonHint: '退回原因将通知申报人，请写明需要修改的内容',
  rankedTitle: '已推荐名单（拖动或使用上下按钮调整排序）',
  lockedHint: '已受理的申报保持原推荐排序，不能调整',
  rankCol: '排序',
  moveUp: '上移',
  moveDown: '下移',
  saveOrder: '保存排序',
  orderSaved: '排序已保存',
};

export default recommend;
