import type { Writable } from 'node:stream';
import type { AuditEvent } from '../../../../shared/src/contracts/audit';
import type { Role } from '../../../../shared/src/enums';
import type { AuditExport } from './service';
import { attachment } from '../../core/http-files';
import { writeXlsxSheet } from '../../core/xlsx';
import { chinaTimeSeconds } from '../../core/time';
import { auditLabel } from '../../../../shared/src/audit-actions';
import {
  auditChangesText,
  auditDetailText,
  type AuditValueOptions,
} from '../../../../shared/src/audit-fields';

export const AUDIT_EXPORT_HEADERS = [
  '时间（北京时间）',
  '操作人',
  '角色',
  'IP',
  '请求号',
  '操作',
  '对象类型',
  '对象',
  '对象ID',
  '范围组织',
  '结果',
  '变更',
  '说明',
] as const;

const ROLE_LABELS: Record<Role, string> = {
  committee_admin: '工委管理员',
  unit_admin: '直属党组织管理员',
  applicant: '基层党组织联络员',
  reviewer: '评审专家',
  security_admin: '安全管理员',
  audit_admin: '审计管理员',
};

const OUTCOME_LABELS: Record<AuditEvent['outcome'], string> = {
  success: '成功',
  failure: '失败',
  denied: '拒绝',
};

/** `attachment; filename*=UTF-8''审计日志-2026-11-29.xlsx` (RFC 6266/5987), with an ASCII fallback. */
export function exportDisposition(now: Date): string {
  const date = now.toISOString().slice(0, 10);
  return attachment(`审计日志-${date}.xlsx`, `audit-log-${date}.xlsx`);
}

const options = (e: AuditEvent): AuditValueOptions => ({
  lang: 'zh',
  names: e.names,
  time: chinaTimeSeconds,
});

/** The actor as `姓名（用户名）` when the account is known, else the recorded username. */
const actorText = (e: AuditEvent): string =>
  (e.actorId ? e.names[e.actorId] : undefined) ?? e.actorName ?? '';

function rowOf(e: AuditEvent): string[] {
  return [
    chinaTimeSeconds(e.at),
    actorText(e),
    e.role ? ROLE_LABELS[e.role] : '',
    e.ip ?? '',
    e.requestId ?? '',
    auditLabel('action', e.action, 'zh'),
    e.objectType ? auditLabel('object', e.objectType, 'zh') : '',
    (e.objectId ? e.names[e.objectId] : undefined) ?? '',
    e.objectId ?? '',
    (e.scopeOrgId ? e.names[e.scopeOrgId] : undefined) ?? '',
    OUTCOME_LABELS[e.outcome],
    e.changes ? auditChangesText(e.changes, options(e)) : '',
    auditDetailText(e.detail, options(e)),
  ];
}

/**
 * Streams the export as one worksheet with exceljs's streaming writer: rows are committed as they are
 * read, so memory stays flat however many rows there are. A cut export says so in its last row.
 */
export async function writeAuditXlsx(out: Writable, data: AuditExport): Promise<void> {
  const sheet = {
    name: '审计日志',
    widths: [22, 22, 16, 16, 38, 24, 14, 30, 38, 24, 8, 60, 50],
    header: AUDIT_EXPORT_HEADERS,
  };
  await writeXlsxSheet(out, sheet, async (addRow) => {
    for await (const batch of data.batches) {
      for (const e of batch) addRow(rowOf(e));
    }
    if (data.truncated) {
      addRow([
        `仅导出最新的 ${data.rows} 条，共 ${data.total} 条符合条件，请缩小时间范围分批导出` +
          ` (only the newest ${data.rows} of ${data.total} events; narrow the filters)`,
      ]);
    }
  });
}
