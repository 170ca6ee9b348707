import type { Db } from '../db/client';

/** Seeds the demo data set (organisations, venues, one account per role). Filled in by the demo-data work. */
export async function seedDemo(_db: Db, _now: Date): Promise<void> {}
