import { AppError } from './errors';

/** The version a stale write missed: its number, when it was made and by whom (null when unknown). */
export interface CurrentVersion {
  version: number;
  updatedAt: Date;
}

/**
 * 409 `VERSION_CONFLICT` with the body every module answers a stale version with: the current version,
 * when it was made and by whom, so the page can say so and reload.
 */
export function versionConflictError(row: CurrentVersion, updatedByName: string | null): AppError {
  return new AppError('VERSION_CONFLICT', [], {
    currentVersion: row.version,
    updatedAt: row.updatedAt.toISOString(),
    updatedByName,
  });
}
