/**
 * The code window (AUTH-07): RFC 6238's SHA-1 vectors, ±1 step accepted and no further, replay refused.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acceptedStep, enrolmentUri, newTotpSecret, stepAt, totpCodeAt } from './totp';

// RFC 6238 Appendix B: the SHA-1 seed "12345678901234567890" in base32.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('TOTP', () => {
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1111111111, '050471'],
    [1234567890, '005924'],
    [2000000000, '279037'],
  ])('at %i s the code is %s (RFC 6238, last six digits)', (seconds, code) => {
    expect(totpCodeAt(RFC_SECRET, new Date(seconds * 1000))).toBe(code);
  });

  it('accepts a code within one step either side and refuses it further away', () => {
    const secret = newTotpSecret();
    const base = new Date('2026-11-29T08:00:15.000Z'); // mid-step
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 5 }), fc.integer({ min: 0, max: 29 }), (steps, seconds) => {
        const codeTime = new Date(base.getTime() + steps * 30_000 + (seconds - 15) * 1000);
        const code = totpCodeAt(secret, codeTime);
        const accepted = acceptedStep(secret, code, base, null);
        const offset = stepAt(codeTime) - stepAt(base);
        if (Math.abs(offset) <= 1) expect(accepted).toBe(stepAt(codeTime));
        // A code of a step further away is refused (unless it happens to equal a near step's code).
        else if (accepted !== null) expect(totpCodeAt(secret, new Date(accepted * 30_000))).toBe(code);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a code whose step is not newer than the last one accepted (replay)', () => {
    const secret = newTotpSecret();
    const now = new Date('2026-11-29T08:00:15.000Z');
    const code = totpCodeAt(secret, now);
    const step = acceptedStep(secret, code, now, null);
    expect(step).toBe(stepAt(now));
    expect(acceptedStep(secret, code, now, step)).toBeNull();
    // The previous step's code, still inside the window, is refused once a newer step was used.
    const previous = totpCodeAt(secret, new Date(now.getTime() - 30_000));
    expect(acceptedStep(secret, previous, now, step)).toBeNull();
    // The next step's code is accepted.
    const next = totpCodeAt(secret, new Date(now.getTime() + 30_000));
    expect(acceptedStep(secret, next, now, step)).toBe(step! + 1);
  });

  it('makes 160-bit base32 seeds and an otpauth URI with SHA1, 6 digits and 30 s, as a QR code', async () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    const { uri, qrDataUrl } = await enrolmentUri(secret, 'cadmin');
    const u = new URL(uri);
    expect(u.protocol).toBe('otpauth:');
    expect(u.searchParams.get('secret')).toBe(secret);
    expect(u.searchParams.get('algorithm')).toBe('SHA1');
    expect(u.searchParams.get('digits')).toBe('6');
    expect(u.searchParams.get('period')).toBe('30');
    expect(qrDataUrl.startsWith('data:image/svg+xml;base64,')).toBe(true);
    expect(Buffer.from(qrDataUrl.split(',')[1]!, 'base64').toString()).toContain('<svg');
  });
});
