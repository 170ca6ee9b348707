import { createInstance, type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  actionLabel,
  flatten,
  kindLabel,
  knownAuditNames,
  objectTypeLabel,
  outcomeLabel,
  roleLabel,
} from './labels';
import en from './en';
import zhCN from './zh-CN';

let zh: TFunction;
let enT: TFunction;

beforeAll(async () => {
  const make = async (lng: string) => {
    const i = createInstance();
    await i.init({
      lng,
      resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
      interpolation: { escapeValue: false },
    });
    return i.t;
  };
  zh = await make('zh-CN');
  enT = await make('en');
});

describe('labels', () => {
  it('name kinds, roles and outcomes in the UI language', () => {
    expect(kindLabel(zh, 'general_branch')).toBe('党总支');
    expect(kindLabel(enT, 'general_branch')).toBe('General branch');
    expect(roleLabel(zh, 'unit_admin')).toBe('直属党组织管理员');
    expect(outcomeLabel(enT, 'denied')).toBe('Denied');
  });

  it('name dotted audit actions and show unknown ones as they are', () => {
    expect(actionLabel(zh, 'auth.login')).toBe('登录');
    expect(actionLabel(zh, 'organizations.move')).toBe('调整隶属关系');
    expect(actionLabel(enT, 'accounts.reset_password')).toBe('Reset password');
    expect(actionLabel(zh, 'campaigns.publish')).toBe('campaigns.publish');
    expect(actionLabel(zh, 'auth')).toBe('auth');
    expect(objectTypeLabel(zh, 'user')).toBe('账号');
    expect(objectTypeLabel(zh, 'title')).toBe('title');
  });

  it('list the known audit names for the filters', () => {
    expect(knownAuditNames(zh, 'auditAction')).toContainEqual({
      value: 'auth.password_change',
      label: '修改密码',
    });
    expect(knownAuditNames(enT, 'auditObject')).toContainEqual({ value: 'venue', label: 'Venue' });
  });

  it('flatten nested sections to dotted keys', () => {
    expect(flatten({ a: { b: 'x', c: { d: 'y' } }, e: 'z' })).toEqual([
      ['a.b', 'x'],
      ['a.c.d', 'y'],
      ['e', 'z'],
    ]);
  });
});
