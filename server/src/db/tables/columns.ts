/** Column shapes every table file uses alike. */
import { numeric, timestamp } from 'drizzle-orm/pg-core';

/** A point in time, with its time zone, read as a `Date`. */
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Points of a standard or a score: one decimal place. */
export const points = (name: string) => numeric(name, { precision: 6, scale: 1, mode: 'number' });
