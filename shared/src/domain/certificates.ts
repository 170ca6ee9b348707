/**
 * The printed documents of naming (命名授牌): the naming decision (命名决定), the certificate (证书) and the
 * plaque (牌匾). Each is printed from a template the committee adjusts: a heading, a body with
 * `{{placeholders}}`, an issuer line, a few layout fields and a seal image. Pure, no I/O.
 */
export const TEMPLATE_KINDS = ['decision', 'certificate', 'plaque'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export const TEMPLATE_ORIENTATIONS = ['portrait', 'landscape'] as const;
export type TemplateOrientation = (typeof TEMPLATE_ORIENTATIONS)[number];

/** The placeholders a template may use, per kind; anything else in `{{…}}` is refused when saving. */
export const TEMPLATE_PLACEHOLDERS: Record<TemplateKind, readonly string[]> = {
  decision: ['year', 'campaign', 'count', 'date'],
  certificate: ['holder', 'organization', 'track', 'year', 'serial', 'validFrom', 'validUntil', 'date'],
  plaque: ['holder', 'track', 'year', 'serial'],
};

export interface TemplateText {
  heading: string;
  body: string;
  issuer: string;
}

export interface TemplateLayout {
  orientation: TemplateOrientation;
  headingSize: number;
  bodySize: number;
  sealSize: number;
}

export const TEMPLATE_DEFAULTS: Record<TemplateKind, TemplateText & TemplateLayout> = {
  decision: {
    heading: '关于命名{{year}}年度市级机关基层党建工作示范点和党员教育活动示范阵地的决定',
    body:
      '经单位推荐、集体评审和公示，{{campaign}}共确定 {{count}} 个示范对象。现决定，命名下列党组织为' +
      '市级机关基层党建工作示范点、下列阵地为市级机关党员教育活动示范阵地。希望受到命名的单位珍惜荣誉，' +
      '发挥示范引领作用，在新的起点上再创佳绩。',
    issuer: '中共天津市市级机关工作委员会',
    orientation: 'portrait',
    headingSize: 18,
    bodySize: 12,
    sealSize: 120,
  },
  certificate: {
    heading: '荣誉证书',
    body: '{{holder}}：\n\n经评审和公示，你单位被命名为{{year}}年度{{track}}。\n\n有效期：{{validFrom}} 至 {{validUntil}}',
    issuer: '中共天津市市级机关工作委员会',
    orientation: 'landscape',
    headingSize: 36,
    bodySize: 18,
    sealSize: 130,
  },
  plaque: {
    heading: '{{track}}',
    body: '{{holder}}',
    issuer: '中共天津市市级机关工作委员会\n{{year}}年',
    orientation: 'landscape',
    headingSize: 54,
    bodySize: 30,
    sealSize: 0,
  },
};

export const TEMPLATE_LIMITS = {
  headingMax: 200,
  bodyMax: 2000,
  issuerMax: 200,
  sizeMin: 8,
  sizeMax: 96,
  sealMax: 240,
  sealBytesMax: 2 * 1024 * 1024,
} as const;

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/** The placeholders `text` uses that `kind` does not know (to refuse when saving a template). */
export function unknownPlaceholders(kind: TemplateKind, text: string): string[] {
  const known = new Set(TEMPLATE_PLACEHOLDERS[kind]);
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))].filter((p) => !known.has(p));
}

/** `text` with each known placeholder replaced by its value (an unknown one stays as written). */
export function fillTemplate(text: string, values: Readonly<Record<string, string | number>>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) =>
    values[name] === undefined ? whole : String(values[name]),
  );
}
