/**
 * The cultivation pools' rows (pure): each candidate with its plan, milestones (the earlier ones done),
 * notes by the unit's admin and a readiness self-check against the current standard for it, with the
 * version and `updated_at` the cultivation service would have left (a status change bumps the version;
 * milestones, notes and the self-check touch `updated_at` only).
 */
import type { cultivationMilestones, cultivationNotes, cultivations } from '../db/schema';
import type { Person } from './campaign-history';
import type { StandardsInput } from './campaign-settings';
import { DAY, HOUR, pick, spread } from './campaign-time';
import { trackOf } from './campaign-plan';
import type { Planned, PlannedCultivation } from './campaign-select';
import { CULTIVATION_NOTES, CULTIVATION_PLANS, MILESTONES, READINESS_GAPS } from './campaign-text';
import type { Prng } from './prng';

export interface CultivationRows {
  cultivations: (typeof cultivations.$inferInsert & { id: string })[];
  milestones: (typeof cultivationMilestones.$inferInsert)[];
  notes: (typeof cultivationNotes.$inferInsert)[];
}

const dateOf = (t: number) => new Date(t + 8 * HOUR).toISOString().slice(0, 10);
const half = (r: Prng, lo: number, hi: number) => r.int(lo * 2, hi * 2) / 2;

export function buildCultivations(
  r: Prng,
  pool: { plan: PlannedCultivation; id: string }[],
  std: StandardsInput,
  ctx: {
    now: number;
    opensAt: number;
    unitAdmin: (unitId: string) => Person;
    appliedAt: (p: Planned) => number;
  },
): CultivationRows {
  const out: CultivationRows = { cultivations: [], milestones: [], notes: [] };
  for (const { plan, id } of pool) {
    const { subject, status } = plan;
    const unitId = subject.org.unitId!;
    const author = ctx.unitAdmin(unitId);
    const start = status === 'applied' ? ctx.opensAt - r.int(60, 150) * DAY : ctx.now - r.int(40, 160) * DAY;
    const createdAt = pick(r, start, start + 8 * HOUR);
    const end = plan.application ? ctx.appliedAt(plan.application) - HOUR : ctx.now - HOUR;
    const touched = [createdAt];

    const titles = r.sample([...MILESTONES.keys()], 4).sort((a, b) => a - b);
    const done =
      status === 'applied' || status === 'ready' ? r.int(3, 4) : status === 'dropped' ? 1 : r.int(1, 2);
    const doneAt = spread(r, createdAt + DAY, end, done);
    titles.forEach((t, i) => {
      out.milestones.push({
        id: r.uuid(),
        cultivationId: id,
        position: i + 1,
        title: MILESTONES[t]!,
        dueOn: dateOf(createdAt + (i + 1) * 30 * DAY),
        doneAt: i < done ? new Date(doneAt[i]!) : null,
      });
    });
    touched.push(...doneAt);

    const bodies = r.sample(CULTIVATION_NOTES.slice(0, 4), r.int(1, 3));
    if (status === 'dropped') bodies.push(CULTIVATION_NOTES[4]!);
    const noteAt = spread(r, createdAt + 2 * DAY, end, bodies.length);
    bodies.forEach((body, i) =>
      out.notes.push({
        id: r.uuid(),
        cultivationId: id,
        body,
        authorId: author.id,
        authorName: author.name,
        createdAt: new Date(noteAt[i]!),
      }),
    );
    touched.push(...noteAt);

    const standard =
      std[subject.line === 'venue' ? 'venue' : subject.line === 'branch' ? 'branch' : 'committee'];
    let readiness: Record<string, { score: number | null; gap: string | null }> | null = null;
    if (status !== 'dropped') {
      const scored =
        status === 'cultivating' ? r.int(2, standard.criteria.length - 1) : standard.criteria.length;
      const good = status !== 'cultivating';
      readiness = Object.fromEntries(
        standard.criteria.slice(0, scored).map((c) => {
          const score = c.bonus ? half(r, 4, 9) : half(r, good ? 16 : 12, c.maxPoints);
          const gap = !c.bonus && score < 16 ? r.pick(READINESS_GAPS) : null;
          return [c.id, { score, gap }];
        }),
      );
      touched.push(pick(r, createdAt + DAY, end));
    }
    // cultivating → ready (→ applied), or → dropped; applying is the last touch.
    const changes = status === 'cultivating' ? 0 : status === 'applied' ? r.int(1, 2) : 1;
    if (status === 'ready' || status === 'dropped') touched.push(pick(r, createdAt + 20 * DAY, end));
    if (plan.application) touched.push(ctx.appliedAt(plan.application));
    out.cultivations.push({
      id,
      unitId,
      trackCode: trackOf(subject.line),
      organizationId: subject.org.id,
      venueId: subject.venue?.id ?? null,
      subjectId: subject.id,
      plan: subject.venue ? CULTIVATION_PLANS[2]! : r.pick(CULTIVATION_PLANS),
      status,
      readiness,
      standardVersionId: readiness ? standard.versionId : null,
      version: 1 + changes,
      createdBy: author.id,
      createdAt: new Date(createdAt),
      updatedAt: new Date(Math.max(...touched)),
    });
  }
  return out;
}
