/**
 * A closed year's publicity and naming (issue #8), produced by the real services — the ones the routes
 * call — with the clock set to that year's dates: the committee's working-day calendar is imported (the
 * State Council's arrangement, `calendar.ts`); the confirmed decision's list is published the day the
 * campaign enters publicity, with the window the service computes from the calendar; objections are
 * filed from the public page and handled by the committee (受理, 核查 notes, 办结): last year one founded,
 * the entry struck off and the next ranked of its kind substituted, and one unfounded; the year before one
 * unfounded; on the first working day after the window the list is certified (确认命名) and the titles get
 * their serials and the default validity.
 */
import type { Db } from '../db/client';
import { importYear } from '../modules/publicity/calendar-import';
import { publish } from '../modules/publicity/service';
import { file, listOf, nextRanked } from '../modules/publicity/objections';
import { assign, close, note } from '../modules/publicity/handling';
import * as publicityRepo from '../modules/publicity/repo';
import { certify } from '../modules/titles/certify';
import type { PublicityDetail } from '../../../shared/src/contracts/publicity';
import type { ObjectionOutcome } from '../../../shared/src/domain/objection-workflow';
import { DEFAULT_TITLE_VALIDITY_YEARS } from '../../../shared/src/domain/title-workflow';
import { addWorkingDays, calendarOf } from '../../../shared/src/domain/working-days';
import type { OrgKind } from '../../../shared/src/enums';
import { DEMO_SEED } from './build';
import { calendarCsv, HOLIDAY_ARRANGEMENTS, holidaysOf } from './calendar';
import type { ClosedYear } from './campaign-build';
import { ctxAt, type Cast } from './campaign-cast';
import { cst, DAY, HOUR, MIN } from './campaign-time';
import { prng } from './prng';

export const PUBLICITY_CONTACT =
  '市级机关工委组织部，电话 022-23450188（工作日 9:00—17:30），来信请寄天津市河西区友谊路 30 号';

/** A step's time: `day` days after the day the list was published, at `hh:mm` China time. */
type When = [day: number, hh: number, mm: number];

export interface PlannedObjection {
  outcome: Extract<ObjectionOutcome, 'unfounded' | 'founded_substitute'>;
  /** The kinds of entry it may concern, in order of preference (`venue`: the venue track). */
  groups: (OrgKind | 'venue')[];
  /** A named filer, or anonymous (null). */
  filer: { name: string; phone: string } | null;
  body: string;
  filed: When;
  accepted: When;
  notes: { at: When; body: string }[];
  closed: When;
  reason: string;
  reply: string;
}

/** The objections of each closed year, by years ago (the year before last: one; last year: two). */
export const OBJECTIONS: Record<1 | 2, PlannedObjection[]> = {
  2: [
    {
      outcome: 'unfounded',
      groups: ['venue'],
      filer: null,
      body: '该党员活动室平时大门紧锁，周边群众很少见到里面开展活动，是否真正发挥了阵地作用？',
      filed: [1, 19, 42],
      accepted: [2, 9, 30],
      notes: [
        {
          at: [3, 15, 10],
          body: '调阅该活动室本年度活动登记簿和门禁记录：1—8 月开展主题党日、专题党课、志愿服务等活动 26 次；走访周边 3 名党员群众，均反映活动室按计划开放。',
        },
      ],
      closed: [4, 11, 0],
      reason:
        '经调阅活动记录、走访党员群众，该活动室按计划常态化开放使用，异议反映的情况与事实不符，异议不成立。',
      reply: '经核查，该党员活动室按计划常态化开放、开展活动，您反映的情况不属实，异议不成立。感谢您的监督。',
    },
  ],
  1: [
    {
      outcome: 'founded_substitute',
      groups: ['general_branch', 'party_committee'],
      filer: { name: '刘志刚', phone: '13820461357' },
      body: '该组织申报材料中的“党员先锋岗”“红色服务队”活动照片多为往年所摄，今年上半年因机构调整，相关活动已基本停止，公示内容与实际情况不符。',
      filed: [1, 20, 14],
      accepted: [2, 9, 30],
      notes: [
        {
          at: [2, 15, 40],
          body: '赴现场核查：“党员先锋岗”标识仍在，但今年 3 月机构调整后，两个服务队未再开展活动，活动台账最后一条记录为去年 12 月。',
        },
        {
          at: [5, 10, 20],
          body: '与所在单位机关党委核实：机构调整后支部设置尚在理顺，申报材料中今年的活动照片确为往年所摄，单位党委对此无异议。',
        },
      ],
      closed: [6, 10, 30],
      reason:
        '经现场核查和单位党委核实，申报材料与实际情况不符，异议成立；撤销该组织的拟命名，由同类别排名下一位的组织依次递补。',
      reply: '经核查，您反映的情况属实。已撤销该组织的拟命名，并按排名依次递补。感谢您的监督。',
    },
    {
      outcome: 'unfounded',
      groups: ['branch'],
      filer: null,
      body: '听说该支部书记今年上半年调走了，支部班子不健全，还符合示范点的条件吗？',
      filed: [2, 8, 40],
      accepted: [2, 9, 45],
      notes: [
        {
          at: [5, 15, 0],
          body: '与所在单位机关党委核实：原支部书记今年 4 月调任后，支部已于 5 月按程序补选书记，有上级党组织的批复为证；班子成员齐全。',
        },
      ],
      closed: [6, 15, 0],
      reason: '经核实，该支部已按程序补选书记，班子健全，异议反映的情况与事实不符，异议不成立。',
      reply: '经核查，该支部已于今年 5 月按程序补选支部书记，班子健全，异议不成立。感谢您的监督。',
    },
  ],
};

