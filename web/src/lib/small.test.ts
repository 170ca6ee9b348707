import { describe, expect, it } from 'vitest';
import { accountStatuses, canManageAccount, manageableRoles, orgModeForRole } from './accounts';
import { changeRows, showValue } from './audit';
import { importOutcome, isImportFile } from './import';
import { scrollWidth, sortOrderOf, sortParam } from './list';
import { navFor, navKeyOf } from './nav';
import { passwordChecklist, passwordMinLength, type PasswordOwner } from './password';
import { gatePath, landingFor, safeNext } from './redirect';
import { ApiError } from '../api/client';

describe('navigation', () => {
  it('builds the menu from abilities; the home page is for everyone', () => {
    expect(navFor([]).map((e) => e.key)).toEqual(['dashboard', 'inbox']);
    expect(
      navFor([
        'organizations.read',
        'organizations.write',
        'venues.read',
        'venues.write',
        'accounts.read',
        'accounts.manage',
      ]).map((e) => e.key),
    ).toEqual(['dashboard', 'inbox', 'organizations', 'venues', 'accounts']);
    // Read-only registers get no menu entry (issue #7.15): the security admin, an applicant.
    expect(navFor(['organizations.read', 'accounts.read', 'accounts.manage']).map((e) => e.key)).toEqual([
      'dashboard',
      'inbox',
      'accounts',
    ]);
    expect(
      navFor(['organizations.read', 'venues.read', 'applications.read', 'applications.write']).map(
        (e) => e.key,
      ),
    ).toEqual(['dashboard', 'inbox', 'applications']);
    expect(navFor(['audit.read']).map((e) => e.key)).toEqual(['dashboard', 'inbox', 'audit']);
    // The title registry (issue #8 §2): the committee and a unit keep it; an applicant only reads its own.
    expect(navFor(['titles.read', 'titles.manage', 'campaigns.write']).map((e) => e.key)).toEqual([
      'dashboard',
      'inbox',
      'campaigns',
      'titles',
      'rereviews',
      'honours',
    ]);
    expect(navFor(['titles.read', 'applications.export']).map((e) => e.key)).toEqual([
      'dashboard',
      'inbox',
      'titles',
    ]);
    expect(navFor(['titles.read']).map((e) => e.key)).toEqual(['dashboard', 'inbox']);
  });

  it('highlights the section a location belongs to', () => {
    expect(navKeyOf('/organizations/import')).toBe('organizations');
    expect(navKeyOf('/audit')).toBe('audit');
    expect(navKeyOf('/titles/templates')).toBe('titles');
    expect(navKeyOf('/rereviews/1')).toBe('rereviews');
    expect(navKeyOf('/honours')).toBe('honours');
    expect(navKeyOf('/')).toBe('dashboard');
    // The inbox is a menu entry of its own (issue 7 §1.3); a page outside the menu highlights nothing.
    expect(navKeyOf('/inbox')).toBe('inbox');
    expect(navKeyOf('/venuesx')).toBeNull();
    expect(navKeyOf('/change-password')).toBeNull();
  });
});

describe('table widths (issue #7.7)', () => {
  it('scrolls by the sum of the column widths, so no column is squeezed or slides under a fixed one', () => {
    expect(scrollWidth([{ width: 260 }, { width: 180 }, { width: 150 }])).toBe(590);
    expect(scrollWidth([{ width: 100 }, {}, { width: '20%' }], 120)).toBe(340);
  });

  it('counts a column without a width by its minWidth (the audit log’s 说明)', () => {
    expect(scrollWidth([{ width: 170 }, { minWidth: 220 }, {}], 160)).toBe(550);
    expect(scrollWidth([{ width: 90, minWidth: 300 }])).toBe(90);
  });
});

describe('sorting', () => {
  it('maps the table sorter to a whitelisted sort', () => {
    expect(sortParam('name', 'ascend', ['name'])).toBe('name');
    expect(sortParam('name', 'descend', ['name'])).toBe('-name');
    expect(sortParam('secret', 'ascend', ['name'])).toBeUndefined();
    expect(sortParam('name', null, ['name'])).toBeUndefined();
    expect(sortParam(['name'], 'ascend', ['name'])).toBe('name');
  });

  it('maps the sort back to the column state', () => {
    expect([
      sortOrderOf('name', 'name'),
      sortOrderOf('-name', 'name'),
      sortOrderOf('code', 'name'),
      sortOrderOf(undefined, 'name'),
    ]).toEqual(['ascend', 'descend', null, null]);
  });
});

describe('password checklist', () => {
  it('ticks each rule the password meets', () => {
    const ok = (pw: string, confirm = pw) =>
      passwordChecklist(pw, 'wangjh', confirm)
        .filter((i) => i.ok)
        .map((i) => i.key);
    expect(ok('')).toEqual([]);
    expect(ok('abc')).toEqual(['username', 'common', 'match']);
    expect(ok('Abcdefgh')).toEqual(['length', 'username', 'common', 'match']);
    expect(ok('Shui-Wu-2026')).toEqual(['length', 'classes', 'username', 'common', 'match']);
    expect(ok('Wangjh-2026!')).toEqual(['length', 'classes', 'common', 'match']);
    expect(ok('Password-2026')).toEqual(['length', 'classes', 'username', 'match']);
    expect(ok('Shui-Wu-2026', 'other')).toEqual(['length', 'classes', 'username', 'common']);
  });

  it('asks 12 characters of administrators and refuses the issue #9 examples it can check', () => {
    const ok = (pw: string, owner: PasswordOwner) =>
      passwordChecklist(pw, owner, pw)
        .filter((i) => !i.ok)
        .map((i) => i.key);
    const admin: PasswordOwner = {
      username: 'wangjh',
      role: 'unit_admin',
      organizationName: '市水务局机关党委',
    };
    expect(ok('Shui-Wu-2026', admin)).toEqual([]);
    expect(ok('Shui-Wu-202', admin)).toEqual(['length']);
    expect(passwordMinLength(admin)).toBe(12);
    expect(passwordMinLength({ username: 'liu', role: 'applicant' })).toBe(8);
    const applicant: PasswordOwner = {
      username: 'liuht',
      role: 'applicant',
      organizationName: '排水五所党支部',
    };
    for (const weak of [
      'Admin@123',
      'P@ssword1',
      'Qwerty123!',
      '党工委Abc123!',
      '天津示范Abc12',
      '排水五所党支部A1',
    ])
      expect(ok(weak, applicant), weak).toEqual(['common']);
    expect(ok('xLiuht-2026', applicant)).toEqual(['username']);
  });
});

