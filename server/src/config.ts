import path from 'node:path';
import { z } from 'zod';
import { ROLES, type Role } from '../../shared/src/enums';

/**
 * Configuration, parsed once at boot from the environment into a frozen object (STYLE habit 9).
 * Nothing else reads `process.env`. A bad value stops start-up with a message naming the variable.
 */
/** The shortest audit retention MLPS level 3 allows (six months: 184 days covers any six). */
export const AUDIT_MIN_RETENTION_DAYS = 184;

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const env = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  SHIFAN_DATA_DIR: z.string().min(1).default('./data'),
  /** Secret keys outside the database (audit chain, later field encryption); default in the data directory. */
  SHIFAN_KEY_FILE: z.string().min(1).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  SHIFAN_DEMO: bool.default(false),
  /** Production on the embedded PGlite database must be asked for: it is one process, one disk, no replica. */
  SHIFAN_ALLOW_EMBEDDED: bool.default(false),
  SHIFAN_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHIFAN_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(30).default(20),
  SHIFAN_SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(12).default(12),
  SHIFAN_COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  SHIFAN_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(20).default(5),
  SHIFAN_LOGIN_FAILURE_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  SHIFAN_LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  /**
   * Login attempts per minute from one address (issue 7 §1.18): sized for an office behind one NAT or
   * proxy on a deadline day; guessing one account's password is stopped by the lockout above.
   */
  SHIFAN_LOGIN_RATE_PER_ADDRESS: z.coerce.number().int().min(1).max(100000).default(600),
  SHIFAN_PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8).max(64).default(8),
  SHIFAN_PASSWORD_ADMIN_MIN_LENGTH: z.coerce.number().int().min(12).max(64).default(12),
  /** MLPS 身份鉴别 a: periodic change. 0 turns expiry off (an ASVS 6.2.10 reading; not for a level-3 system). */
  SHIFAN_PASSWORD_MAX_AGE_DAYS: z.coerce.number().int().min(0).max(3650).default(90),
  /**
   * Roles that must use a second factor (AUTH-06): a comma list of roles, or `none`. Unset: the four
   * administrator roles — except in tests and the demo (SHIFAN_DEMO), where none is required and the
   * demo says so (a warning in the log, /api/health and a banner).
   */
  SHIFAN_MFA_REQUIRED_ROLES: z
    .string()
    .transform((v, ctx) => {
      const list = v
        .split(',')
        .map((r) => r.trim())
        .filter((r) => r !== '' && r !== 'none');
      const bad = list.filter((r) => !(ROLES as readonly string[]).includes(r));
      if (bad.length) {
        ctx.addIssue({
          code: 'custom',
          message: `unknown role(s) ${bad.join(', ')}; roles: ${ROLES.join(', ')}`,
        });
        return z.NEVER;
      }
      return [...new Set(list)] as Role[];
    })
    .optional(),
  SHIFAN_TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v, ctx) => {
      if (v === 'false' || v === '') return false;
      if (v === 'true') return true;
      if (/^[0-9a-fA-F:.,/ ]+$/.test(v)) return v;
      ctx.addIssue({ code: 'custom', message: 'false, true, or a list of proxy addresses' });
      return z.NEVER;
    }),
  /** Optional e-mail (deadline reminders also by mail): unset by default, and then no mail is ever queued. */
  SHIFAN_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  SHIFAN_MAIL_FROM: z.string().min(3).optional(),
  /** The address users open the platform at, for links in e-mails (e.g. https://shifan.example.gov.cn). */
  /** Years of validity of a title certified without another term (命名有效期, default 3). */
  SHIFAN_TITLE_VALIDITY_YEARS: z.coerce.number().int().min(1).max(10).default(3),
  /** Days audit events stay in the database before `audit archive` may move them to a signed file (≥ 184). */
  SHIFAN_AUDIT_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(AUDIT_MIN_RETENTION_DAYS, {
      error: `must be at least ${AUDIT_MIN_RETENTION_DAYS} days (MLPS level 3 keeps audit records six months)`,
    })
    .max(36_500)
    .default(365),
  SHIFAN_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' })
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  /** The key file (core/keys.ts): created at first start with mode 0600; back it up apart from the database. */
  keyFile: string;
  databaseUrl: string | null;
  /** Production may run on the embedded database (SHIFAN_ALLOW_EMBEDDED); it then warns. */
  allowEmbedded: boolean;
  demo: boolean;
  logLevel: string;
  session: { idleMinutes: number; absoluteHours: number; cookieSecure: 'auto' | boolean };
  /** Titles: the default validity in years. */
  titles: { validityYears: number };
  /** Audit retention: events older than this many days (≥ 184, default 365) may be archived and removed. */
  audit: { retentionDays: number };
  login: {
    maxFailures: number;
    failureWindowMinutes: number;
    lockoutMinutes: number;
    /** Login attempts per minute from one client address (behind SHIFAN_TRUST_PROXY: the client's). */
    perAddressPerMinute: number;
  };
  password: {
    minLength: number;
    /** For committee, unit, security and audit admins (PRIVILEGED_PASSWORD_ROLES). */
    privilegedMinLength: number;
    maxLength: number;
    minClasses: number;
    /** A password older than this forces a change at the next request; 0: never expires. */
    maxAgeDays: number;
  };
  /** Second factor (AUTH-06/07). */
  mfa: {
    /** Roles held at the enrolment gate until they enrol a TOTP authenticator. */
    requiredRoles: readonly Role[];
    /** True when the default (the four administrator roles) was relaxed because this is the demo. */
    relaxedForDemo: boolean;
  };
  trustProxy: boolean | string;
  /** SMTP for e-mail jobs; both null when mail is not configured. */
  mail: { smtpUrl: string | null; from: string | null; publicUrl: string | null };
}

