/**
 * Exports with unmasked personal data need a stated purpose (issue #9 §5, PI-02). A masked export needs
 * none; an unmasked one without a purpose of at least EXPORT_PURPOSE_MIN characters is refused with a
 * field error on `purpose` before anything is read or audited. The purpose goes into the export's audit
 * event.
 */
import { AppError, fieldError } from './errors';
import { EXPORT_PURPOSE_MIN } from '../../../shared/src/contracts/common';

/** The stated purpose of an unmasked export (null for a masked one, which needs none). */
export function exportPurpose(unmasked: boolean, purpose: string | undefined): string | null {
  if (!unmasked) return null;
  const given = purpose?.trim() ?? '';
  if ([...given].length < EXPORT_PURPOSE_MIN)
    throw new AppError('VALIDATION_FAILED', [
      fieldError(
        'purpose',
        'purpose_required',
        `导出含未脱敏个人信息（联系电话）的数据，须填写导出用途（至少 ${EXPORT_PURPOSE_MIN} 个字）`,
        `This export shows personal data (phone numbers) unmasked: state its purpose (at least ${EXPORT_PURPOSE_MIN} characters)`,
      ),
    ]);
  return given;
}
