/** zh-CN · audit: the audit log. */
const audit = {
  subtitle: '系统全部操作的审计记录，仅审计管理员可查看',
  export: '导出 Excel',
  exportFile: '审计日志.xlsx',
  from: '开始时间',
  to: '结束时间',
  anonymous: '（未登录）',
  labelWithCode: '{{label}}（{{code}}）',
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
  action: {
    auth: {
      login: '登录',
      logout: '退出登录',
      lockout: '账号锁定',
      password_change: '修改密码',
      email_change: '修改通知邮箱',
    },
    authz: {
      denied: '越权访问被拒绝',
    },
    organizations: {
      create: '新建党组织',
      update: '修改党组织',
      move: '调整隶属关系',
      deactivate: '停用党组织',
      activate: '启用党组织',
      import: '批量导入党组织',
      export: '导出党组织',
    },
    venues: {
      create: '新建阵地',
      update: '修改阵地',
    },
    accounts: {
      create: '新建账号',
      update: '修改账号',
      reset_password: '重置密码',
      unlock: '解除锁定',
      disable: '禁用账号',
      enable: '启用账号',
    },
    audit: {
      read: '查询审计日志',
      export: '导出审计日志',
    },
    demo: {
      seed: '生成演示数据',
    },
  },
  object: {
    organization: '党组织',
    venue: '阵地',
    user: '账号',
    session: '会话',
    audit_event: '审计日志',
  },
};

export default audit;
