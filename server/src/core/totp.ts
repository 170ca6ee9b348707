/**
 * TOTP (RFC 6238) as authenticator apps do it: HMAC-SHA-1, 6 digits, 30-second steps (AUTH-07), through
 * `otpauth`. A code is accepted for the current step or one step either side (clock drift), and only for a
 * step newer than the last one accepted for the account: the same code, or an older one, is a replay.
 */
import crypto from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted either side of the current one. */
export const TOTP_WINDOW = 1;
export const TOTP_ISSUER = 'Shifan 示范创建';

function totpOf(secret: string, account = ''): TOTP {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label: account,
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });
}

/** A new seed: 160 bits from the CSPRNG (RFC 4226's recommended length), base32. */
export function newTotpSecret(): string {
  return new Secret({ buffer: crypto.randomBytes(20).buffer }).base32;
}

/** The time step a moment falls in. */
export function stepAt(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code an authenticator shows at `now` (tests and the demo script use it). */
export function totpCodeAt(secret: string, now: Date): string {
  return totpOf(secret).generate({ timestamp: now.getTime() });
}

/**
 * The step `code` belongs to if it is valid at `now` (±TOTP_WINDOW steps) and newer than `lastStep`;
 * null otherwise (wrong, outside the window, or replayed). The comparison is constant-time (otpauth).
 */
export function acceptedStep(
  secret: string,
  code: string,
  now: Date,
  lastStep: number | null,
): number | null {
  const delta = totpOf(secret).validate({ token: code, timestamp: now.getTime(), window: TOTP_WINDOW });
  if (delta === null) return null;
  const step = stepAt(now) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

/** The `otpauth://` URI authenticator apps read, and the same as an SVG QR code (a data URL). */
export async function enrolmentUri(
  secret: string,
  account: string,
): Promise<{ uri: string; qrDataUrl: string }> {
  const uri = totpOf(secret, account).toString();
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { uri, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}
