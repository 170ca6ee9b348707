import { describe, expect, it } from 'vitest';
import { ORG_KINDS, ROLES } from '../../../shared/src/enums';
import { AUDIT_OUTCOMES } from '../../../shared/src/contracts/audit';
import { NAV } from '../lib/nav';
import { passwordChecklist } from '../lib/password';
import { flatten } from './labels';
import en from './en';
import zhCN from './zh-CN';

type Tree = Parameters<typeof flatten>[0];
const zh = new Map(flatten(zhCN as Tree));
const enMap = new Map(flatten(en as Tree));
const vars = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

/** Every source file of the web app, as text (tests and catalogues aside). */
const sources = import.meta.glob(['../**/*.{ts,tsx}', '!../**/*.test.ts', '!./zh-CN.ts', '!./en.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

describe('the catalogues', () => {
  it('have exactly the same keys in zh-CN and en', () => {
    expect([...enMap.keys()].sort()).toEqual([...zh.keys()].sort());
  });

  it('have no empty strings', () => {
    for (const [k, v] of [...zh, ...enMap]) expect(v.trim(), k).not.toBe('');
  });

  it('use the same interpolation variables in both languages', () => {
    for (const [k, v] of zh) expect(vars(enMap.get(k) ?? ''), k).toEqual(vars(v));
  });

  it('label every organisation kind, role and audit outcome', () => {
    for (const k of ORG_KINDS) expect(zh.has(`kind.${k}`) && enMap.has(`kind.${k}`), k).toBe(true);
    for (const r of ROLES) expect(zh.has(`role.${r}`) && enMap.has(`role.${r}`), r).toBe(true);
    for (const o of AUDIT_OUTCOMES) expect(zh.has(`auditOutcome.${o}`), o).toBe(true);
  });

  it('label the keys the code builds at run time', () => {
    for (const e of NAV) expect(zh.has(`nav.${e.key}`), e.key).toBe(true);
    for (const i of passwordChecklist('x', 'u', 'x'))
      expect(zh.has(`password.rule.${i.key}`), i.key).toBe(true);
    for (const s of ['active', 'disabled', 'locked', 'mustChangePassword'])
      expect(zh.has(`account.status.${s}`), s).toBe(true);
    const validation = [
      'required',
      'minLength',
      'maxLength',
      'min',
      'max',
      'integer',
      'number',
      'format',
      'invalid',
    ];
    for (const v of validation) expect(zh.has(`validation.${v}`), v).toBe(true);
  });

  it('hold every literal key the source uses', () => {
    const used = new Set<string>();
    for (const text of Object.values(sources))
      for (const m of text.matchAll(/\bt\(\s*'([A-Za-z0-9_.]+)'/g)) used.add(m[1]!);
    expect(used.size).toBeGreaterThan(150);
    const missing = [...used].filter(
      (k) => !zh.has(k) && !flatten(zhCN as Tree).some(([full]) => full.startsWith(`${k}.`)),
    );
    expect(missing).toEqual([]);
  });

  it('name the product as the design does', () => {
    expect(zh.get('app.name')).toBe('示范创建管理平台');
    expect(zh.get('layout.demoBanner')).toBe('演示数据 · 仅供体验');
  });
});
