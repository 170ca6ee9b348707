/**
 * Builds the demo rows from `data.ts` with a seeded generator: pure (no I/O), so the same call gives the
 * same ids, names, people and numbers every time.
 */
import type { OrgKind, Role } from '../../../shared/src/enums';
import {
  ACCOUNTS,
  AFFILIATES,
  BASES,
  DISTRICT_ROADS,
  FACILITIES,
  GENERIC_DEPTS,
  GIVEN_NAMES,
  ROOT,
  SURNAMES,
  UNITS,
  VENUE_ORGS,
  type NodeSpec,
  type UnitSpec,
} from './data';
import { prng, type Prng } from './prng';

export const DEMO_SEED = 20260523;

export interface DemoOrg {
  id: string;
  code: string;
  name: string;
  shortName: string | null;
  kind: OrgKind;
  parentId: string | null;
  unitId: string | null;
  path: string;
  depth: number;
  secretary: string;
  contactName: string;
  contactPhone: string;
  memberCount: number;
}

export interface DemoVenue {
  id: string;
  organizationId: string;
  unitId: string | null;
  name: string;
  address: string;
  areaM2: number;
  capacity: number;
  facilities: string;
  openedYear: number;
}

export interface DemoAccount {
  id: string;
  username: string;
  displayName: string;
  email: string;
  role: Role;
  organizationId: string | null;
  unitId: string | null;
}

export interface DemoData {
  orgs: DemoOrg[];
  venues: DemoVenue[];
  accounts: DemoAccount[];
}

const branch = (name: string): NodeSpec => ({ name, kind: 'branch' });

function countNodes(nodes: NodeSpec[]): number {
  return nodes.reduce((n, x) => n + 1 + countNodes(x.children ?? []), 0);
}

function namesOf(nodes: NodeSpec[]): string[] {
  return nodes.flatMap((x) => [x.name, ...namesOf(x.children ?? [])]);
}

/** A larger affiliated institution: a committee over two branches and a general branch with two more. */
function nestedCommittee(base: string): NodeSpec {
  return {
    name: `${base}党委`,
    kind: 'party_committee',
    children: [
      branch(`${base}综合科党支部`),
      branch(`${base}业务一科党支部`),
      {
        name: `${base}业务部党总支`,
        kind: 'general_branch',
        children: [branch(`${base}业务部第一党支部`), branch(`${base}业务部第二党支部`)],
      },
    ],
  };
}

function generalBranch(base: string): NodeSpec {
  return {
    name: `${base}党总支`,
    kind: 'general_branch',
    children: ['第一', '第二', '第三'].map((n) => branch(`${base}${n}党支部`)),
  };
}

