/** This module's errors beyond the shared vocabulary's defaults. */
import { AppError, fieldError } from '../../core/errors';
import { versionConflictError } from '../../core/conflict';
import type { ApplicationRow } from './repo';

export function notFound(field?: string): AppError {
  if (!field) return new AppError('NOT_FOUND');
  return new AppError('NOT_FOUND', [
    fieldError(field, 'not_found', '记录不存在或不在管理范围内', 'No such record in your scope'),
  ]);
}

/** 409 for a stale version: who changed it last, and when, so the page can say so and reload. */
export function versionConflict(row: ApplicationRow): AppError {
  return versionConflictError(row, row.updatedByName);
}

export function notEditable(status: string): AppError {
  return new AppError('NOT_EDITABLE', [
    fieldError(
      'status',
      'not_editable',
      '只有草稿或已退回的申报可以修改',
      `Only a draft or a returned application can be changed (it is ${status})`,
    ),
  ]);
}
