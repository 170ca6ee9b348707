import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import {
  applicationEvents,
  applications,
  auditEvents,
  campaigns,
  campaignTracks,
  venues,
} from '../../db/schema';
import { appOf, setup, type Kit } from './test-kit';

let kit: Kit;
beforeAll(async () => {
  kit = await setup();
});
afterAll(() => kit.env.close());

describe('POST /api/applications', () => {
  it('creates a draft site application for the applicant’s own branch with the standard of its kind', async () => {
    const org = await kit.branch('A');
    const res = await kit.c.unitA.post('/api/applications', {
      campaignId: kit.campaign.id,
      trackCode: 'site',
      organizationId: org.id,
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      status: 'draft',
      version: 1,
      organization: { id: org.id, code: org.code, name: org.name, kind: 'branch' },
      unit: { id: kit.tree.unitA.id, name: '市水务局机关党委' },
      track: { code: 'site', subject: 'organization' },
      standard: { versionId: kit.standards.branch.versionId, code: 'SITE-BRANCH', version: 1 },
      venue: null,
      updatedByName: 'uadmin',
      abilities: {
        edit: true,
        submit: false,
        withdraw: true,
        recommend: false,
        return: false,
        accept: false,
      },
    });
    expect(body.criteria).toHaveLength(kit.standards.branch.criteria.length);
    expect(body.history).toEqual([
      expect.objectContaining({
        action: 'create',
        actorName: 'uadmin',
        role: 'unit_admin',
        fromStatus: null,
        toStatus: 'draft',
        reason: null,
        at: kit.env.clock.now.toISOString(),
      }),
    ]);
    const [audit] = await kit.env.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'applications.create'), eq(auditEvents.objectId, body.id)));
    expect(audit).toMatchObject({ unitId: kit.tree.unitA.id, outcome: 'success' });
  });

  it('lets the applicant apply for its own organisation only; another organisation answers 404', async () => {
    const own = await kit.c.applA.post('/api/applications', {
      campaignId: kit.campaign.id,
      trackCode: 'site',
      organizationId: kit.tree.a1.id,
    });
    expect(own.statusCode).toBe(201);
    const other = await kit.c.applA.post('/api/applications', {
      campaignId: kit.campaign.id,
      trackCode: 'site',
      organizationId: (await kit.branch('A')).id,
    });
    expect(other.statusCode).toBe(404);
    expect(other.json().error.details[0].field).toBe('organizationId');
    const outOfUnit = await kit.c.unitA.post('/api/applications', {
      campaignId: kit.campaign.id,
      trackCode: 'site',
      organizationId: (await kit.branch('B')).id,
    });
    expect(outOfUnit.statusCode).toBe(404);
  });

  it('answers 409 DUPLICATE for a second application of the same subject, campaign and track', async () => {
    const org = await kit.branch('A');
    const body = { campaignId: kit.campaign.id, trackCode: 'site', organizationId: org.id };
    expect((await kit.c.unitA.post('/api/applications', body)).statusCode).toBe(201);
    const again = await kit.c.unitA.post('/api/applications', body);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: 'DUPLICATE',
      details: [{ field: 'organizationId', code: 'duplicate' }],
    });
    const rows = await kit.env.db.select().from(applications).where(eq(applications.subjectId, org.id));
    expect(rows).toHaveLength(1);
  });

  it('creates a venue application for a venue of the unit, with the venue standard', async () => {
    const [venue] = await kit.env.db
      .insert(venues)
      .values({ organizationId: kit.tree.a1.id, unitId: kit.tree.unitA.id, name: '排水五所党员活动室' })
      .returning();
    const res = await kit.c.applA.post('/api/applications', {
      campaignId: kit.campaign.id,
      trackCode: 'venue',
      venueId: venue!.id,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      venue: { id: venue!.id, name: '排水五所党员活动室' },
      organization: { id: kit.tree.a1.id },
      standard: { code: 'VENUE' },
    });
    const wrongShape = await kit.c.applA.post('/api/applications', {
      campaignId: kit.campaign.id,
      trackCode: 'venue',
      organizationId: kit.tree.a1.id,
    });
    expect(wrongShape.statusCode).toBe(400);
    expect(wrongShape.json().error.details[0]).toMatchObject({ field: 'venueId', code: 'required' });
  });

  it('refuses a kind the track does not admit (422 NOT_ELIGIBLE) and a track the campaign lacks', async () => {
    await kit.env.db
      .update(campaignTracks)
      .set({ eligibleKinds: ['party_committee', 'general_branch'] })
      .where(and(eq(campaignTracks.campaignId, kit.campaign.id), eq(campaignTracks.trackCode, 'site')));
    try {
      const res = await kit.c.unitA.post('/api/applications', {
        campaignId: kit.campaign.id,
        trackCode: 'site',
        organizationId: (await kit.branch('A')).id,
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().error).toMatchObject({
        code: 'NOT_ELIGIBLE',
        details: [{ field: 'organizationId', code: 'kind_not_eligible' }],
      });
    } finally {
      await kit.env.db
        .update(campaignTracks)
        .set({ eligibleKinds: ['party_committee', 'general_branch', 'branch'] })
        .where(and(eq(campaignTracks.campaignId, kit.campaign.id), eq(campaignTracks.trackCode, 'site')));
    }
    const noTrack = await kit.c.unitA.post('/api/applications', {
      campaignId: kit.campaign.id,
      trackCode: 'exhibition',
      organizationId: (await kit.branch('A')).id,
    });
    expect(noTrack.statusCode).toBe(422);
    expect(noTrack.json().error.details[0].code).toBe('track_not_offered');
  });

  it('refuses a campaign that is not open (409 CAMPAIGN_NOT_OPEN) or past its deadline (409 DEADLINE_PASSED)', async () => {
    await kit.env.db.update(campaigns).set({ status: 'reviewing' }).where(eq(campaigns.id, kit.campaign.id));
    const org = await kit.branch('A');
    const body = { campaignId: kit.campaign.id, trackCode: 'site', organizationId: org.id };
    try {
      const closed = await kit.c.unitA.post('/api/applications', body);
      expect(closed.statusCode).toBe(409);
      expect(closed.json().error.code).toBe('CAMPAIGN_NOT_OPEN');
    } finally {
      await kit.env.db.update(campaigns).set({ status: 'open' }).where(eq(campaigns.id, kit.campaign.id));
    }
    const closes = kit.campaign.applicationClosesAt;
    await kit.env.db
      .update(campaigns)
      .set({ applicationClosesAt: new Date(kit.env.clock.now.getTime() - 60_000) })
      .where(eq(campaigns.id, kit.campaign.id));
    try {
      const late = await kit.c.unitA.post('/api/applications', body);
      expect(late.statusCode).toBe(409);
      expect(late.json().error.code).toBe('DEADLINE_PASSED');
    } finally {
      await kit.env.db
        .update(campaigns)
        .set({ applicationClosesAt: closes })
        .where(eq(campaigns.id, kit.campaign.id));
    }
    expect(await kit.env.db.select().from(applications).where(eq(applications.subjectId, org.id))).toEqual(
      [],
    );
  });

  it('is refused to the committee, reviewers and anonymous callers', async () => {
    const body = { campaignId: kit.campaign.id, trackCode: 'site', organizationId: kit.tree.a1.id };
    expect((await kit.c.committee.post('/api/applications', body)).statusCode).toBe(403);
    expect((await kit.c.reviewer.post('/api/applications', body)).statusCode).toBe(403);
  });
});

