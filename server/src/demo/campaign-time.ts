/**
 * The demo campaigns' clock (pure): the timelines of a closed year and of the current year around `now`,
 * and times picked in office hours (China Standard Time).
 */
import type { Prng } from './prng';

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
const CST = 8 * HOUR;

export interface Times {
  createdAt: number;
  applicationOpensAt: number;
  applicationClosesAt: number;
  recommendationDeadline: number;
  reviewStartsAt: number;
  reviewEndsAt: number;
  publicityStartsAt: number;
  publicityEndsAt: number;
  /** Closed years: when the committee closed it. */
  closedAt: number | null;
}

/** `HH:MM` on a day of a year in China Standard Time. */
export function cst(year: number, month: number, day: number, hh = 9, mm = 0): number {
  return Date.UTC(year, month - 1, day, hh, mm) - CST;
}

/** A closed year's timeline: applications in March and April, review May–August, publicity in September. */
export function closedTimes(year: number): Times {
  return {
    createdAt: cst(year, 2, 12, 10),
    applicationOpensAt: cst(year, 3, 1),
    applicationClosesAt: cst(year, 4, 15, 17, 30),
    recommendationDeadline: cst(year, 4, 30, 17, 30),
    reviewStartsAt: cst(year, 5, 10),
    reviewEndsAt: cst(year, 8, 31, 17, 30),
    publicityStartsAt: cst(year, 9, 10),
    publicityEndsAt: cst(year, 9, 16, 17, 30),
    closedAt: cst(year, 9, 22, 10),
  };
}

/**
 * The current year's timeline around `now`: applications opened 60 days ago and closed 12 days ago, the
 * units' recommendation deadline passed two days ago and the review period began yesterday, so the
 * committee can move the campaign into review (评审) at once; it runs 50 more days.
 */
export function openTimes(now: number): Times {
  const at = (days: number, hh: number, mm = 0) => {
    const t = now + days * DAY;
    return Math.floor((t + CST) / DAY) * DAY - CST + hh * HOUR + mm * MIN;
  };
  return {
    createdAt: at(-72, 10),
    applicationOpensAt: at(-60, 9),
    applicationClosesAt: at(-12, 17, 30),
    recommendationDeadline: at(-2, 17, 30),
    reviewStartsAt: at(-1, 9),
    reviewEndsAt: at(50, 17, 30),
    publicityStartsAt: at(60, 9),
    publicityEndsAt: at(66, 17, 30),
    closedAt: null,
  };
}

/** A time in [from, to], in office hours (09:00–17:30 China time) when the window allows, to the minute. */
export function pick(r: Prng, from: number, to: number): number {
  if (to <= from) return from;
  for (let i = 0; i < 6; i++) {
    const t = from + r.next() * (to - from);
    const day = Math.floor((t + CST) / DAY) * DAY - CST;
    const office = day + 9 * HOUR + Math.floor(r.next() * 510) * MIN;
    if (office >= from && office <= to) return office;
  }
  return Math.round((from + r.next() * (to - from)) / MIN) * MIN;
}

/** `n` increasing times in [from, to], at least 5 minutes apart. */
export function spread(r: Prng, from: number, to: number, n: number): number[] {
  const ts = Array.from({ length: n }, () => pick(r, from, to)).sort((a, b) => a - b);
  for (let i = 1; i < ts.length; i++) if (ts[i]! < ts[i - 1]! + 5 * MIN) ts[i] = ts[i - 1]! + 5 * MIN;
  return ts;
}
