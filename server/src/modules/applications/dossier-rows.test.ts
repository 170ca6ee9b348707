import { describe, expect, it } from 'vitest';
import { evidenceRow } from './dossier-pdf';

describe('the dossier PDF’s evidence table (issue #7.13)', () => {
  it('names the file type in words, the criterion it supports and the size in the one format', () => {
    const titles = new Map([['c1', '领导班子有力']]);
    const at = '2026-11-21T03:55:00.000Z';
    expect(
      evidenceRow(
        {
          originalName: '分工文件.pdf',
          criterionId: 'c1',
          mediaType: 'application/pdf',
          sizeBytes: 1536,
          uploadedAt: at,
        },
        titles,
      ),
    ).toEqual(['分工文件.pdf', '领导班子有力', 'PDF', '1.5 KB', '2026-11-21 11:55']);
    expect(
      evidenceRow(
        {
          originalName: '台账.xlsx',
          criterionId: null,
          mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          sizeBytes: 20 * 1024 * 1024,
          uploadedAt: at,
        },
        titles,
      ),
    ).toEqual(['台账.xlsx', '—', 'Excel 表格', '20 MB', '2026-11-21 11:55']);
    expect(
      evidenceRow(
        { originalName: 'a.jpg', criterionId: null, mediaType: 'image/jpeg', sizeBytes: 512, uploadedAt: at },
        titles,
      )[2],
    ).toBe('图片');
  });
});