describe('GET /api/applications/:id', () => {
  it('answers 404 for another unit’s application to the unit admin and the applicant, 200 to the committee', async () => {
    const app = await appOf(kit, kit.tree.b1);
    expect((await kit.c.unitA.get(`/api/applications/${app.id}`)).statusCode).toBe(404);
    expect((await kit.c.applA.get(`/api/applications/${app.id}`)).statusCode).toBe(404);
    expect((await kit.c.unitB.get(`/api/applications/${app.id}`)).statusCode).toBe(200);
    const detail = await kit.c.committee.get(`/api/applications/${app.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().abilities).toEqual({
      edit: false,
      submit: false,
      withdraw: false,
      recommend: false,
      return: false,
      accept: false,
    });
  });

  it('lists the completeness gaps in the caller’s language', async () => {
    const org = await kit.branch('A');
    const app = await appOf(kit, org);
    const res = await kit.c.unitA.get(`/api/applications/${app.id}`, { 'accept-language': 'en' });
    const first = kit.standards.branch.criteria[0]!;
    expect(res.json().gaps.slice(0, 4)).toEqual([
      { kind: 'field', field: 'brandName', criterionId: null, message: 'The brand name is missing' },
      { kind: 'field', field: 'summary', criterionId: null, message: 'The summary is missing' },
      {
        kind: 'self_assessment',
        field: null,
        criterionId: first.id,
        message: `"${first.titleEn}" has no self-assessment score`,
      },
      {
        kind: 'evidence',
        field: null,
        criterionId: first.id,
        message: `"${first.titleEn}" needs at least one evidence file`,
      },
    ]);
  });
});

describe('PATCH /api/applications/:id (autosave)', () => {
  it('saves the fields sent, bumps the version, records the author and audits the change', async () => {
    const app = await appOf(kit, await kit.branch('A'));
    const res = await kit.c.unitA.patch(`/api/applications/${app.id}`, {
      version: 1,
      brandName: '  “四强”党支部  ',
      features: '排水抢险党员突击队',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      version: 2,
      brandName: '“四强”党支部',
      features: '排水抢险党员突击队',
      summary: null,
      updatedByName: 'uadmin',
    });
    const [audit] = await kit.env.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'applications.update'), eq(auditEvents.objectId, app.id)));
    expect(audit!.changes).toEqual({
      brandName: { before: null, after: '“四强”党支部' },
      features: { before: null, after: '排水抢险党员突击队' },
    });
  });

  it('answers a stale version with 409 VERSION_CONFLICT naming who saved last and when, and changes nothing', async () => {
    const app = await appOf(kit, await kit.branch('A'));
    const first = await kit.c.unitA.patch(`/api/applications/${app.id}`, { version: 1, summary: '第一稿' });
    expect(first.statusCode).toBe(200);
    const stale = await kit.c.unitA.patch(`/api/applications/${app.id}`, { version: 1, summary: '另一稿' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: 'VERSION_CONFLICT',
      currentVersion: 2,
      updatedAt: kit.env.clock.now.toISOString(),
      updatedByName: 'uadmin',
    });
    const [row] = await kit.env.db.select().from(applications).where(eq(applications.id, app.id));
    expect(row).toMatchObject({ summary: '第一稿', version: 2 });
  });

  it('refuses changes once submitted (409 NOT_EDITABLE), over-long fields (400) and unknown fields (400)', async () => {
    const app = await appOf(kit, await kit.branch('A'), { status: 'submitted' });
    const locked = await kit.c.unitA.patch(`/api/applications/${app.id}`, { version: 1, summary: 'x' });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.code).toBe('NOT_EDITABLE');
    const draft = await appOf(kit, await kit.branch('A'));
    const long = await kit.c.unitA.patch(`/api/applications/${draft.id}`, {
      version: 1,
      brandName: '品'.repeat(61),
    });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.details[0]).toMatchObject({ field: 'brandName', code: 'too_big' });
    const unknown = await kit.c.unitA.patch(`/api/applications/${draft.id}`, {
      version: 1,
      status: 'accepted',
    });
    expect(unknown.statusCode).toBe(400);
  });

  it('answers 404 for another unit’s application', async () => {
    const app = await appOf(kit, await kit.branch('B'));
    const res = await kit.c.unitA.patch(`/api/applications/${app.id}`, { version: 1, summary: 'x' });
    expect(res.statusCode).toBe(404);
  });
});

describe('PUT /api/applications/:id/self-assessment', () => {
  it('saves scores and notes, totals them, and audits the changed criteria', async () => {
    const app = await appOf(kit, await kit.branch('A'));
    const [c1, c2] = kit.standards.branch.criteria;
    const res = await kit.c.applA.put(`/api/applications/${app.id}/self-assessment`, {
      version: 1,
      items: [
        { criterionId: c1!.id, score: 18.5, note: '班子分工明确' },
        { criterionId: c2!.id, score: 20, note: null },
      ],
    });
    // The applicant of A1 does not own this branch: out of its scope.
    expect(res.statusCode).toBe(404);
    const ok = await kit.c.unitA.put(`/api/applications/${app.id}/self-assessment`, {
      version: 1,
      items: [
        { criterionId: c1!.id, score: 18.5, note: '班子分工明确' },
        { criterionId: c2!.id, score: 20, note: null },
      ],
    });
    expect(ok.statusCode).toBe(200);
    const body = ok.json();
    expect(body.version).toBe(2);
    expect(body.selfScoreTotal).toBe(38.5);
    expect(body.criteria[0]).toMatchObject({ id: c1!.id, score: 18.5, note: '班子分工明确' });
    const [audit] = await kit.env.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'applications.self_assess'), eq(auditEvents.objectId, app.id)));
    expect(audit!.changes).toEqual({
      [`criterion:${c1!.position}`]: {
        before: { score: null, note: null },
        after: { score: 18.5, note: '班子分工明确' },
      },
      [`criterion:${c2!.position}`]: {
        before: { score: null, note: null },
        after: { score: 20, note: null },
      },
    });
  });

  it('answers 400 naming an unknown criterion or a score off the 0.5 grid, and saves nothing', async () => {
    const app = await appOf(kit, await kit.branch('A'));
    const c1 = kit.standards.branch.criteria[0]!;
    const foreign = kit.standards.venue.criteria[0]!;
    const res = await kit.c.unitA.put(`/api/applications/${app.id}/self-assessment`, {
      version: 1,
      items: [
        { criterionId: c1.id, score: 18.3, note: null },
        { criterionId: foreign.id, score: 5, note: null },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      expect.objectContaining({ field: 'items.0.score', code: 'invalid_score' }),
      expect.objectContaining({
        field: 'items.1.criterionId',
        code: 'unknown_criterion',
        message: `指标 ${foreign.id} 不属于本申报适用的创建标准`,
      }),
    ]);
    const detail = await kit.c.unitA.get(`/api/applications/${app.id}`);
    expect(detail.json()).toMatchObject({ version: 1, selfScoreTotal: 0 });
  });
});

describe('history', () => {
  it('keeps one event per change of status only', async () => {
    const org = await kit.branch('A');
    const res = await kit.c.unitA.post('/api/applications', {
      campaignId: kit.campaign.id,
      trackCode: 'site',
      organizationId: org.id,
    });
    const id = res.json().id;
    await kit.c.unitA.patch(`/api/applications/${id}`, { version: 1, summary: 'x' });
    const events = await kit.env.db
      .select()
      .from(applicationEvents)
      .where(eq(applicationEvents.applicationId, id));
    expect(events.map((e) => e.action)).toEqual(['create']);
  });
});
