/**
 * Batch print in bounded memory (issue #8 Speed): writes N certificates into one PDF through the real
 * `writeBatch` (pages of 100 titles, QR code each, the seal embedded once) to a sink that reads slowly,
 * sampling the process's RSS. Run: `npx tsx bench/certificates-rss.ts 1000` (and 100 to compare).
 */
import { Writable } from 'node:stream';
import sharp from 'sharp';
import { writeBatch } from '../server/src/modules/titles/pdf';
import { TEMPLATE_DEFAULTS } from '../shared/src/domain/certificates';
import type { TitleSummary } from '../shared/src/contracts/titles';

const N = Number(process.argv[2] ?? 1000);
const PAGE = 100;

function title(i: number): TitleSummary {
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    serial: `TJ-SFD-2027-${String(i + 1).padStart(3, '0')}`,
    campaignId: '00000000-0000-4000-8000-000000000001',
    applicationId: '00000000-0000-4000-8000-000000000002',
    track: 'site',
    trackNameZh: '基层党建工作示范点',
    orgKind: 'branch',
    year: 2027,
    holderName: `市级机关第${i + 1}党支部`,
    organizationId: '00000000-0000-4000-8000-000000000003',
    organizationName: `市级机关第${i + 1}党支部`,
    venueId: null,
    unitId: '00000000-0000-4000-8000-000000000004',
    unitName: '市水务局机关党委',
    brandName: null,
    status: 'active',
    validityYears: 3,
    validFrom: '2027-10-13',
    validUntil: '2030-10-13',
    certifiedAt: '2027-10-13T01:00:00.000Z',
    version: 1,
  };
}

async function main() {
  const seal = await sharp({
    create: { width: 400, height: 400, channels: 4, background: { r: 200, g: 0, b: 0, alpha: 0.8 } },
  })
    .png()
    .toBuffer();
  let bytes = 0;
  const sink = new Writable({
    highWaterMark: 64 * 1024,
    write(chunk: Buffer, _enc, cb) {
      bytes += chunk.length;
      setImmediate(cb);
    },
  });
  let peak = process.memoryUsage().rss;
  const base = peak;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  let at = 0;
  const t0 = Date.now();
  const n = await writeBatch(
    sink,
    {
      template: { ...TEMPLATE_DEFAULTS.certificate, kind: 'certificate', seal },
      kind: 'certificate',
      nextPage: async () => {
        const page: TitleSummary[] = [];
        for (; page.length < PAGE && at < N; at++) page.push(title(at));
        peak = Math.max(peak, process.memoryUsage().rss);
        return page;
      },
      verifyUrlOf: (t) => `https://shifan.example.gov.cn/verify/${t.id.replace(/-/g, '').slice(0, 32)}`,
    },
    new Date(),
  );
  clearInterval(timer);
  const mb = (b: number) => (b / 1024 / 1024).toFixed(1);
  console.log(
    `certificates=${n} pdf=${mb(bytes)} MiB time=${((Date.now() - t0) / 1000).toFixed(1)} s ` +
      `rss start=${mb(base)} MiB peak=${mb(peak)} MiB growth=${mb(peak - base)} MiB`,
  );
}

await main();
