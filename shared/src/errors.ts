/**
 * One error vocabulary for the whole product: a code, its HTTP status and its message in zh-CN and en.
 * The server answers `{ error: { code, message, details } }`; the web translates by code.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: {
    status: 400,
    zh: '提交的数据有误，请检查标出的字段',
    en: 'The request has invalid fields',
  },
  BAD_REQUEST: { status: 400, zh: '请求格式不正确', en: 'The request is malformed' },
  INVALID_FILE: {
    status: 400,
    zh: '文件无法读取或格式不正确',
    en: 'The file cannot be read or has the wrong format',
  },
  PASSWORD_POLICY: { status: 400, zh: '密码不符合安全策略', en: 'The password does not meet the policy' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please log in' },
  INVALID_CREDENTIALS: {
    status: 401,
    zh: '用户名或密码错误，或账号已被锁定',
    en: 'Wrong username or password, or the account is locked',
  },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    zh: '请先修改密码后再继续操作',
    en: 'You must change your password before you continue',
  },
  SECOND_FACTOR_REQUIRED: {
    status: 403,
    zh: '请先输入动态验证码完成登录',
    en: 'Enter the code from your authenticator to finish logging in',
  },
  SECOND_FACTOR_ENROLMENT_REQUIRED: {
    status: 403,
    zh: '您的角色须启用双因素认证，请先绑定身份验证器',
    en: 'Your role must use a second factor: set up an authenticator first',
  },
  INVALID_SECOND_FACTOR: {
    status: 401,
    zh: '验证码错误或已使用，或账号已被锁定',
    en: 'The code is wrong or was already used, or the account is locked',
  },
  FOUR_EYES_REQUIRED: {
    status: 403,
    zh: '须由另一名不同角色的管理员审批',
    en: 'Another administrator of a different role must approve this',
  },
  FORBIDDEN: { status: 403, zh: '您没有执行此操作的权限', en: 'You are not allowed to do this' },
  CSRF_FAILED: {
    status: 403,
    zh: '请求来源校验失败，请刷新页面后重试',
    en: 'Request origin check failed; reload the page',
  },
  NOT_FOUND: { status: 404, zh: '记录不存在', en: 'Not found' },
  CONFLICT: { status: 409, zh: '操作与现有数据冲突', en: 'The request conflicts with existing data' },
  DUPLICATE: { status: 409, zh: '已存在相同的记录', en: 'A record with the same key already exists' },
  VERSION_CONFLICT: {
    status: 409,
    zh: '该记录已被他人修改，请刷新后重试',
    en: 'Someone else changed this record; reload and try again',
  },
  // Campaign work (issue #3): applications and their workflow.
  TRANSITION_REFUSED: {
    status: 409,
    zh: '当前不能执行此操作，请查看原因',
    en: 'This action is not allowed now; see the reason',
  },
  BATCH_REFUSED: {
    status: 409,
    zh: '批量操作未执行：以下申报不能办理，请刷新或取消勾选后重试',
    en: 'The batch was not carried out: the items below cannot be processed; reload or deselect them',
  },
  DEADLINE_PASSED: { status: 409, zh: '已过截止时间', en: 'The deadline has passed' },
  INCOMPLETE: {
    status: 409,
    zh: '申报材料不完整，请补齐后再提交',
    en: 'The application is incomplete; fill the gaps and submit again',
  },
  NOT_EDITABLE: {
    status: 409,
    zh: '申报已提交，当前状态不可修改',
    en: 'The application cannot be changed in its current status',
  },
  CAMPAIGN_NOT_OPEN: {
    status: 409,
    zh: '创建活动未在申报阶段',
    en: 'The campaign is not open for applications',
  },
  NOT_ELIGIBLE: {
    status: 422,
    zh: '不符合本类别的申报条件',
    en: 'Not eligible for this track',
  },
  IDEMPOTENCY_MISMATCH: {
    status: 422,
    zh: '该幂等键已用于另一项请求',
    en: 'This idempotency key was used for a different request',
  },
  CAMPAIGN_LOCKED: {
    status: 409,
    zh: '活动已开启申报，部分设置不能再修改',
    en: 'The campaign has opened; some settings can no longer change',
  },
  // Evidence files (申报材料).
  EVIDENCE_COUNT_LIMIT: {
    status: 409,
    zh: '该申报的材料数量已达上限',
    en: 'This application already has the maximum number of files',
  },
  EVIDENCE_SIZE_LIMIT: {
    status: 413,
    zh: '该申报的材料总大小超出上限',
    en: 'The files of this application would exceed the total size limit',
  },
  // A stored file whose bytes no longer match the hash recorded at upload (issue #9 §5): never served.
  DOSSIER_ZIP_TOO_LARGE: {
    status: 422,
    zh: '所选申报的佐证材料合计超过单次下载上限（2 GB），请减少勾选、分批下载',
    en: 'The evidence of the selected applications exceeds one download’s limit (2 GB); select fewer and download in parts',
  },
  EVIDENCE_CORRUPT: {
    status: 409,
    zh: '文件完整性校验未通过（存储的文件已损坏或被改动），已记录并通知安全管理员',
    en: 'The stored file failed its integrity check (damaged or altered); it was logged for the security administrator',
  },
  // Evaluation and decision (issue #6).
  STAGE_CLOSED: {
    status: 409,
    zh: '该评审环节不在评分时间内',
    en: 'This stage is not open for scoring',
  },
  CONFLICT_OF_INTEREST: {
    status: 403,
    zh: '存在利益冲突，不能评审该申报',
    en: 'A conflict of interest prevents this review',
  },
  REVIEW_LOCKED: {
    status: 409,
    zh: '评分已确认锁定，须由工委管理员退回后才能修改',
    en: 'The review is locked; a committee admin must reopen it first',
  },
  DRAW_MISMATCH: {
    status: 409,
    zh: '抽取结果与记录不一致（种子或输入不同）',
    en: 'The draw does not reproduce the recorded one (different seed or inputs)',
  },
  STAGE_LOCKED: {
    status: 409,
    zh: '评审环节已开启，只能修改名称',
    en: 'The stage has opened; only its name can change',
  },
  STAGE_INCOMPLETE: {
    status: 409,
    zh: '该评审环节的评分尚未完成（可说明理由后结束）',
    en: 'The stage’s reviews are not complete (it can be closed with a stated reason)',
  },
  STAGES_INCOMPLETE: {
    status: 409,
    zh: '评审环节尚未全部完成',
    en: 'Not every evaluation stage is complete',
  },
  DECISION_INCOMPLETE: {
    status: 409,
    zh: '集体评审决定尚未确认或不完整',
    en: 'The decision is not confirmed or not complete',
  },
  DECISION_FROZEN: {
    status: 409,
    zh: '集体评审决定已确认，不能再修改',
    en: 'The decision is confirmed and can no longer change',
  },
  CAMPAIGN_NOT_DECIDING: {
    status: 409,
    zh: '活动不在集体评审决定阶段',
    en: 'The campaign is not at the decision stage',
  },
  STAGE_METHOD_MISMATCH: {
    status: 409,
    zh: '该评审环节的方式不支持此操作',
    en: "This stage's method does not allow this",
  },
  PEER_SELF_RATING: {
    status: 400,
    zh: '互比互评不能给自己评分或排名',
    en: 'A peer member cannot rate itself',
  },
  PEER_OWN_UNIT: {
    status: 400,
    zh: '互比互评不能给本单位的组织评分或排名',
    en: 'A peer member cannot rate an organisation of its own unit',
  },
  PEER_DUPLICATE: {
    status: 400,
    zh: '同一成员只能评分或排名一次',
    en: 'Each member can be rated only once',
  },
  PEER_SHEET_INCOMPLETE: {
    status: 409,
    zh: '互评表尚未完成：须对每个可评成员排名或评分',
    en: 'The peer sheet is incomplete: rank or score every member you may rate',
  },
  PEER_SHEET_LOCKED: {
    status: 409,
    zh: '互评表已提交，不能再修改',
    en: 'The peer sheet has been submitted and can no longer change',
  },
  PEER_GROUPS_FIXED: {
    status: 409,
    zh: '已有成员开始互评，不能重新分组',
    en: 'Members have started rating; the groups can no longer be redrawn',
  },
  PANEL_NOT_LOCKED: {
    status: 409,
    zh: '评委尚未全部确认评分，不能公布结果',
    en: 'Not every panel member has locked a score; the result cannot be released',
  },
  PUBLICITY_OPEN: {
    status: 409,
    zh: '该活动已有公示尚未结束，不能再次公示',
    en: 'The campaign already has an open publicity',
  },
  PUBLICITY_EMPTY: { status: 409, zh: '没有拟命名的申报可供公示', en: 'No proposed application to publish' },
  CALENDAR_MISSING: {
    status: 409,
    zh: '工作日历缺少公示期所在年份的节假日安排，请先维护工作日历',
    en: 'The working-day calendar has no holidays for the year of the window; maintain it first',
  },
  PUBLICITY_NOT_OPEN: {
    status: 409,
    zh: '不在公示期内，不能提出异议',
    en: 'The publicity window is not open; objections are not accepted',
  },
  OBJECTION_REFUSED: {
    status: 409,
    zh: '异议当前不能这样办理',
    en: 'The objection cannot be handled this way',
  },
  PUBLICITY_WINDOW_OPEN: {
    status: 409,
    zh: '公示期尚未结束，不能确认命名',
    en: 'The publicity window has not ended; the list cannot be certified yet',
  },
  OBJECTIONS_OPEN: {
    status: 409,
    zh: '还有未办结的异议，不能确认命名',
    en: 'Objections are still open; the list cannot be certified',
  },
  PUBLICITY_CLOSED: { status: 409, zh: '该公示已确认命名', en: 'This publicity has already been certified' },
  TITLE_EXISTS: {
    status: 409,
    zh: '该对象在本年度本类别已有称号，不能重复命名',
    en: 'The holder already has a title of this track and year',
  },
  TITLE_SERIAL_TAKEN: {
    status: 409,
    zh: '证书编号已被使用，未命名任何对象',
    en: 'A title serial is already in use; nothing was certified',
  },
  // Re-review rounds (复评复审, issue #8 §3).
  REREVIEW_TITLES_NOT_ACTIVE: {
    status: 409,
    zh: '只有有效状态的称号才能进入复评复审，未建立批次',
    en: 'Only active titles can enter a re-review; no round was created',
  },
  REREVIEW_SELECTION_EMPTY: {
    status: 409,
    zh: '该年度没有有效称号可供复评复审',
    en: 'That award year has no active title to re-review',
  },
  REREVIEW_SAMPLE_TOO_LARGE: {
    status: 409,
    zh: '抽取数量超过该年度有效称号总数',
    en: 'The sample is larger than the award year’s active titles',
  },
  REREVIEW_NOT_IN_ROUND: {
    status: 409,
    zh: '该称号不在本批次复评复审中',
    en: 'The title is not in this re-review round',
  },
  REREVIEW_OUTCOME_RECORDED: {
    status: 409,
    zh: '该称号在本批次已有复评复审结论',
    en: 'The title already has an outcome in this round',
  },
  REREVIEW_FROZEN: {
    status: 409,
    zh: '复评复审批次已结束，结论已冻结，不能再修改',
    en: 'The round is closed and its outcomes are frozen',
  },
  // Honours (先进典型, issue #8 §4).
  HONOUR_EXISTS: {
    status: 409,
    zh: '该对象在本年度已记录此项表彰，不能重复记录',
    en: 'This honour is already recorded for that holder and year',
  },
  HONOUR_KIND_EXISTS: {
    status: 409,
    zh: '已有相同代码的表彰类型',
    en: 'An honour kind with that code already exists',
  },
  REREVIEW_NOT_RECTIFYING: {
    status: 409,
    zh: '该称号在本批次未被要求整改，或整改复查已有结论',
    en: 'The title was not sent to rectification in this round, or its follow-up is recorded',
  },
  ORG_RULE: { status: 422, zh: '不符合党组织层级规则', en: 'The organisation tree rules forbid this' },
  IMPORT_INVALID: {
    status: 422,
    zh: '导入文件中有错误行，未写入任何数据',
    en: 'The import file has bad rows; nothing was written',
  },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '上传内容过大', en: 'The upload is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '不支持的内容类型', en: 'Unsupported content type' },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  INTERNAL: {
    status: 500,
    zh: '服务器内部错误，请稍后重试',
    en: 'Internal server error; please try again later',
  },
  UNAVAILABLE: { status: 503, zh: '服务暂不可用', en: 'Service unavailable' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** A field error: which field (dotted path), and a message in both languages. */
export interface FieldError {
  field: string;
  code: string;
  zh: string;
  en: string;
}

export type Lang = 'zh-CN' | 'en';

export function errorMessage(code: ErrorCode, lang: Lang): string {
  const e = ERROR_CODES[code];
  return lang === 'en' ? e.en : e.zh;
}
