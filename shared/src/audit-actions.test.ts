import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_OBJECTS, auditLabel, isAuditAction } from './audit-actions';

const CJK = /[\u4e00-\u9fff]/;

describe('the typed audit list', () => {
  it('labels every action and object type in Chinese and in English', () => {
    for (const [code, label] of [...Object.entries(AUDIT_ACTIONS), ...Object.entries(AUDIT_OBJECTS)]) {
      expect(label.zh, code).toMatch(CJK);
      expect(label.en, code).toMatch(/^[A-Z][\x20-\x7e]*$/);
      expect(label.en, code).not.toContain(code);
    }
  });

  it('gives each label once per language, so the filter never offers two equal names', () => {
    for (const lang of ['zh', 'en'] as const) {
      const labels = Object.values(AUDIT_ACTIONS).map((l) => l[lang]);
      expect(new Set(labels).size).toBe(labels.length);
    }
  });

  it('names actions as module.verb in lower snake case', () => {
    for (const code of Object.keys(AUDIT_ACTIONS)) expect(code).toMatch(/^[a-z]+(\.[a-z_]+)+$/);
  });

  it('shows an unknown (older) code as it is', () => {
    expect(auditLabel('action', 'organizations.move', 'zh')).toBe('调整隶属关系');
    expect(auditLabel('action', 'accounts.reset_password', 'en')).toBe('Reset password');
    expect(auditLabel('action', 'campaigns.publish', 'zh')).toBe('campaigns.publish');
    expect(auditLabel('object', 'evidence_file', 'zh')).toBe('佐证材料');
    expect(isAuditAction('toString')).toBe(false);
  });
});
