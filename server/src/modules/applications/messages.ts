/**
 * Texts of this module in both languages: what a completeness gap says, what a refusal says, and the
 * notifications each transition sends.
 */
import type { GapItem } from '../../../../shared/src/contracts/applications';
import type { ApplicationAction, Refusal } from '../../../../shared/src/domain/application-workflow';
import type { Gap } from '../../../../shared/src/domain/completeness';
import type { Lang } from '../../../../shared/src/errors';

const FIELD_NAMES: Record<'brandName' | 'summary', { zh: string; en: string }> = {
  brandName: { zh: '党建品牌', en: 'brand name' },
  summary: { zh: '申报摘要', en: 'summary' },
};

/** A gap in both languages, with the dotted field it points at. */
export function gapText(
  g: Gap,
  titles: ReadonlyMap<string, { zh: string; en: string }>,
): { field: string; zh: string; en: string } {
  if (g.kind === 'field') {
    const n = FIELD_NAMES[g.field];
    return { field: g.field, zh: `未填写${n.zh}`, en: `The ${n.en} is missing` };
  }
  const t = titles.get(g.criterionId) ?? { zh: g.criterionId, en: g.criterionId };
  if (g.kind === 'self_assessment')
    return {
      field: `selfAssessment.${g.criterionId}`,
      zh: `指标“${t.zh}”未自评`,
      en: `"${t.en}" has no self-assessment score`,
    };
  return {
    field: `evidence.${g.criterionId}`,
    zh: `指标“${t.zh}”缺少佐证材料`,
    en: `"${t.en}" needs at least one evidence file`,
  };
}

export function gapItem(
  g: Gap,
  titles: ReadonlyMap<string, { zh: string; en: string }>,
  lang: Lang,
): GapItem {
  const t = gapText(g, titles);
  return {
    kind: g.kind,
    field: g.kind === 'field' ? g.field : null,
    criterionId: g.kind === 'field' ? null : g.criterionId,
    message: lang === 'en' ? t.en : t.zh,
  };
}

/** Which part of the request a refusal is about (the `field` of its detail). */
export const REFUSAL_FIELD: Record<Refusal, string> = {
  wrong_status: 'status',
  role_not_allowed: 'role',
  campaign_not_open: 'campaign',
  before_opening: 'campaign',
  deadline_passed: 'deadline',
  incomplete: 'gaps',
  reason_required: 'reason',
  cap_reached: 'rank',
  rank_out_of_range: 'rank',
  rank_taken: 'rank',
};

const VERBS: Record<ApplicationAction, { zh: string; en: string }> = {
  submit: { zh: '申报已提交', en: 'Application submitted' },
  recommend: { zh: '申报已获单位推荐', en: 'Application recommended by the unit' },
  accept: { zh: '申报已通过形式审查', en: 'Application accepted by the committee' },
  return: { zh: '申报已退回', en: 'Application returned' },
  withdraw: { zh: '申报已撤回', en: 'Application withdrawn' },
  propose: { zh: '集体评审决定：拟命名', en: 'Committee decision: proposed for the title' },
  decline: { zh: '集体评审决定：未入选', en: 'Committee decision: not selected' },
  start_review: { zh: '申报已进入评审', en: 'Application in review' },
  shortlist: { zh: '申报已通过评审、进入集体评审决定', en: 'Application shortlisted for the decision' },
  not_select: { zh: '申报本年度未入选', en: 'Application not selected this year' },
  publish: { zh: '拟命名名单已公示', en: 'Proposed list published for objections' },
  strike: { zh: '公示异议成立，已撤销拟命名', en: 'Removed from the list after an objection' },
  substitute: { zh: '依次递补列入公示名单', en: 'Substituted onto the published list' },
  lapse: {
    zh: '申报期已过且未提交或未获推荐，申报已终止',
    en: 'Application lapsed: not submitted or not recommended before intake ended',
  },
  certify: { zh: '公示期满，已确认命名并授予称号', en: 'Certified after publicity: the title is granted' },
};

/** The notification a transition queues: "申报已退回：<reason>" for a return, the subject otherwise. */
export function transitionMessage(
  action: ApplicationAction,
  a: { id: string; subject: string; campaignName: string; reason: string | null },
) {
  const v = VERBS[action];
  const head = action === 'return' && a.reason ? a.reason : a.subject;
  return {
    kind: `application.${action}`,
    titleZh: `${v.zh}：${head}`,
    titleEn: `${v.en}: ${head}`,
    bodyZh: `${a.subject} · ${a.campaignName}${a.reason ? `\n理由：${a.reason}` : ''}`,
    bodyEn: `${a.subject} · ${a.campaignName}${a.reason ? `\nReason: ${a.reason}` : ''}`,
    link: `/applications/${a.id}`,
  };
}
