/**
 * One term per concept (issue #7.8): the word the pages, the PDF files and the Excel files use, and the
 * variants they must not. `glossary.test.ts` checks every zh-CN catalogue and the PDF/Excel label sources
 * against it. A new synonym found in the wild is one more `avoid` entry here.
 */
export interface GlossaryEntry {
  /** What the term names. */
  concept: string;
  zh: string;
  en: string;
  /** Variants that must not appear in zh-CN catalogues or in PDF/Excel labels. */
  avoid: readonly string[];
}

export const GLOSSARY: readonly GlossaryEntry[] = [
  {
    concept: 'The application’s short description (the `summary` field)',
    zh: '申报摘要',
    en: 'Summary',
    avoid: ['概述', '基本情况'],
  },
  {
    concept: 'The place a unit gives a recommended application in its list (`unitRank`)',
    zh: '推荐排序',
    en: 'Rank',
    avoid: ['单位排序', '单位推荐排序'],
  },
  {
    concept: 'The application printed as one PDF file (the dossier)',
    zh: '申报书 PDF',
    en: 'Application PDF',
    avoid: ['申报材料 PDF', '申报材料PDF'],
  },
  {
    concept: 'The standard an application is assessed against (its criteria and points)',
    zh: '创建标准',
    en: 'Standard',
    avoid: ['评审标准'],
  },
  {
    concept: 'The files an applicant uploads as proof for a criterion',
    zh: '佐证材料',
    en: 'Evidence',
    avoid: ['证明材料', '附件材料'],
  },
];
