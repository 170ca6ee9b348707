import { describe, expect, it } from 'vitest';
import { ORG_KINDS, ROLES } from '../../../shared/src/enums';
import { AUDIT_OUTCOMES } from '../../../shared/src/contracts/audit';
import { APPLICATION_STATUSES } from '../../../shared/src/domain/application-workflow';
import { NAV } from '../lib/nav';
import { passwordChecklist } from '../lib/password';
import { flatten, usedKeys, type Tree } from './catalogues';
import { NAMESPACES } from './namespaces';

const load = (files: Record<string, { default: Tree }>) =>
  new Map(
    Object.entries(files).map(([path, m]) => [
      path.replace(/^.*\/(\w+)\.ts$/, '$1'),
      new Map(flatten(m.default)),
    ]),
  );
const zh = load(import.meta.glob('./zh-CN/*.ts', { eager: true }));
const en = load(import.meta.glob('./en/*.ts', { eager: true }));
const common = zh.get('common')!;
const vars = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

/** Every source file of the web app, as text (tests and catalogues aside). */
const sources = import.meta.glob(
  ['../**/*.{ts,tsx}', '!../**/*.test.ts', '!./zh-CN/*.ts', '!./en/*.ts', '!./catalogues.ts'],
  {
    query: '?raw',
    import: 'default',
    eager: true,
  },
) as Record<string, string>;

describe('the catalogues', () => {
  it('are one pair of files per namespace', () => {
    expect([...zh.keys()].sort()).toEqual([...NAMESPACES].sort());
    expect([...en.keys()].sort()).toEqual([...NAMESPACES].sort());
  });

  it.each(NAMESPACES)('%s has exactly the same keys in zh-CN and en', (ns) => {
    expect([...en.get(ns)!.keys()].sort()).toEqual([...zh.get(ns)!.keys()].sort());
    expect(zh.get(ns)!.size).toBeGreaterThan(5);
  });

  it.each(NAMESPACES)('%s has no empty strings and the same variables in both languages', (ns) => {
    for (const [k, v] of [...zh.get(ns)!, ...en.get(ns)!]) expect(v.trim(), `${ns}:${k}`).not.toBe('');
    for (const [k, v] of zh.get(ns)!) expect(vars(en.get(ns)!.get(k) ?? ''), `${ns}:${k}`).toEqual(vars(v));
  });

  it('never hide a common section behind an area one (common is every namespace’s fallback)', () => {
    const sections = new Set([...common.keys()].map((k) => k.split('.')[0]));
    for (const ns of NAMESPACES.filter((n) => n !== 'common'))
      for (const k of zh.get(ns)!.keys()) expect(sections.has(k.split('.')[0]!), `${ns}:${k}`).toBe(false);
  });

  it('label every organisation kind, role, application status and audit outcome', () => {
    for (const k of ORG_KINDS)
      expect(common.has(`kind.${k}`) && en.get('common')!.has(`kind.${k}`), k).toBe(true);
    for (const r of ROLES) expect(common.has(`role.${r}`), r).toBe(true);
    for (const s of APPLICATION_STATUSES) expect(common.has(`appStatus.${s}`), s).toBe(true);
    for (const o of AUDIT_OUTCOMES) expect(zh.get('audit')!.has(`outcome.${o}`), o).toBe(true);
  });

  it('label the keys the code builds at run time', () => {
    for (const e of NAV) expect(common.has(`nav.${e.key}`), e.key).toBe(true);
    for (const i of passwordChecklist('x', 'u', 'x'))
      expect(zh.get('auth')!.has(`password.rule.${i.key}`), i.key).toBe(true);
    for (const s of ['active', 'disabled', 'locked', 'mustChangePassword'])
      expect(zh.get('accounts')!.has(`status.${s}`), s).toBe(true);
    const validation = [
      'required',
      'minLength',
      'maxLength',
      'min',
      'max',
      'integer',
      'number',
      'format',
      'control',
      'invalid',
    ];
    for (const v of validation) expect(common.has(`validation.${v}`), v).toBe(true);
  });

  it('hold every key the source uses, in the namespace it is read from or in common', () => {
    const found = (ns: string, key: string, prefix: boolean) => {
      const keys = [...(zh.get(ns as never)?.keys() ?? [])];
      return prefix
        ? keys.some((k) => k.startsWith(key))
        : keys.some((k) => k === key || k.startsWith(`${key}.`));
    };
    const used = Object.entries(sources).flatMap(([file, text]) =>
      usedKeys(text).map((u) => ({ file, ...u })),
    );
    expect(used.length).toBeGreaterThan(900);
    const missing = used
      .filter((u) => !found(u.ns, u.key, u.prefix) && !found('common', u.key, u.prefix))
      .map((u) => `${u.file}: ${u.ns}:${u.key}`);
    expect(missing).toEqual([]);
  });

  it('name the product as the design does', () => {
    expect(common.get('app.name')).toBe('示范创建管理平台');
    expect(common.get('layout.demoBanner')).toBe('演示数据 · 仅供体验');
  });
});

describe('usedKeys', () => {
  it('reads each component’s keys in its namespace and cross-namespace keys in theirs', () => {
    const src = [
      "const a = t('common.save');",
      "function A() { const { t } = useTranslation('audit'); return t('field.at') + t(`outcome.${o}`); }",
      "function B() { const { t } = useTranslation(['recommend', 'applications']);",
      "  return t(x ? 'deadline' : 'pastDeadline') + t('applications:field.title', { n }); }",
    ].join('\n');
    expect(usedKeys(src)).toEqual([
      { ns: 'common', key: 'common.save', prefix: false },
      { ns: 'audit', key: 'field.at', prefix: false },
      { ns: 'recommend', key: 'deadline', prefix: false },
      { ns: 'recommend', key: 'pastDeadline', prefix: false },
      { ns: 'applications', key: 'field.title', prefix: false },
      { ns: 'audit', key: 'outcome.', prefix: true },
    ]);
  });
});
