import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { exportPurpose } from './export-purpose';

describe('exportPurpose (PI-02)', () => {
  it('needs nothing for a masked export', () => {
    expect(exportPurpose(false, undefined)).toBeNull();
    expect(exportPurpose(false, 'x')).toBeNull();
  });

  it('returns the trimmed purpose of an unmasked export, counting characters, not bytes', () => {
    expect(exportPurpose(true, '  年度核查  ')).toBe('年度核查');
    expect(exportPurpose(true, 'audit')).toBe('audit');
  });

  it.each([undefined, '', '   ', '核查', 'abc'])('refuses %j for an unmasked export', (p) => {
    let err: unknown;
    try {
      exportPurpose(true, p);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('VALIDATION_FAILED');
    expect((err as AppError).details).toEqual([
      {
        field: 'purpose',
        code: 'purpose_required',
        zh: '导出含未脱敏个人信息（联系电话）的数据，须填写导出用途（至少 4 个字）',
        en: 'This export shows personal data (phone numbers) unmasked: state its purpose (at least 4 characters)',
      },
    ]);
  });
});
