/**
 * Types and helpers for the authorization matrix. The foundation's rows live in `authz-matrix.ts`;
 * each later module keeps its rows and request builders in `server/src/modules/<module>/matrix.ts`
 * (exporting `matrix: ModuleMatrix`), which `server/test/authz-matrix.test.ts` picks up.
 */
import type { TestEnv } from './helpers';
import type { insertOrg, seedTree, seedUsers } from './helpers';
import type { seedOpenCampaign } from './campaign-fixtures';

export type Outcome = 200 | 201 | 204 | 302 | 400 | 401 | 403 | 404 | 409 | 'empty';
export type Who =
  'anon' | 'committee_admin' | 'unit_admin' | 'applicant' | 'reviewer' | 'security_admin' | 'audit_admin';
export type Row = Record<Who, [inScope: Outcome, outOfScope: Outcome]>;
export type Scope = 'in' | 'out';

export interface Req {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

/** What builders get: the app and fixtures. "in" is unit A (branch A1), "out" is unit B (branch B1). */
export interface MatrixCtx {
  env: TestEnv;
  tree: Awaited<ReturnType<typeof seedTree>>;
  users: Awaited<ReturnType<typeof seedUsers>>;
  campaign: Awaited<ReturnType<typeof seedOpenCampaign>>;
  /** A short random string for unique codes and names. */
  uniq(): string;
  unitOf(s: Scope): Awaited<ReturnType<typeof insertOrg>>;
  branchOf(s: Scope): Awaited<ReturnType<typeof insertOrg>>;
  /** A new branch under unit A (in) or B (out), for routes that change or create per-organisation records. */
  freshBranch(s: Scope): Promise<Awaited<ReturnType<typeof insertOrg>>>;
}

export type Builder = (ctx: MatrixCtx, s: Scope) => Promise<Req> | Req;

export interface ModuleMatrix {
  rows: Record<string, Row>;
  build: Record<string, Builder>;
}

export const all = (o: Outcome): Row => ({
  anon: [o, o],
  committee_admin: [o, o],
  unit_admin: [o, o],
  applicant: [o, o],
  reviewer: [o, o],
  security_admin: [o, o],
  audit_admin: [o, o],
});
/** Any logged-in user gets `o`; anonymous 401. */
export const session = (o: Outcome): Row => ({ ...all(o), anon: [401, 401] });
/** Only the given roles may; everyone else logged in gets 403, anonymous 401. */
export const only = (allowed: Partial<Row>): Row => ({ ...session(403), ...allowed });
