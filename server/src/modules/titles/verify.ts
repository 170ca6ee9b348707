/**
 * The public verification answer (证书验证) a certificate's QR code opens: valid / expired / revoked, the
 * holder's name, serial, track, year and validity — nothing more (the contract is strict and is the
 * allow-list). Rendered once per token and cached as bytes with its ETag (core/public-cache.ts); dropped
 * when titles change (certify, expiry) and, for a valid title, at the instant its validity ends.
 */
import type { Db } from '../../db/client';
import { cached, rendered, type Rendered } from '../../core/public-cache';
import { publicVerification } from '../../../../shared/src/contracts/titles';
import { verificationOf } from '../../../../shared/src/domain/title-workflow';
import { expiresAt } from './service';
import * as repo from './repo';

export function verificationResponse(db: Db, token: string, now: Date): Promise<Rendered | null> {
  return cached(db, `verify:${token}`, now, async () => {
    const found = await repo.byToken(db, token);
    if (!found) return null;
    const t = found.row;
    const end = expiresAt(t.validUntil);
    const verdict = verificationOf(t.status, end, now);
    const view = publicVerification.parse({
      verdict,
      holderName: t.holderName,
      serial: t.serial,
      trackNameZh: found.trackNameZh,
      year: t.year,
      validFrom: t.validFrom,
      validUntil: t.validUntil,
    });
    return rendered(JSON.stringify(view), verdict === 'valid' ? end.getTime() : Infinity);
  });
}