export class ConfigError extends Error {}

export function loadConfig(source: Record<string, string | undefined> = process.env): Readonly<Config> {
  const parsed = env.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.DATABASE_URL && !e.SHIFAN_ALLOW_EMBEDDED)
    throw new ConfigError(
      'Invalid configuration:\n  DATABASE_URL: required in production (a PostgreSQL server); ' +
        'to run production on the embedded database anyway, set SHIFAN_ALLOW_EMBEDDED=true',
    );
  if (e.SHIFAN_SMTP_URL && !e.SHIFAN_MAIL_FROM)
    throw new ConfigError('Invalid configuration:\n  SHIFAN_MAIL_FROM: required when SHIFAN_SMTP_URL is set');
  return deepFreeze({
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: e.SHIFAN_DATA_DIR,
    keyFile: e.SHIFAN_KEY_FILE ?? path.join(e.SHIFAN_DATA_DIR, 'shifan-keys.json'),
    databaseUrl: e.DATABASE_URL ?? null,
    allowEmbedded: e.SHIFAN_ALLOW_EMBEDDED,
    demo: e.SHIFAN_DEMO,
    logLevel: e.SHIFAN_LOG_LEVEL,
    session: {
      idleMinutes: e.SHIFAN_SESSION_IDLE_MINUTES,
      absoluteHours: e.SHIFAN_SESSION_ABSOLUTE_HOURS,
      cookieSecure: e.SHIFAN_COOKIE_SECURE === 'auto' ? 'auto' : e.SHIFAN_COOKIE_SECURE === 'true',
    },
    login: {
      maxFailures: e.SHIFAN_LOGIN_MAX_FAILURES,
      failureWindowMinutes: e.SHIFAN_LOGIN_FAILURE_WINDOW_MINUTES,
      lockoutMinutes: e.SHIFAN_LOCKOUT_MINUTES,
      perAddressPerMinute: e.SHIFAN_LOGIN_RATE_PER_ADDRESS,
    },
    password: {
      minLength: e.SHIFAN_PASSWORD_MIN_LENGTH,
      privilegedMinLength: Math.max(e.SHIFAN_PASSWORD_ADMIN_MIN_LENGTH, e.SHIFAN_PASSWORD_MIN_LENGTH),
      maxLength: 128,
      minClasses: 3,
      maxAgeDays: e.SHIFAN_PASSWORD_MAX_AGE_DAYS,
    },
    mfa: mfaOf(e.SHIFAN_MFA_REQUIRED_ROLES, e.NODE_ENV, e.SHIFAN_DEMO),
    trustProxy: e.SHIFAN_TRUST_PROXY,
    titles: { validityYears: e.SHIFAN_TITLE_VALIDITY_YEARS },
    audit: { retentionDays: e.SHIFAN_AUDIT_RETENTION_DAYS },
    mail: {
      smtpUrl: e.SHIFAN_SMTP_URL ?? null,
      from: e.SHIFAN_SMTP_URL ? e.SHIFAN_MAIL_FROM! : null,
      publicUrl: e.SHIFAN_PUBLIC_URL ?? null,
    },
  });
}

/** The administrator roles that must use a second factor unless SHIFAN_MFA_REQUIRED_ROLES says otherwise. */
export const DEFAULT_MFA_REQUIRED_ROLES: readonly Role[] = [
  'committee_admin',
  'security_admin',
  'audit_admin',
  'unit_admin',
];

function mfaOf(given: Role[] | undefined, nodeEnv: string, demo: boolean): Config['mfa'] {
  if (given) return { requiredRoles: given, relaxedForDemo: false };
  if (nodeEnv === 'test') return { requiredRoles: [], relaxedForDemo: false };
  if (demo) return { requiredRoles: [], relaxedForDemo: true };
  return { requiredRoles: DEFAULT_MFA_REQUIRED_ROLES, relaxedForDemo: false };
}

export interface OperatingWarning {
  code: string;
  message: string;
}

/** What an operator should fix, said in the start-up log and in `/api/health`. */
export function operatingWarnings(
  config: Readonly<Config>,
  dbKind: 'pglite' | 'postgres',
): OperatingWarning[] {
  const out: OperatingWarning[] = [];
  if (config.env === 'production' && dbKind === 'pglite')
    out.push({
      code: 'embedded_database',
      message:
        'Production runs on the embedded PGlite database (SHIFAN_ALLOW_EMBEDDED=true): one process, ' +
        'one disk, no replica. Set DATABASE_URL to a PostgreSQL server.',
    });
  if (config.mfa.relaxedForDemo)
    out.push({
      code: 'mfa_relaxed_for_demo',
      message:
        'Demo: administrators may log in without a second factor (SHIFAN_MFA_REQUIRED_ROLES unset). ' +
        'Outside the demo they must enrol a TOTP authenticator.',
    });
  return out;
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