describe('after login', () => {
  it('returns only to a path of this site', () => {
    expect(safeNext('/organizations?org=1')).toBe('/organizations?org=1');
    expect(safeNext('//evil.example/x')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext('/login?next=/x')).toBe('/');
    expect(safeNext(null)).toBe('/');
    expect(safeNext('/login/code')).toBe('/');
    expect(safeNext('/second-factor/enrol')).toBe('/');
  });

  it('goes to the gate a login is held at, in the server’s order, keeping where it was going after the code', () => {
    const user = (mustChangePassword: boolean, secondFactor: 'pending' | 'enrol' | null) => ({
      mustChangePassword,
      secondFactor,
    });
    expect(landingFor(user(false, null), '/inbox')).toBe('/inbox');
    expect(landingFor(user(true, 'pending'), '/inbox')).toBe('/login/code?next=%2Finbox');
    expect(landingFor(user(false, 'pending'), '/')).toBe('/login/code');
    expect(landingFor(user(true, 'enrol'), '/inbox')).toBe('/change-password');
    expect(landingFor(user(false, 'enrol'), '/inbox')).toBe('/second-factor/enrol');
    expect(gatePath(user(false, null))).toBeNull();
  });
});

describe('accounts', () => {
  it('ties unit administrators to a unit and liaisons to any organisation', () => {
    expect([orgModeForRole('unit_admin'), orgModeForRole('applicant'), orgModeForRole('reviewer')]).toEqual([
      'unit',
      'any',
      null,
    ]);
  });

  it('follows the separation of duties', () => {
    expect(manageableRoles('unit_admin')).toEqual(['applicant']);
    expect(manageableRoles('audit_admin')).toEqual([]);
    expect(manageableRoles(null)).toEqual([]);
    expect(canManageAccount('committee_admin', 'me', { id: 'x', role: 'reviewer' })).toBe(true);
    expect(canManageAccount('committee_admin', 'me', { id: 'x', role: 'security_admin' })).toBe(false);
    expect(canManageAccount('security_admin', 'me', { id: 'me', role: 'security_admin' })).toBe(false);
  });

  it('lists the status tags, most important first', () => {
    expect(accountStatuses({ disabled: true, locked: true, mustChangePassword: false })).toEqual([
      'disabled',
      'locked',
    ]);
    expect(accountStatuses({ disabled: false, locked: false, mustChangePassword: true })).toEqual([
      'mustChangePassword',
    ]);
    expect(accountStatuses({ disabled: false, locked: false, mustChangePassword: false })).toEqual([
      'active',
    ]);
  });
});

describe('import outcome', () => {
  it('reads a dry run that passed', () => {
    const o = importOutcome({
      dryRun: true,
      total: 2,
      created: 1,
      updated: 1,
      errors: [],
      preview: [{ row: 2, code: 'A', name: '甲', kind: 'branch', parentCode: 'U', action: 'create' }],
    });
    expect(o).toMatchObject({ total: 2, created: 1, updated: 1, errors: [], badRows: 0, message: '' });
    expect(o.preview).toHaveLength(1);
  });

  it('reads the row errors of a 422, sorted by row, counting bad rows', () => {
    const e = new ApiError(422, 'IMPORT_INVALID', '导入文件中有错误行', [], undefined, {
      errors: [
        { row: 5, column: '组织类型', code: 'invalid_kind', message: '类型无效' },
        { row: 3, column: '组织编码', code: 'required', message: '必填' },
        { row: 3, column: '组织名称', code: 'required', message: '必填' },
      ],
    });
    const o = importOutcome(null, e);
    expect(o.errors.map((r) => [r.row, r.column])).toEqual([
      [3, '组织名称'],
      [3, '组织编码'],
      [5, '组织类型'],
    ]);
    expect([o.badRows, o.total, o.message]).toEqual([2, null, '导入文件中有错误行']);
  });

  it('accepts only .xlsx and .csv files', () => {
    expect([
      isImportFile('组织.xlsx'),
      isImportFile('a.CSV'),
      isImportFile('a.xls'),
      isImportFile('a.xlsx.exe'),
    ]).toEqual([true, true, false, false]);
  });
});

describe('audit changes', () => {
  it('lists changed fields in order with printable values', () => {
    expect(
      changeRows(
        {
          name: { before: '甲', after: '乙' },
          active: { before: true, after: false },
          memberCount: { before: null, after: 3 },
        },
        { lang: 'en', names: {}, time: (x) => x },
      ),
    ).toEqual([
      { field: 'active', label: 'Active', before: 'Yes', after: 'No' },
      { field: 'memberCount', label: 'Members', before: '—', after: '3' },
      { field: 'name', label: 'Name', before: '甲', after: '乙' },
    ]);
    expect(changeRows(null, { lang: 'zh', names: {}, time: (x) => x })).toEqual([]);
    expect(showValue({ a: 1 })).toBe('{"a":1}');
  });
});
