/**
 * Second factor (AUTH-06/07): a TOTP authenticator (RFC 6238) and ten single-use recovery codes.
 * See docs/SECURITY.md.
 */
import { z } from 'zod';
import { singleLine } from './common';

/** Where a session stands: complete (null), waiting for a code, or held until the account enrols. */
export const SECOND_FACTOR_GATES = ['pending', 'enrol'] as const;
export type SecondFactorGate = (typeof SECOND_FACTOR_GATES)[number];

/** The remember-device cookie: a random token, checked against its hash on the server. */
export const REMEMBER_DEVICE_COOKIE = 'shifan_mfa_device';

export const RECOVERY_CODE_COUNT = 10;

/** Six digits; spaces a user typed in the middle ("123 456") are dropped before the check. */
export const totpCode = z
  .string()
  .transform((s) => s.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, { error: 'six_digits' }));

/** A recovery code as shown (`xxxxx-xxxxx`); case, spaces and dashes are ignored. */
export const recoveryCodeInput = singleLine().min(1).max(64);

export const verifySecondFactorBody = z
  .object({
    code: totpCode.optional(),
    recoveryCode: recoveryCodeInput.optional(),
    rememberDevice: z.boolean().default(false),
  })
  .strict()
  .refine((b) => (b.code === undefined) !== (b.recoveryCode === undefined), {
    error: 'code_or_recovery_code',
    path: ['code'],
  });
export type VerifySecondFactor = z.infer<typeof verifySecondFactorBody>;

/** The enrolment waiting for its first code: shown only until it is confirmed. */
export const enrolmentBody = z.object({
  /** `otpauth://totp/…` for authenticator apps. */
  uri: z.string(),
  /** The same as a QR code: an SVG image as a data URL. */
  qrDataUrl: z.string(),
  /** The base32 seed, for typing into an app that cannot scan. */
  secret: z.string(),
  issuer: z.string(),
  account: z.string(),
});
export type Enrolment = z.infer<typeof enrolmentBody>;

export const confirmEnrolmentBody = z.object({ code: totpCode }).strict();

/** Shown once, at enrolment or regeneration: keep them somewhere safe. */
export const recoveryCodesBody = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodes = z.infer<typeof recoveryCodesBody>;

export const passwordConfirmBody = z.object({ password: singleLine().min(1).max(256) }).strict();

export const secondFactorStatusBody = z.object({
  /** The session's gate: null when the login is complete. */
  gate: z.enum(SECOND_FACTOR_GATES).nullable(),
  enrolled: z.boolean(),
  /** The account's role must use a second factor (SHIFAN_MFA_REQUIRED_ROLES). */
  required: z.boolean(),
  enrolledAt: z.iso.datetime().nullable(),
  recoveryCodesLeft: z.number().int(),
  /** The demo lets administrators in without a second factor (it says so on every page). */
  relaxedForDemo: z.boolean(),
});
export type SecondFactorStatus = z.infer<typeof secondFactorStatusBody>;
