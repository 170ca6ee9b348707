import { createInstance, type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { flatten } from './catalogues';
import { applicationStatusLabel, bilingual, kindLabel, roleLabel } from './labels';

const resources = (lang: string) =>
  Object.fromEntries(
    Object.entries(import.meta.glob<{ default: object }>('./*/*.ts', { eager: true }))
      .filter(([p]) => p.startsWith(`./${lang}/`))
      .map(([p, m]) => [p.replace(/^.*\/(\w+)\.ts$/, '$1'), m.default]),
  );

let zh: TFunction<'audit'>;
let enT: TFunction<'audit'>;

beforeAll(async () => {
  const make = async (lng: string) => {
    const i = createInstance();
    await i.init({
      lng,
      ns: ['common', 'audit'],
      defaultNS: 'common',
      fallbackNS: 'common',
      resources: { 'zh-CN': resources('zh-CN'), en: resources('en') },
      interpolation: { escapeValue: false },
    });
    return i.getFixedT(lng, 'audit');
  };
  zh = await make('zh-CN');
  enT = await make('en');
});

describe('labels', () => {
  it('name kinds, roles and application statuses in the UI language, from any namespace’s t', () => {
    expect(kindLabel(zh, 'general_branch')).toBe('党总支');
    expect(kindLabel(enT, 'general_branch')).toBe('General branch');
    expect(roleLabel(zh, 'unit_admin')).toBe('直属党组织管理员');
    expect(applicationStatusLabel(zh, 'recommended')).toBe('单位已推荐');
    expect(applicationStatusLabel(enT, 'in_publicity')).toBe('In publicity');
  });

  it('read an area key in its namespace and a cross-namespace one by its prefix', () => {
    expect(zh('field.actor')).toBe('操作人');
    expect(zh('common.save')).toBe('保存');
    expect(enT('venues:field.name' as never)).toBe('Name');
  });

  it('pick the text typed in the UI language, falling back to Chinese', () => {
    expect(bilingual('en', '示范点', 'Site')).toBe('Site');
    expect(bilingual('en', '示范点', null)).toBe('示范点');
    expect(bilingual('zh-CN', '示范点', 'Site')).toBe('示范点');
  });

  it('flatten nested sections to dotted keys', () => {
    expect(flatten({ a: { b: 'x', c: { d: 'y' } }, e: 'z' })).toEqual([
      ['a.b', 'x'],
      ['a.c.d', 'y'],
      ['e', 'z'],
    ]);
  });
});
