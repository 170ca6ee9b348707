import { describe, expect, it } from 'vitest';
import { AUDIT_FIELDS, auditChangesText, auditDetailText, auditValueText } from './audit-fields';

const ID = '0b6a3c5e-6f0a-4f59-9a56-1d2a8d7c0e11';
const zh = { lang: 'zh' as const, names: { [ID]: '市水务局机关党委' }, time: (s: string) => `T(${s})` };
const en = { ...zh, lang: 'en' as const };

describe('audit values in words', () => {
  it('labels every listed field in Chinese and in English', () => {
    for (const [code, l] of Object.entries(AUDIT_FIELDS)) {
      expect(l.zh, code).toMatch(/[\u4e00-\u9fff]/);
      expect(l.en, code).toMatch(/^[A-Z][\x20-\x7e]*$/);
    }
  });

  it.each([
    ['unitId', ID, '市水务局机关党委', '市水务局机关党委'],
    [
      'unitId',
      'ffffffff-6f0a-4f59-9a56-1d2a8d7c0e11',
      'ffffffff-6f0a-4f59-9a56-1d2a8d7c0e11',
      'ffffffff-6f0a-4f59-9a56-1d2a8d7c0e11',
    ],
    ['active', true, '是', 'Yes'],
    ['disabled', false, '否', 'No'],
    ['role', 'unit_admin', '直属党组织管理员', 'Unit admin'],
    ['lockedUntil', '2026-11-29T08:00:00.000Z', 'T(2026-11-29T08:00:00.000Z)', 'T(2026-11-29T08:00:00.000Z)'],
    ['tracks', ['site', 'venue'], 'site、venue', 'site, venue'],
    ['email', null, '—', '—'],
    ['memberCount', 12, '12', '12'],
  ])('%s %j reads %s / %s', (field, v, inZh, inEn) => {
    expect(auditValueText(field, v, zh)).toBe(inZh);
    expect(auditValueText(field, v, en)).toBe(inEn);
  });

  it('writes a change per line with the field named', () => {
    expect(
      auditChangesText(
        {
          parentId: { before: null, after: ID },
          active: { before: true, after: false },
          foo: { before: 1, after: 2 },
        },
        zh,
      ),
    ).toBe('上级党组织：— → 市水务局机关党委\n启用：是 → 否\nfoo：1 → 2');
  });

  it('reads the audit log’s own JSON details (filters, paging) in words, and keeps free text', () => {
    const detail = JSON.stringify({
      filters: { action: 'accounts.create', outcome: 'denied' },
      sort: '-at',
      page: 1,
      pageSize: 20,
      total: 3,
    });
    expect(auditDetailText(detail, zh)).toBe(
      '筛选条件：操作=新建账号，结果=拒绝；排序：时间降序；页码：1；每页条数：20；符合条件：3',
    );
    expect(auditDetailText(JSON.stringify({ filters: {}, total: 0, rows: 0 }), en)).toBe(
      'Filters: none; Matching: 0; Exported: 0',
    );
    expect(auditDetailText('sessions ended: 0', zh)).toBe('sessions ended: 0');
    expect(auditDetailText('GET /api/audit-events needs audit.read', zh)).toBe(
      'GET /api/audit-events：需要“查询审计日志”权限',
    );
    expect(auditDetailText('POST /api/x needs peer.rate', en)).toBe('POST /api/x: needs “Peer rating”');
    expect(auditDetailText('{not json', zh)).toBe('{not json');
    // Ids written in free text by their names; an id the event does not name stays as it is.
    const other = '00000000-0000-4000-8000-000000000000';
    expect(auditDetailText(`campaign ${ID.toUpperCase()}, position 2; draw ${other}`, zh)).toBe(
      `campaign 市水务局机关党委, position 2; draw ${other}`,
    );
    expect(auditDetailText(null, zh)).toBe('');
  });
});

describe('the 操作 filter’s groups', () => {
  it('names the module of every action of the typed list in both languages', async () => {
    const { AUDIT_ACTIONS } = await import('./audit-actions');
    const { AUDIT_MODULES } = await import('./audit-fields');
    for (const code of Object.keys(AUDIT_ACTIONS)) {
      const prefix = code.split('.')[0]!;
      expect(Object.hasOwn(AUDIT_MODULES, prefix), code).toBe(true);
    }
  });
});
