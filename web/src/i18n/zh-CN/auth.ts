/** zh-CN · auth: the login and password pages. */
const auth = {
  login: {
    title: '用户登录',
    subtitle: '请使用管理员为您开通的账号登录',
    username: '用户名',
    usernameRequired: '请输入用户名',
    password: '密码',
    passwordRequired: '请输入密码',
    submit: '登 录',
    failed: '用户名或密码错误，或账号已被锁定',
    hint: '首次登录请使用管理员发放的一次性密码，登录后须立即修改密码。连续多次输错密码，账号将被暂时锁定。',
  },
  password: {
    title: '修改密码',
    forcedHint: '为保障账号安全，请先设置新密码，再继续使用系统。',
    expiredHint:
      '您的密码已超过规定的更换周期，请设置新密码后继续使用系统。新密码不能与最近 5 次使用过的密码相同。',
    hint: '新密码设置后立即生效，其他设备上的登录将失效。新密码不能与最近 5 次使用过的密码相同。',
    current: '当前密码',
    new: '新密码',
    confirm: '确认新密码',
    submit: '确认修改',
    mismatch: '两次输入的新密码不一致',
    policyNotMet: '新密码不符合下方的密码规则',
    changed: '密码已修改',
    rule: {
      length: '至少 {{min}} 个字符',
      classes: '包含大写字母、小写字母、数字、符号中的至少三类',
      username: '不包含用户名中连续 4 个字符',
      common: '不是常见密码，不含党工委、机关、示范、党建、城市名或本单位名称等易猜词语',
      match: '两次输入一致',
    },
  },
};

export default auth;
