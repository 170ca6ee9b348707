/**
 * Fixtures for the re-review tests and matrix rows: more titles cheaply, each a copy of a certified one
 * (its application copied too, with a new holder) with the year, organisation, unit, kind and status
 * asked for, and a certify history row.
 */
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { applications, titleEvents, titles } from '../../db/schema';
import type { TitleRow } from '../titles/queries';

let n = 0;

export async function cloneTitle(
  db: Db,
  baseId: string,
  over: Partial<
    Pick<TitleRow, 'year' | 'organizationId' | 'unitId' | 'orgKind' | 'trackCode' | 'status' | 'validUntil'>
  > = {},
): Promise<TitleRow> {
  const [base] = await db.select().from(titles).where(eq(titles.id, baseId));
  const [app] = await db.select().from(applications).where(eq(applications.id, base!.applicationId));
  const subjectId = crypto.randomUUID();
  const { id: _a, ...appCopy } = app!;
  const [newApp] = await db
    .insert(applications)
    .values({
      ...appCopy,
      subjectId,
      organizationId: over.organizationId ?? app!.organizationId,
      unitId: over.unitId ?? app!.unitId,
    })
    .returning();
  const { id: _t, ...copy } = base!;
  n++;
  const [t] = await db
    .insert(titles)
    .values({
      ...copy,
      ...over,
      serial: `TJ-T-${crypto.randomBytes(4).toString('hex')}-${String(n).padStart(3, '0')}`,
      applicationId: newApp!.id,
      subjectId,
      holderName: `${copy.holderName}${n}`,
      verifyToken: crypto.randomBytes(24).toString('base64url'),
      version: 1,
    })
    .returning();
  await db.insert(titleEvents).values({
    titleId: t!.id,
    at: t!.certifiedAt,
    action: 'certify',
    fromStatus: null,
    toStatus: t!.status,
    reason: 'fixture',
  });
  return t!;
}
