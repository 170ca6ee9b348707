import { EVIDENCE_TYPES, fileTypeLabel } from '../../../shared/src/contracts/evidence';
import { describe, expect, it } from 'vitest';
import {
  autosaveStatus,
  checkEvidenceFile,
  conflictInfo,
  conflictKey,
  evidenceKindOf,
  fileFamily,
  formatBytes,
  gapAnchor,
  isLate,
  isValidSelfScore,
  moveById,
  moveItem,
  sameOrder,
} from './applications';

const MiB = 1024 * 1024;

describe('the evidence pre-check', () => {
  it('accepts PDF, JPEG, PNG, DOCX and XLSX by extension, in any case', () => {
    expect(evidenceKindOf('报告.PDF')).toBe('pdf');
    expect(evidenceKindOf('a.jpeg')).toBe('jpeg');
    expect(evidenceKindOf('a.JPG')).toBe('jpeg');
    expect(evidenceKindOf('a.png')).toBe('png');
    expect(evidenceKindOf('台账.docx')).toBe('docx');
    expect(evidenceKindOf('x.xlsx')).toBe('xlsx');
  });

  it('refuses other types, old Office formats and names without an extension', () => {
    expect(checkEvidenceFile({ name: 'a.doc', size: 10 })).toBe('type');
    expect(checkEvidenceFile({ name: 'a.exe', size: 10 })).toBe('type');
    expect(checkEvidenceFile({ name: 'README', size: 10 })).toBe('type');
    expect(checkEvidenceFile({ name: 'a.pdf.zip', size: 10 })).toBe('type');
  });

  it('allows exactly 20 MB and refuses one byte more, and empty files', () => {
    expect(checkEvidenceFile({ name: 'a.pdf', size: 20 * MiB })).toBeNull();
    expect(checkEvidenceFile({ name: 'a.pdf', size: 20 * MiB + 1 })).toBe('size');
    expect(checkEvidenceFile({ name: 'a.pdf', size: 0 })).toBe('empty');
  });

  it('names the icon family of stored files', () => {
    expect(fileFamily('image/jpeg')).toBe('image');
    expect(fileFamily('application/pdf')).toBe('pdf');
    expect(fileFamily('application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe(
      'word',
    );
    expect(fileFamily('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe('excel');
    expect(fileFamily('text/plain')).toBe('other');
    expect(
      ['application/pdf', 'image/png', EVIDENCE_TYPES.docx.mime, EVIDENCE_TYPES.xlsx.mime, 'text/plain'].map(
        (m) => [fileTypeLabel(m, 'zh'), fileTypeLabel(m, 'en')],
      ),
    ).toEqual([
      ['PDF', 'PDF'],
      ['图片', 'Image'],
      ['Word 文档', 'Word document'],
      ['Excel 表格', 'Excel workbook'],
      ['其他文件', 'Other file'],
    ]);
  });

  it('formats sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(20 * MiB)).toBe('20 MB');
  });
});

describe('the autosave conflict message', () => {
  const fmt = (iso: string) => `T(${iso})`;

  it('names who saved and when', () => {
    const info = conflictInfo({ updatedByName: '张三', updatedAt: '2026-03-01T06:05:00.000Z' }, fmt);
    expect(info).toEqual({ name: '张三', at: 'T(2026-03-01T06:05:00.000Z)' });
    expect(conflictKey(info)).toBe('conflictByAt');
  });

  it('falls back to the time alone, or to a plain sentence', () => {
    const timeOnly = conflictInfo({ updatedByName: null, updatedAt: '2026-03-01T06:05:00.000Z' }, fmt);
    expect(timeOnly).toEqual({ name: '', at: 'T(2026-03-01T06:05:00.000Z)' });
    expect(conflictKey(timeOnly)).toBe('conflictAt');
    const nothing = conflictInfo({}, fmt);
    expect(nothing).toEqual({ name: '', at: '' });
    expect(conflictKey(nothing)).toBe('conflictUnknown');
  });
});

describe('rank reordering', () => {
  const list = [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }];
  const ids = (l: { id: string }[]) => l.map((x) => x.id).join('');

  it('moves an item down and up by dragging', () => {
    expect(ids(moveItem(list, 0, 2))).toBe('bcad');
    expect(ids(moveItem(list, 3, 0))).toBe('dabc');
  });

  it('leaves the order alone for out-of-range or same-place moves, and never mutates the input', () => {
    expect(ids(moveItem(list, 1, 1))).toBe('abcd');
    expect(ids(moveItem(list, -1, 2))).toBe('abcd');
    expect(ids(moveItem(list, 1, 4))).toBe('abcd');
    expect(ids(list)).toBe('abcd');
  });

  it('moves by one with the up/down buttons, stopping at the ends', () => {
    expect(ids(moveById(list, 'c', -1))).toBe('acbd');
    expect(ids(moveById(list, 'c', 1))).toBe('abdc');
    expect(ids(moveById(list, 'a', -1))).toBe('abcd');
    expect(ids(moveById(list, 'd', 1))).toBe('abcd');
    expect(ids(moveById(list, 'x', 1))).toBe('abcd');
  });

  it('compares orders', () => {
    expect(sameOrder(list, [...list])).toBe(true);
    expect(sameOrder(list, moveItem(list, 0, 1))).toBe(false);
    expect(sameOrder(list, list.slice(1))).toBe(false);
  });
});

describe('small rules', () => {
  it('links a gap to its criterion or field', () => {
    expect(gapAnchor({ criterionId: 'c1', field: null })).toBe('criterion-c1');
    expect(gapAnchor({ criterionId: null, field: 'summary' })).toBe('field-summary');
    expect(gapAnchor({ criterionId: null, field: null })).toBeNull();
  });

  it('accepts self scores in half points within 0..max', () => {
    expect(isValidSelfScore(0, 10)).toBe(true);
    expect(isValidSelfScore(9.5, 10)).toBe(true);
    expect(isValidSelfScore(10, 10)).toBe(true);
    expect(isValidSelfScore(10.5, 10)).toBe(false);
    expect(isValidSelfScore(3.3, 10)).toBe(false);
    expect(isValidSelfScore(-0.5, 10)).toBe(false);
  });

  it('marks unfinished milestones past their due date as late', () => {
    expect(isLate('2026-03-01', false, '2026-03-02')).toBe(true);
    expect(isLate('2026-03-02', false, '2026-03-02')).toBe(false);
    expect(isLate('2026-03-01', true, '2026-03-02')).toBe(false);
    expect(isLate(null, false, '2026-03-02')).toBe(false);
  });
});

describe('autosaveStatus: never 已自动保存 over a self-score that was left out', () => {
  it('a rejected score wins over an earlier save and a save in flight', () => {
    const savedAt = '2026-03-01T06:05:00Z';
    expect(autosaveStatus({ saving: false, savedAt, invalidScores: ['c1'] })).toBe('invalid');
    expect(autosaveStatus({ saving: true, savedAt, invalidScores: ['c1'] })).toBe('invalid');
  });

  it('otherwise saving, saved or the hint', () => {
    expect(autosaveStatus({ saving: true, savedAt: null, invalidScores: [] })).toBe('saving');
    expect(autosaveStatus({ saving: false, savedAt: '2026-03-01T06:05:00Z', invalidScores: [] })).toBe(
      'saved',
    );
    expect(autosaveStatus({ saving: false, savedAt: null, invalidScores: [] })).toBe('idle');
  });
});
