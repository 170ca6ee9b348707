import { createInstance, type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import zhAudit from '../../i18n/zh-CN/audit';
import enAudit from '../../i18n/en/audit';
import { actionLabel, actionOptions, knownAuditNames, objectTypeLabel, outcomeLabel } from './labels';
import { AUDIT_ACTIONS } from '../../../../shared/src/audit-actions';

let zh: TFunction<'audit'>;
let enT: TFunction<'audit'>;

beforeAll(async () => {
  const i = createInstance();
  await i.init({
    lng: 'zh-CN',
    ns: ['audit'],
    resources: { 'zh-CN': { audit: zhAudit }, en: { audit: enAudit } },
    interpolation: { escapeValue: false },
  });
  zh = i.getFixedT('zh-CN', 'audit');
  enT = i.getFixedT('en', 'audit');
});

describe('audit labels', () => {
  it('name outcomes and dotted actions, and show unknown ones as they are', () => {
    expect(outcomeLabel(enT, 'denied')).toBe('Denied');
    expect(actionLabel(zh, 'auth.login')).toBe('登录');
    expect(actionLabel(zh, 'organizations.move')).toBe('调整隶属关系');
    expect(actionLabel(enT, 'accounts.reset_password')).toBe('Reset password');
    expect(actionLabel(zh, 'campaigns.publish')).toBe('campaigns.publish');
    expect(actionLabel(zh, 'auth')).toBe('auth');
    expect(objectTypeLabel(zh, 'user')).toBe('账号');
    expect(objectTypeLabel(zh, 'title')).toBe('称号');
    expect(objectTypeLabel(zh, 'no_such_object')).toBe('no_such_object');
  });

  it('list the known audit names for the filters', () => {
    expect(knownAuditNames(zh, 'action')).toContainEqual({
      value: 'auth.password_change',
      label: '修改密码',
    });
    expect(knownAuditNames(enT, 'object')).toContainEqual({ value: 'venue', label: 'Venue' });
  });

  it('offer every action of the typed list in the 操作 filter by its name, grouped by module', () => {
    const groups = actionOptions(zh);
    const values = groups.flatMap((g) => g.options.map((o) => o.value));
    for (const code of Object.keys(AUDIT_ACTIONS)) expect(values, code).toContain(code);
    const accounts = groups.find((g) => g.label === '账号')!;
    // The module's 'every action' entry first, then its actions (the list grows with the modules).
    expect(accounts.options[0]).toEqual({ value: 'accounts.', label: '账号（全部操作）' });
    expect(accounts.options).toContainEqual({ value: 'accounts.create', label: '新建账号' });
    expect(accounts.options).toContainEqual({
      value: 'accounts.reset_second_factor',
      label: '重置双因素认证',
    });
    for (const g of [...groups, ...actionOptions(enT)])
      for (const o of g.options) expect(o.label).not.toMatch(/[a-z]+\.[a-z_]*/);
  });
});
