import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AppError } from '../../core/errors';
import { cellText, decodeText, detectFormat, parseCsv } from './import-file';
import { mapHeader, parseKind } from './import';
import { gb18030, xlsxOf } from './import-test-kit';
import { parseFile } from './import-service';

const detailCode = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? `${err.code}:${err.details[0]?.code}` : String(err);
  }
  return 'no error';
};

describe('CSV', () => {
  it('splits quoted cells with commas, doubled quotes and line breaks; CRLF or LF', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","two\nlines"\n 1 ,,3\n';
    expect([...parseCsv(text)]).toEqual([
      { row: 1, cells: ['a', 'b', 'c'] },
      { row: 2, cells: ['x, y', 'say "hi"', 'two\nlines'] },
      { row: 3, cells: ['1', '', '3'] },
    ]);
  });

  it('reads tab-separated text and a last line without a line break', () => {
    expect([...parseCsv('组织编码\t组织名称\nA\t甲')]).toEqual([
      { row: 1, cells: ['组织编码', '组织名称'] },
      { row: 2, cells: ['A', '甲'] },
    ]);
  });

  it('refuses an unclosed quote', () => {
    expect(detailCode(() => [...parseCsv('a,b\n"x,y\n')])).toBe('INVALID_FILE:csv_unclosed_quote');
  });
});

describe('decoding', () => {
  const text = '组织编码,组织名称\nA,市水务局机关党委';
  it('reads UTF-8 with and without a BOM, UTF-16 with a BOM, and GB18030', () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toBe(text);
    expect(decodeText(Buffer.from(text))).toBe(text);
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toBe(text);
    expect(decodeText(gb18030(text))).toBe(text);
  });

  it('refuses binary content', () => {
    expect(detailCode(() => decodeText(Buffer.from([0x41, 0x00, 0x42])))).toBe('INVALID_FILE:not_text');
  });

  it('decides the format by content; a workbook name with other content is refused', () => {
    expect(detectFormat(Buffer.from('PK\x03\x04rest'), 'whatever.csv')).toBe('xlsx');
    expect(detectFormat(Buffer.from('a,b'), 'data.txt')).toBe('csv');
    expect(detailCode(() => detectFormat(Buffer.from('a,b'), 'data.XLSX'))).toBe('INVALID_FILE:not_xlsx');
  });
});

describe('header and cells', () => {
  it('matches Chinese or English names, ignoring spaces, * and a trailing note, and unknown columns', () => {
    const map = mapHeader([
      'Code',
      '组织名称*',
      '备注',
      ' 组织类型（必填） ',
      'parent code',
      '所属直属党组织',
    ]);
    expect([...map.index.entries()]).toEqual([
      ['code', 0],
      ['name', 1],
      ['kind', 3],
      ['parentCode', 4],
    ]);
  });

  it('refuses a column given twice', () => {
    expect(detailCode(() => mapHeader(['组织编码', 'Code', '组织名称', '组织类型', '上级组织编码']))).toBe(
      'INVALID_FILE:duplicate_column',
    );
  });

  it('accepts kinds by label or code name', () => {
    expect(['党总支', 'general_branch', 'General Branch', 'general-branch', '党小组'].map(parseKind)).toEqual(
      ['general_branch', 'general_branch', 'general_branch', 'general_branch', null],
    );
  });

  it('turns exceljs values into text', () => {
    expect(
      [
        ' x ',
        42,
        { richText: [{ text: '市' }, { text: '水务局' }] },
        { formula: 'A1', result: 7 },
        { text: 'link', hyperlink: 'http://x' },
        null,
      ].map(cellText),
    ).toEqual(['x', '42', '市水务局', '7', 'link', '']);
  });
});

describe('damaged workbooks', () => {
  it('any damage or truncation gives rows or INVALID_FILE, never another error', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => [`C${i}`, `第${i}党支部`, null, '党支部', 'WC']);
    const valid = await xlsxOf(rows);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 1, max: 255 })), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.option(fc.nat(valid.length - 1)),
        async (flips, cut) => {
          const b = Buffer.from(valid);
          for (const [at, x] of flips) b[at] = b[at]! ^ x;
          const bytes = cut === null ? b : b.subarray(0, cut);
          try {
            await parseFile({ bytes, filename: 'damaged.xlsx' });
          } catch (err) {
            expect(err).toBeInstanceOf(AppError);
            expect((err as AppError).code).toBe('INVALID_FILE');
          }
        },
      ),
      { numRuns: 150, seed: 2026 },
    );
  });
});
