import { describe, expect, it } from 'vitest';
import { splitFieldProblems } from './form-errors';

describe('splitFieldProblems', () => {
  it('puts errors of the form’s fields on the fields and keeps the rest', () => {
    const r = splitFieldProblems(
      [
        { field: 'code', code: 'duplicate', message: '组织编码已被使用' },
        { field: 'body.name', code: 'too_big', message: '不能超过 100' },
        { field: 'query.page', code: 'too_small', message: '不能小于 1' },
        { field: 'code', code: 'duplicate', message: '组织编码已被使用' },
        { field: 'code', code: 'invalid_format', message: '格式不正确' },
      ],
      ['code', 'name'],
    );
    expect(r.fields).toEqual([
      { name: ['code'], errors: ['组织编码已被使用', '格式不正确'] },
      { name: ['name'], errors: ['不能超过 100'] },
    ]);
    expect(r.rest).toEqual([{ field: 'query.page', code: 'too_small', message: '不能小于 1' }]);
  });

  it('keeps everything when the form has no such field', () => {
    const d = [{ field: '', code: 'x', message: 'm' }];
    expect(splitFieldProblems(d, ['code'])).toEqual({ fields: [], rest: d });
  });
});
