import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, operatingWarnings } from './config';

describe('loadConfig', () => {
  it('requires a second factor of the four administrator roles by default, none in tests and (with a warning) in the demo', () => {
    const admins = ['committee_admin', 'security_admin', 'audit_admin', 'unit_admin'];
    expect(loadConfig({}).mfa).toEqual({ requiredRoles: admins, relaxedForDemo: false });
    expect(loadConfig({ NODE_ENV: 'test' }).mfa).toEqual({ requiredRoles: [], relaxedForDemo: false });
    const demo = loadConfig({ SHIFAN_DEMO: 'true' });
    expect(demo.mfa).toEqual({ requiredRoles: [], relaxedForDemo: true });
    expect(operatingWarnings(demo, 'pglite').map((w) => w.code)).toEqual(['mfa_relaxed_for_demo']);
    expect(
      loadConfig({ SHIFAN_DEMO: 'true', SHIFAN_MFA_REQUIRED_ROLES: 'audit_admin, reviewer' }).mfa,
    ).toEqual({
      requiredRoles: ['audit_admin', 'reviewer'],
      relaxedForDemo: false,
    });
    expect(loadConfig({ SHIFAN_MFA_REQUIRED_ROLES: 'none' }).mfa.requiredRoles).toEqual([]);
    expect(() => loadConfig({ SHIFAN_MFA_REQUIRED_ROLES: 'committee_admin,root' })).toThrow(
      /SHIFAN_MFA_REQUIRED_ROLES: unknown role\(s\) root/,
    );
  });

  it('has safe defaults: port 3000, ./data, PGlite, 20 min idle, 12 h absolute, 5 failures → 30 min lock', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: './data',
      keyFile: 'data/shifan-keys.json',
      databaseUrl: null,
      demo: false,
      session: { idleMinutes: 20, absoluteHours: 12, cookieSecure: 'auto' },
      login: { maxFailures: 5, failureWindowMinutes: 15, lockoutMinutes: 30, perAddressPerMinute: 600 },
      password: { minLength: 8, privilegedMinLength: 12, maxLength: 128, minClasses: 3, maxAgeDays: 90 },
      trustProxy: false,
    });
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.session)).toBe(true);
  });

  it('puts the key file in the data directory unless SHIFAN_KEY_FILE names one', () => {
    expect(loadConfig({ SHIFAN_DATA_DIR: '/srv/shifan' }).keyFile).toBe('/srv/shifan/shifan-keys.json');
    expect(loadConfig({ SHIFAN_KEY_FILE: '/etc/shifan/keys.json' }).keyFile).toBe('/etc/shifan/keys.json');
  });

  it('reads the password settings: privileged minimum 12–64 (never below the general one), expiry 0–3650 days', () => {
    const c = loadConfig({
      SHIFAN_PASSWORD_MIN_LENGTH: '14',
      SHIFAN_PASSWORD_ADMIN_MIN_LENGTH: '12',
      SHIFAN_PASSWORD_MAX_AGE_DAYS: '0',
    });
    expect(c.password).toMatchObject({ minLength: 14, privilegedMinLength: 14, maxAgeDays: 0 });
    expect(() => loadConfig({ SHIFAN_PASSWORD_ADMIN_MIN_LENGTH: '10' })).toThrow(
      'SHIFAN_PASSWORD_ADMIN_MIN_LENGTH',
    );
    expect(() => loadConfig({ SHIFAN_PASSWORD_MAX_AGE_DAYS: '-1' })).toThrow('SHIFAN_PASSWORD_MAX_AGE_DAYS');
  });

  it('keeps audit events 365 days by default, 184 at least, and refuses a shorter retention, saying why', () => {
    expect(loadConfig({}).audit).toEqual({ retentionDays: 365 });
    expect(loadConfig({ SHIFAN_AUDIT_RETENTION_DAYS: '184' }).audit).toEqual({ retentionDays: 184 });
    expect(loadConfig({ SHIFAN_AUDIT_RETENTION_DAYS: '400' }).audit).toEqual({ retentionDays: 400 });
    expect(() => loadConfig({ SHIFAN_AUDIT_RETENTION_DAYS: '183' })).toThrow(
      new ConfigError(
        'Invalid configuration:\n  SHIFAN_AUDIT_RETENTION_DAYS: must be at least 184 days ' +
          '(MLPS level 3 keeps audit records six months)',
      ),
    );
  });

  it('refuses production on the embedded database unless SHIFAN_ALLOW_EMBEDDED=true, and then warns', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      'DATABASE_URL: required in production (a PostgreSQL server); to run production on the embedded ' +
        'database anyway, set SHIFAN_ALLOW_EMBEDDED=true',
    );
    const allowed = loadConfig({ NODE_ENV: 'production', SHIFAN_ALLOW_EMBEDDED: 'true' });
    expect(allowed.allowEmbedded).toBe(true);
    expect(operatingWarnings(allowed, 'pglite').map((w) => w.code)).toEqual(['embedded_database']);
    const pg = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://u@127.0.0.1:5432/shifan' });
    expect(operatingWarnings(pg, 'postgres')).toEqual([]);
    expect(operatingWarnings(loadConfig({ NODE_ENV: 'development' }), 'pglite')).toEqual([]);
  });

  it('names the variable of every bad value', () => {
    expect(() =>
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', SHIFAN_SESSION_IDLE_MINUTES: '90' }),
    ).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', SHIFAN_SESSION_IDLE_MINUTES: '90' });
    } catch (err) {
      const msg = (err as Error).message;
      expect(msg).toContain('PORT:');
      expect(msg).toContain('DATABASE_URL: must start with postgres:// or postgresql://');
      expect(msg).toContain('SHIFAN_SESSION_IDLE_MINUTES:');
    }
  });

  it('parses PostgreSQL, trust-proxy and boolean settings', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://u@127.0.0.1:5432/shifan',
      SHIFAN_TRUST_PROXY: '10.0.0.1,10.0.0.2',
      SHIFAN_DEMO: '1',
      SHIFAN_COOKIE_SECURE: 'true',
    });
    expect(c.databaseUrl).toBe('postgres://u@127.0.0.1:5432/shifan');
    expect(c.trustProxy).toBe('10.0.0.1,10.0.0.2');
    expect(c.demo).toBe(true);
    expect(c.session.cookieSecure).toBe(true);
    expect(() => loadConfig({ SHIFAN_TRUST_PROXY: 'everyone' })).toThrow(/SHIFAN_TRUST_PROXY/);
  });
});
