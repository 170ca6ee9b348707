/** zh-CN · dashboard: the home page. */
const dashboard = {
  welcome: '您好，{{name}}',
  intro: '欢迎使用示范创建管理平台。请从左侧菜单或下方快捷入口开始工作。',
  account: '账号',
  roleTitle: '角色',
  scope: '管理范围',
  scopeAll: '全部（机关工委）',
  shortcuts: '快捷入口',
  shortcut: {
    organizations: {
      title: '组织管理',
      desc: '维护党组织树，查看各级党组织信息',
    },
    import: {
      title: '批量导入组织',
      desc: '下载模板，校验后一次性导入党组织',
    },
    venues: {
      title: '阵地管理',
      desc: '登记党员教育活动阵地及其设施',
    },
    accounts: {
      title: '账号管理',
      desc: '开通账号、分配角色、重置密码',
    },
    audit: {
      title: '审计日志',
      desc: '查询并导出全部操作记录',
    },
    password: {
      title: '修改密码',
      desc: '定期更换密码，保障账号安全',
    },
  },
  securityTitle: '安全提示',
  securityText: '请妥善保管账号密码，不要转借他人使用；离开电脑时请退出登录。系统对所有操作进行审计留痕。',
};

export default dashboard;
