import { describe, expect, it } from 'vitest';
import { flatten, type Tree } from './catalogues';
import { GLOSSARY } from './glossary';

const zh = Object.entries(
  import.meta.glob('./zh-CN/*.ts', { eager: true }) as Record<string, { default: Tree }>,
).flatMap(([path, m]) => flatten(m.default).map(([k, v]) => [`${path}:${k}`, v] as const));

/** Where the PDF and Excel files take their labels from (headers, section titles, action names). */
const fileLabelSources = import.meta.glob(
  [
    '../../../server/src/modules/**/export.ts',
    '../../../server/src/modules/**/*-pdf.ts',
    '../../../server/src/modules/decisions/result-list.ts',
    '../../../shared/src/contracts/*.ts',
    '../../../shared/src/audit-actions.ts',
    '../../../shared/src/audit-fields.ts',
  ],
  { query: '?raw', import: 'default', eager: true },
) as Record<string, string>;

describe('the glossary (issue #7.8)', () => {
  it('reads the PDF and Excel label sources it checks', () => {
    const files = Object.keys(fileLabelSources);
    for (const f of [
      'applications/export.ts',
      'applications/dossier-pdf.ts',
      'audit/export.ts',
      'contracts/applications.ts',
    ])
      expect(
        files.some((p) => p.endsWith(f)),
        f,
      ).toBe(true);
  });

  it.each(GLOSSARY.map((g) => [g.zh, g] as const))('%s: no zh-CN catalogue uses a variant', (_term, g) => {
    const hits = zh.filter(([, v]) => g.avoid.some((a) => v.includes(a))).map(([k, v]) => `${k} = ${v}`);
    expect(hits).toEqual([]);
    expect(
      zh.some(([, v]) => v.includes(g.zh)),
      `${g.zh} is used somewhere`,
    ).toBe(true);
  });

  it.each(GLOSSARY.map((g) => [g.zh, g] as const))('%s: no PDF or Excel label uses a variant', (_term, g) => {
    const hits = Object.entries(fileLabelSources).flatMap(([path, text]) =>
      g.avoid.filter((a) => text.includes(a)).map((a) => `${path}: ${a}`),
    );
    expect(hits).toEqual([]);
  });
});