/** The unit's subtree: its named organisations, one affiliated group when large enough, then branches. */
export function unitChildren(spec: UnitSpec, rnd: Prng): NodeSpec[] {
  const nodes: NodeSpec[] = [...(spec.named ?? [])];
  const p = spec.prefix;
  const hasGroup = nodes.some((n) => n.children?.length);
  if (spec.kind !== 'general_branch' && !hasGroup && spec.size >= 9) {
    const base = p + (spec.affiliate ?? rnd.pick(AFFILIATES));
    nodes.push(spec.size >= 14 ? nestedCommittee(base) : generalBranch(base));
  }
  const used = new Set(namesOf(nodes));
  const retired = spec.size >= 6 ? `${p}离退休干部党支部` : null;
  let missing = spec.size - countNodes(nodes) - (retired ? 1 : 0);
  const depts = [...(spec.depts ?? []), ...rnd.sample(GENERIC_DEPTS, GENERIC_DEPTS.length)];
  for (let i = 0, extra = 1; missing > 0; i++) {
    const name = i < depts.length ? `${p}${depts[i]}党支部` : `${p}机关第${extra++}党支部`;
    if (used.has(name)) continue;
    used.add(name);
    nodes.push(branch(name));
    missing--;
  }
  if (retired) nodes.push(branch(retired));
  return nodes;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function person(rnd: Prng): string {
  return rnd.pick(SURNAMES) + rnd.pick(GIVEN_NAMES);
}

function phone(rnd: Prng): string {
  return rnd.next() < 0.5 ? `022-2345${pad(rnd.int(0, 9999), 4)}` : `138${pad(rnd.int(0, 99999999), 8)}`;
}

const MEMBERS: Record<OrgKind, [number, number]> = {
  working_committee: [60, 120],
  party_group: [30, 120],
  party_committee: [30, 120],
  general_branch: [20, 90],
  branch: [5, 45],
};

export function buildDemo(): DemoData {
  const rnd = prng(DEMO_SEED);
  const orgs: DemoOrg[] = [];
  const add = (
    name: string,
    kind: OrgKind,
    code: string,
    parent: DemoOrg | null,
    shortName: string | null = null,
  ): DemoOrg => {
    const id = rnd.uuid();
    const depth = parent ? parent.depth + 1 : 0;
    const org: DemoOrg = {
      id,
      code,
      name,
      shortName,
      kind,
      parentId: parent?.id ?? null,
      unitId: depth === 0 ? null : depth === 1 ? id : parent!.unitId,
      path: `${parent?.path ?? '/'}${id}/`,
      depth,
      secretary: person(rnd),
      contactName: person(rnd),
      contactPhone: phone(rnd),
      memberCount: rnd.int(...MEMBERS[kind]),
    };
    orgs.push(org);
    return org;
  };

  const root = add(ROOT.name, 'working_committee', ROOT.code, null, ROOT.shortName);
  UNITS.forEach((spec, u) => {
    const unitCode = `${ROOT.code}-${pad(u + 1, 2)}`;
    const unit = add(spec.name, spec.kind, unitCode, root, spec.prefix);
    let seq = 0;
    const walk = (nodes: NodeSpec[], parent: DemoOrg) => {
      for (const n of nodes) {
        const org = add(n.name, n.kind, `${unitCode}-${pad(++seq, 3)}`, parent);
        walk(n.children ?? [], org);
      }
    };
    walk(unitChildren(spec, rnd), unit);
  });

  const byName = new Map(orgs.map((o) => [o.name, o]));
  const find = (name: string): DemoOrg => {
    const o = byName.get(name);
    if (!o) throw new Error(`demo data: no organisation named ${name}`);
    return o;
  };
  const venues: DemoVenue[] = [];
  const addVenue = (owner: DemoOrg, name: string, large: boolean) => {
    const district = rnd.pick(Object.keys(DISTRICT_ROADS));
    venues.push({
      id: rnd.uuid(),
      organizationId: owner.id,
      unitId: owner.unitId,
      name,
      address: `天津市${district}${rnd.pick(DISTRICT_ROADS[district]!)}${rnd.int(1, 300)}号`,
      areaM2: large ? rnd.int(300, 1200) : rnd.int(30, 150),
      capacity: large ? rnd.int(100, 400) : rnd.int(20, 80),
      facilities: rnd.sample(FACILITIES, rnd.int(3, 5)).join('、'),
      openedYear: rnd.int(2008, 2025),
    });
  };
  UNITS.forEach((spec, u) => {
    if (u % 2 === 0) addVenue(find(spec.name), `${spec.prefix}党员活动室`, false);
  });
  for (const name of VENUE_ORGS)
    addVenue(find(name), `${name.replace(/党(支部|总支)$/, '')}党员活动室`, false);
  for (const b of BASES) addVenue(find(b.unit), b.name, true);

  const accounts: DemoAccount[] = ACCOUNTS.map((a) => {
    const org = a.organization ? find(a.organization) : null;
    return {
      id: rnd.uuid(),
      username: a.username,
      displayName: a.displayName,
      email: a.email,
      role: a.role,
      organizationId: org?.id ?? null,
      unitId: org?.unitId ?? null,
    };
  });
  return { orgs, venues, accounts };
}
