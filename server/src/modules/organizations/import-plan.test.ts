import { describe, expect, it } from 'vitest';
import type { OrgKind } from '../../../../shared/src/enums';
import type { ColumnKey, ImportRow } from './import';
import { planImport, type ExistingOrg, type PlanContext } from './import-plan';

const ALL: ColumnKey[] = ['shortName', 'secretary', 'contactName', 'contactPhone', 'memberCount'];

function row(
  n: number,
  code: string,
  kind: OrgKind,
  parentCode: string | null,
  extra: Partial<ImportRow> = {},
): ImportRow {
  return {
    row: n,
    code,
    name: `${code} 组织`,
    shortName: null,
    kind,
    parentCode,
    secretary: null,
    contactName: null,
    contactPhone: null,
    memberCount: 0,
    ...extra,
  };
}

function org(
  id: string,
  code: string,
  kind: OrgKind,
  parent: ExistingOrg | null,
  extra: Partial<ExistingOrg> = {},
): ExistingOrg {
  const depth = parent ? parent.depth + 1 : 0;
  return {
    id,
    code,
    kind,
    parentId: parent?.id ?? null,
    path: `${parent?.path ?? '/'}${id}/`,
    depth,
    unitId: depth === 0 ? null : depth === 1 ? id : parent!.unitId,
    active: true,
    name: `${code} 组织`,
    shortName: null,
    secretary: null,
    contactName: null,
    contactPhone: null,
    memberCount: 0,
    ...extra,
  };
}

const wc = org('w', 'WC', 'working_committee', null);
const unit = org('u', 'U', 'party_committee', wc);
const branch = org('b', 'U-1', 'branch', unit);

function ctx(existing: ExistingOrg[], extra: Partial<PlanContext> = {}): PlanContext {
  let n = 0;
  return {
    existing: new Map(existing.map((o) => [o.code, o])),
    children: new Map(),
    present: new Set(ALL),
    rootExists: existing.some((o) => o.parentId === null),
    newId: () => `n${++n}`,
    ...extra,
  };
}

describe('planImport', () => {
  it('orders a chain given bottom-up parents first and derives path, depth and unit', () => {
    const rows = Array.from({ length: 200 }, (_, i) =>
      row(i + 2, `L${199 - i}`, 'party_committee', i === 199 ? 'WC' : `L${198 - i}`),
    );
    const plan = planImport(rows, ctx([wc]));
    expect(plan.issues).toEqual([]);
    expect(plan.orgs.map((o) => o.code)).toEqual(Array.from({ length: 200 }, (_, i) => `L${i}`));
    const top = plan.orgs[0]!;
    expect(top).toMatchObject({ parentId: 'w', depth: 1, unitId: top.id, path: `/w/${top.id}/` });
    const last = plan.orgs[199]!;
    expect(last.depth).toBe(200);
    expect(last.unitId).toBe(top.id);
    expect(last.path.split('/').filter(Boolean)).toHaveLength(201);
  });

  it('reports the rows on a cycle (with the chain), not the rows below it; a self-parent too', () => {
    const rows = [
      row(2, 'A', 'party_committee', 'C'),
      row(3, 'B', 'party_committee', 'A'),
      row(4, 'C', 'party_committee', 'B'),
      row(5, 'D', 'branch', 'A'),
      row(6, 'S', 'party_committee', 'S'),
    ];
    const plan = planImport(rows, ctx([wc]));
    expect(plan.issues.map((i) => [i.row, i.column, i.code, i.zh])).toEqual([
      [2, 'parentCode', 'cycle', '上级关系形成循环：A → C → B → A'],
      [4, 'parentCode', 'cycle', '上级关系形成循环：A → C → B → A'],
      [3, 'parentCode', 'cycle', '上级关系形成循环：A → C → B → A'],
      [6, 'parentCode', 'cycle', '上级关系形成循环：S → S'],
    ]);
    expect(plan.orgs).toEqual([]);
  });

  it('refuses a kind change that the existing children would not allow, unless the file changes them too', () => {
    const children = new Map([['u', [{ code: 'U-1', kind: 'branch' as OrgKind }]]]);
    const alone = planImport([row(2, 'U', 'branch', 'WC')], ctx([wc, unit, branch], { children }));
    expect(alone.issues.map((i) => [i.row, i.column, i.code])).toEqual([
      [2, 'kind', 'child_kind_not_allowed'],
    ]);

    const gb = { code: 'U-1', kind: 'branch' as OrgKind };
    const ok = planImport(
      [row(2, 'U', 'general_branch', 'WC'), row(3, 'U-1', 'branch', 'U')],
      ctx([wc, unit, branch], { children: new Map([['u', [gb]]]) }),
    );
    expect(ok.issues).toEqual([]);
    expect(ok.orgs.map((o) => [o.code, o.action, o.changed])).toEqual([
      ['U', 'update', true],
      ['U-1', 'update', false],
    ]);
  });

  it('refuses new rows under an inactive parent but lets existing ones be updated', () => {
    const inactive = { ...unit, active: false };
    const plan = planImport(
      [row(2, 'U-2', 'branch', 'U'), row(3, 'U-1', 'branch', 'U', { name: '新名称' })],
      ctx([wc, inactive, branch]),
    );
    expect(plan.issues.map((i) => [i.row, i.code])).toEqual([[2, 'parent_inactive']]);
  });

  it('keeps the database values of optional columns the file does not have', () => {
    const existing = { ...branch, secretary: '张伟', memberCount: 12, contactPhone: '13812345678' };
    const same = planImport(
      [row(2, 'U-1', 'branch', 'U')],
      ctx([wc, unit, existing], { present: new Set() }),
    );
    expect(same.orgs[0]).toMatchObject({ secretary: '张伟', memberCount: 12, changed: false });
    const cleared = planImport([row(2, 'U-1', 'branch', 'U')], ctx([wc, unit, existing]));
    expect(cleared.orgs[0]).toMatchObject({
      secretary: null,
      memberCount: 0,
      contactPhone: null,
      changed: true,
    });
  });

  it('applies the kind rules with the parent from the file or the database', () => {
    const plan = planImport(
      [
        row(2, 'X', 'working_committee', 'WC'),
        row(3, 'G', 'general_branch', 'U'),
        row(4, 'G-1', 'party_committee', 'G'),
        row(5, 'P', 'party_group', 'U'),
      ],
      ctx([wc, unit]),
    );
    expect(plan.issues.map((i) => [i.row, i.code])).toEqual([
      [2, 'working_committee_has_no_parent'],
      [4, 'parent_kind_not_allowed'],
      [5, 'parent_kind_not_allowed'],
    ]);
  });

  it('creates the working committee only into an empty tree, and only one', () => {
    const first = planImport(
      [
        row(2, 'U', 'party_committee', 'WC'),
        row(3, 'WC', 'working_committee', null),
        row(4, 'WC2', 'working_committee', null),
      ],
      ctx([]),
    );
    expect(first.issues.map((i) => [i.row, i.column, i.code])).toEqual([[4, 'kind', 'root_exists']]);
    const root = first.orgs.find((o) => o.code === 'WC');
    const unitRow = first.orgs.find((o) => o.code === 'U');
    expect(root).toMatchObject({ code: 'WC', parentId: null, depth: 0, unitId: null, path: `/${root!.id}/` });
    expect(unitRow).toMatchObject({ code: 'U', parentId: root!.id, depth: 1, unitId: unitRow!.id });
    const again = planImport([row(2, 'WC2', 'working_committee', null)], ctx([wc]));
    expect(again.issues.map((i) => i.code)).toEqual(['root_exists']);
  });
});