/** A documentation address (RFC 5737) per objection: the public form's limits count per address. */
const ADDRESS = (i: number) => `198.51.100.${23 + i}`;

/**
 * The calendar years the demo enters, each when the committee would have imported it: the closed years
 * (their windows need them) and the running year when its arrangement is known; each arrangement in
 * November of the year before (the State Council announces it then), none before the demo's records
 * begin (`since`).
 */
export async function importCalendars(db: Db, cast: Cast, currentYear: number, since: number) {
  const years = [currentYear - 2, currentYear - 1];
  if (HOLIDAY_ARRANGEMENTS[currentYear]) years.push(currentYear);
  for (const year of years) {
    const at = Math.max(cst(year - 1, 11, 20, 10), since + HOUR);
    const bytes = calendarCsv(holidaysOf(year).days);
    await importYear(
      db,
      ctxAt(cast.committee, at),
      year,
      { bytes, filename: `${year}年节假日安排.csv` },
      false,
    );
  }
  return years.length;
}

export interface PublicitySummary {
  publicities: number;
  objections: number;
  titles: number;
}

/** Which listed entry an objection concerns: an ordinary one of its groups, for a substitution one whose next ranked is ordinary too. */
async function targetOf(
  db: Db,
  p: publicityRepo.PublicityRow,
  o: PlannedObjection,
  ordinary: Set<string>,
  taken: Set<string>,
  r: ReturnType<typeof prng>,
): Promise<string> {
  const items = await publicityRepo.itemsOf(db, p.id);
  for (const g of o.groups) {
    const listed = items.filter(
      (i) =>
        i.status === 'listed' &&
        (g === 'venue' ? i.trackCode === 'venue' : i.trackCode === 'site' && i.orgKind === g) &&
        ordinary.has(i.applicationId) &&
        !taken.has(i.id),
    );
    if (listed.length === 0) continue;
    const item = r.pick(listed);
    if (o.outcome !== 'founded_substitute') return item.id;
    const next = await nextRanked(db, p, item);
    if (next && ordinary.has(next.applicationId)) return item.id;
  }
  throw new Error(`demo publicity ${p.title}: no entry for a ${o.outcome} objection`);
}

/** One objection from the public page to its closing by the committee's assignee. */
async function objectTo(
  db: Db,
  cast: Cast,
  published: PublicityDetail,
  entryId: string,
  o: PlannedObjection,
  address: string,
  day0: number,
): Promise<void> {
  const at = ([d, hh, mm]: When) => day0 + d * DAY + hh * HOUR + mm * MIN;
  const admin = (w: When) => ctxAt(cast.committee, at(w));
  const filed = await file(
    db,
    ctxAt(null, at(o.filed)),
    published.id,
    o.filer
      ? { entryId, body: o.body, name: o.filer.name, phone: o.filer.phone }
      : { entryId, body: o.body, anonymous: true },
    address,
  );
  const id = (await listOf(db, admin(o.accepted), published.id)).items.find(
    (x) => x.receiptCode === filed.receiptCode,
  )!.id;
  let d = await assign(db, admin(o.accepted), id, 'accept', {
    assigneeId: cast.committee.userId,
    deadline: published.lastDay,
    version: 1,
  });
  for (const n of o.notes) d = await note(db, admin(n.at), id, { body: n.body, version: d.version });
  await close(db, admin(o.closed), id, {
    outcome: o.outcome,
    reason: o.reason,
    reply: o.reply,
    substituteApplicationId: o.outcome === 'founded_substitute' ? d.nextRanked!.applicationId : null,
    version: d.version,
  });
}

/**
 * Publishes the year's list an hour after the campaign entered publicity, takes its objections through,
 * and certifies the list at 10:00 on the first working day after the window.
 */
export async function publicizeClosedYear(db: Db, cast: Cast, y: ClosedYear): Promise<PublicitySummary> {
  const t = y.times;
  const published = await publish(db, ctxAt(cast.committee, t.publicityStartsAt + HOUR), y.campaignId, {
    contact: PUBLICITY_CONTACT,
    allowAnonymous: true,
  });
  const p = (await publicityRepo.findPublicity(db, published.id))!;
  const r = prng(DEMO_SEED + 20_000 + y.year);
  const ordinary = new Set(y.ordinary);
  const taken = new Set<string>();
  // The China day the list was published, at 00:00.
  const day0 = t.publicityStartsAt - 9 * HOUR;
  const planned = OBJECTIONS[y.yearsAgo];
  for (const [i, o] of planned.entries()) {
    const entryId = await targetOf(db, p, o, ordinary, taken, r);
    taken.add(entryId);
    await objectTo(db, cast, published, entryId, o, ADDRESS(i), day0);
  }
  const cal = calendarOf(holidaysOf(y.year).days);
  const [yy, mm, dd] = addWorkingDays(published.lastDay, 1, cal).split('-').map(Number) as number[];
  const named = await certify(
    db,
    ctxAt(cast.committee, cst(yy!, mm!, dd!, 10)),
    published.id,
    {},
    DEFAULT_TITLE_VALIDITY_YEARS,
  );
  return { publicities: 1, objections: planned.length, titles: named.certified };
}
