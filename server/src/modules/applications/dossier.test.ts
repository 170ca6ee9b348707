import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../../db/schema';
import { appOf, idem, setup, type Kit } from './test-kit';

let kit: Kit;
beforeAll(async () => {
  kit = await setup();
});
afterAll(() => kit.env.close());

const practices =
  '一是坚持党建引领，建立“党支部+抢险队”工作机制，党员带头冲锋在防汛排水一线；二是深化“三会一课”，' +
  '把理论学习与业务培训结合起来，每月开展主题党日；三是打造“红色管网”党建品牌，推动党建与业务深度融合，' +
  '在促进高质量发展、服务群众、优化营商环境等方面成效显著。';

/** The number of page objects in a PDF (pdfkit writes them as plain dictionaries). */
function pageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;
}

describe('GET /api/applications/:id/dossier.pdf', () => {
  it('renders an A4 PDF with the Chinese font embedded, every section, and page numbers', async () => {
    const app = await appOf(kit, await kit.branch('A'), { complete: true });
    await kit.c.unitA.patch(`/api/applications/${app.id}`, {
      version: 1,
      features: practices,
      practices: practices.repeat(12),
      results: '连续三年获评先进基层党组织。',
    });
    const sub = await kit.c.unitA.post(`/api/applications/${app.id}/submit`, {}, idem());
    expect(sub.statusCode).toBe(200);
    const res = await kit.c.unitA.get(`/api/applications/${app.id}/dossier.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(String(res.headers['content-disposition'])).toMatch(
      /^attachment; filename="application-[0-9a-f]{8}\.pdf"/,
    );
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toMatch(/%%EOF/);
    const text = pdf.toString('latin1');
    expect(text).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansSC-Regular/);
    expect(text).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansSC-Bold/);
    expect(text).toMatch(/\/FontFile2 /);
    expect(text).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(pageCount(pdf)).toBe(3);
    // The download is audited (issue #9 §4), with the application and its unit.
    expect(
      await kit.env.db
        .select({
          actorName: auditEvents.actorName,
          outcome: auditEvents.outcome,
          objectType: auditEvents.objectType,
          unitId: auditEvents.unitId,
        })
        .from(auditEvents)
        .where(
          and(eq(auditEvents.action, 'applications.dossier_download'), eq(auditEvents.objectId, app.id)),
        ),
    ).toEqual([
      { actorName: 'uadmin', outcome: 'success', objectType: 'application', unitId: kit.tree.unitA.id },
    ]);
  });

  it('answers 404 for another unit’s application and 403 to roles without access', async () => {
    const app = await appOf(kit, await kit.branch('B'));
    expect((await kit.c.unitA.get(`/api/applications/${app.id}/dossier.pdf`)).statusCode).toBe(404);
    expect((await kit.c.applA.get(`/api/applications/${app.id}/dossier.pdf`)).statusCode).toBe(404);
    expect((await kit.c.reviewer.get(`/api/applications/${app.id}/dossier.pdf`)).statusCode).toBe(403);
    expect((await kit.c.committee.get(`/api/applications/${app.id}/dossier.pdf`)).statusCode).toBe(200);
    // Only the one that was served is a download.
    const downloads = await kit.env.db
      .select({ actorName: auditEvents.actorName })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'applications.dossier_download'), eq(auditEvents.objectId, app.id)));
    expect(downloads).toEqual([{ actorName: 'cadmin' }]);
  });
});
