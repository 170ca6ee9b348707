/**
 * The committed authorization matrix of the foundation's routes (AC-02): for every route, for every role (and anonymous), the
 * status expected for a target inside the caller's scope and one outside it (unit A vs unit B; see
 * `server/test/authz-matrix.test.ts` for what "in" and "out" mean per route). `empty` means 200 with
 * no items (a list filtered to out-of-scope records). Written by hand: a new route without a row here
 * fails the test.
 */
import { all, only, session, type Row } from './matrix-types';

export const MATRIX: Record<string, Row> = {
  'GET /api/health': all(200),
  'GET /api/openapi.json': all(200),
  'GET /api/docs': all(200),
  'GET /api/docs/json': all(200),
  'GET /api/docs/yaml': all(200),
  'GET /api/docs/static/index.html': all(302),
  'GET /api/docs/static/swagger-initializer.js': all(200),
  'GET /api/docs/static/*': all(200),

  'POST /api/auth/login': all(401),
  'POST /api/auth/logout': session(200),
  'GET /api/auth/me': session(200),
  'POST /api/auth/password': session(400),

  'GET /api/organizations': only({
    committee_admin: [200, 200],
    unit_admin: [200, 'empty'],
    applicant: [200, 'empty'],
    security_admin: [200, 200],
  }),
  'GET /api/organizations/:id': only({
    committee_admin: [200, 200],
    unit_admin: [200, 404],
    applicant: [200, 404],
    security_admin: [200, 200],
  }),
  'GET /api/organizations/:id/ancestors': only({
    committee_admin: [200, 200],
    unit_admin: [200, 404],
    applicant: [200, 404],
    security_admin: [200, 200],
  }),
  'POST /api/organizations': only({ committee_admin: [201, 201], unit_admin: [201, 404] }),
  'PATCH /api/organizations/:id': only({ committee_admin: [200, 200], unit_admin: [200, 404] }),
  'POST /api/organizations/:id/move': only({ committee_admin: [200, 200], unit_admin: [200, 404] }),
  'POST /api/organizations/:id/deactivate': only({ committee_admin: [200, 200], unit_admin: [200, 404] }),
  'POST /api/organizations/:id/activate': only({ committee_admin: [200, 200], unit_admin: [200, 404] }),
  'GET /api/organizations/import/template': only({ committee_admin: [200, 200] }),
  'POST /api/organizations/import': only({ committee_admin: [200, 200] }),
  'GET /api/organizations/export.xlsx': only({ committee_admin: [200, 200], unit_admin: [200, 200] }),

  'GET /api/venues': only({
    committee_admin: [200, 200],
    unit_admin: [200, 'empty'],
    applicant: [200, 'empty'],
  }),
  'GET /api/venues/:id': only({ committee_admin: [200, 200], unit_admin: [200, 404], applicant: [200, 404] }),
  'POST /api/venues': only({ committee_admin: [201, 201], unit_admin: [201, 404] }),
  'PATCH /api/venues/:id': only({ committee_admin: [200, 200], unit_admin: [200, 404] }),

  'GET /api/accounts': only({
    committee_admin: [200, 200],
    unit_admin: [200, 'empty'],
    security_admin: [200, 200],
  }),
  'GET /api/accounts/:id': only({
    committee_admin: [200, 200],
    unit_admin: [200, 404],
    security_admin: [200, 200],
  }),
  'POST /api/accounts': only({
    committee_admin: [201, 201],
    unit_admin: [201, 404],
    security_admin: [201, 201],
  }),
  'PATCH /api/accounts/:id': only({
    committee_admin: [200, 200],
    unit_admin: [200, 404],
    security_admin: [200, 200],
  }),
  'POST /api/accounts/:id/reset-password': only({
    committee_admin: [200, 200],
    unit_admin: [200, 404],
    security_admin: [200, 200],
  }),
  'POST /api/accounts/:id/unlock': only({
    committee_admin: [200, 200],
    unit_admin: [200, 404],
    security_admin: [200, 200],
  }),

  'GET /api/audit-events': only({ audit_admin: [200, 200] }),
  'GET /api/audit-events/export.xlsx': only({ audit_admin: [200, 200] }),
};
