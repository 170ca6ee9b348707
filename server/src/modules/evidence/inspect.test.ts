import { describe, expect, it } from 'vitest';
import { contentDisposition } from '../../core/http-files';
import { fileNameProblem, kindOfName, ooxmlProblem, ZIP_LIMITS, type ZipEntryInfo } from './inspect';

const MiB = 1024 * 1024;
const entry = (name: string, uncompressedSize = 1000, compressedSize = 400): ZipEntryInfo => ({
  name,
  compressedSize,
  uncompressedSize,
});
const docx = [entry('[Content_Types].xml'), entry('_rels/.rels'), entry('word/document.xml')];

describe('file names', () => {
  it('accepts ordinary names, Chinese ones included', () => {
    expect(fileNameProblem('党支部工作总结（2026年）.pdf')).toBeNull();
    expect(fileNameProblem('scan 01.JPG')).toBeNull();
  });

  it('refuses empty names, control characters, paths and overlong names', () => {
    const reason = (n: string) => fileNameProblem(n)?.reason;
    expect(reason('')).toBe('name_missing');
    expect(reason('  ')).toBe('name_missing');
    expect(reason('a\u0000.pdf')).toBe('name_control');
    expect(reason('a\r\n.pdf')).toBe('name_control');
    expect(reason('../a.pdf')).toBe('name_path');
    expect(reason('dir/a.pdf')).toBe('name_path');
    expect(reason('C:\\temp\\a.pdf')).toBe('name_path');
    expect(reason('..')).toBe('name_path');
    expect(reason(`${'文'.repeat(197)}.pdf`)).toBe('name_too_long');
    expect(reason(`${'文'.repeat(196)}.pdf`)).toBeUndefined();
  });

  it('maps extensions to the accepted kinds, case-insensitively', () => {
    expect(['a.pdf', 'a.JPG', 'a.jpeg', 'a.Png', 'a.docx', 'a.XLSX'].map(kindOfName)).toEqual([
      'pdf',
      'jpeg',
      'jpeg',
      'png',
      'docx',
      'xlsx',
    ]);
    expect(['a.svg', 'a.html', 'a.doc', 'a.xls', 'a.pdf.exe', 'pdf', 'a.'].map(kindOfName)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});

describe('DOCX/XLSX central-directory checks', () => {
  it('accepts a plain document', () => {
    expect(ooxmlProblem(docx, 'docx')).toBeNull();
    expect(ooxmlProblem([entry('[Content_Types].xml'), entry('xl/workbook.xml')], 'xlsx')).toBeNull();
  });

  it('refuses more than 2,000 entries, counted from the directory', () => {
    expect(ooxmlProblem(docx, 'docx', ZIP_LIMITS.entries + 1)?.reason).toBe('zip_too_many_entries');
    const many = [
      ...docx,
      ...Array.from({ length: ZIP_LIMITS.entries - 3 }, (_, i) => entry(`word/m${i}.xml`)),
    ];
    expect(ooxmlProblem(many, 'docx')).toBeNull();
    expect(ooxmlProblem([...many, entry('word/one-more.xml')], 'docx')?.reason).toBe('zip_too_many_entries');
  });

  it('refuses more than 200 MB uncompressed in total', () => {
    // 60 + 60 + 60 + 20 MiB minus the 1,000 bytes of [Content_Types].xml: exactly 200 MiB.
    const sizes = [60 * MiB, 60 * MiB, 60 * MiB, 20 * MiB - 1000];
    const parts = sizes.map((size, i) => entry(`word/media/p${i}.bin`, size, size));
    expect(ooxmlProblem([...docx.slice(0, 1), ...parts], 'docx')).toBeNull();
    expect(ooxmlProblem([...docx, ...parts], 'docx')?.reason).toBe('zip_too_large');
  });

  it('refuses an entry that expands more than 100 times, unless it is tiny', () => {
    expect(
      ooxmlProblem([...docx, entry('word/media/a.bin', 101 * 1024 * 1024, 1024 * 1024)], 'docx')?.reason,
    ).toBe('zip_ratio');
    expect(
      ooxmlProblem([...docx, entry('word/media/a.bin', 100 * 1024 * 1024, 1024 * 1024)], 'docx'),
    ).toBeNull();
    expect(ooxmlProblem([...docx, entry('word/styles.xml', 60 * 1024, 20)], 'docx')).toBeNull();
    expect(ooxmlProblem([...docx, entry('word/styles.xml', 70 * 1024, 20)], 'docx')?.reason).toBe(
      'zip_ratio',
    );
  });

  it('requires [Content_Types].xml and the word/ or xl/ part', () => {
    expect(ooxmlProblem(docx.slice(1), 'docx')?.reason).toBe('not_ooxml');
    expect(ooxmlProblem(docx, 'xlsx')?.reason).toBe('not_ooxml');
  });
});

describe('Content-Disposition', () => {
  it('gives an ASCII fallback and the UTF-8 name (RFC 8187)', () => {
    expect(contentDisposition('attachment', 'report.pdf')).toBe(
      `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`,
    );
    expect(contentDisposition('attachment', '申报书.pdf')).toBe(
      `attachment; filename="evidence.pdf"; filename*=UTF-8''%E7%94%B3%E6%8A%A5%E4%B9%A6.pdf`,
    );
    expect(contentDisposition('inline', `x"; evil=1 (v2)'s*.png`)).toBe(
      `inline; filename="x_ evil=1 (v2)'s*.png"; filename*=UTF-8''x%22%3B%20evil%3D1%20%28v2%29%27s%2A.png`,
    );
  });
});
