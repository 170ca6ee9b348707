/** zh-CN · audit: the audit log. */
const audit = {
  subtitle: '系统全部操作的审计记录，仅审计管理员可查看',
  /** The language of the labels taken from shared/src/audit-actions.ts. */
  lang: 'zh',
  export: '导出 Excel',
  exportFile: '审计日志.xlsx',
  empty: '没有符合条件的审计记录',
  from: '开始时间',
  to: '结束时间',
  anonymous: '（未登录）',
  allOfModule: '{{module}}（全部操作）',
  deletedRecord: '（记录已删除）',
  ids: '编号',
  noChanges: '此操作未记录字段变更',
  filters: '筛选条件',
  filtersCount: '筛选条件（{{n}}）',
  field: {
    at: '时间',
    actor: '操作人',
    action: '操作',
    object: '对象',
    objectType: '对象类型',
    objectId: '对象编号',
    outcome: '结果',
    ip: 'IP 地址',
    detail: '说明',
    requestId: '请求编号',
    scopeOrgId: '范围组织',
  },
  change: {
    field: '字段',
    before: '修改前',
    after: '修改后',
  },
  outcome: {
    success: '成功',
    failure: '失败',
    denied: '拒绝',
  },
};

export default audit;
