/**
 * The batch download of dossiers (issue #7 §4): one .zip with a folder per application —
 * `001 市水务局排水五所党支部 - 排水先锋/申报书.pdf` and `…/佐证材料/03 <criterion>/<original name>` — and
 * `清单.xlsx` at the root (one row per file: the application, the file, its size and SHA-256).
 *
 * Before the first byte: every id must be an application the caller may read (`applications.read`, as
 * for one dossier), else 404 for the whole request; the evidence must fit one download
 * (DOSSIER_ZIP_MAX_BYTES, else 422); every evidence file's bytes are checked against the SHA-256
 * recorded at upload (integrity.ts); the download is audited as ONE event naming the applications.
 *
 * A file that fails its check (or is missing from the store) is never served: it is left out, its
 * manifest row and a note in its folder say why, and the failure is audited for the security admin as a
 * single download's would be. An office downloading forty dossiers for a meeting gets the thirty-nine
 * intact ones and a clear note, rather than nothing because of one file it cannot repair.
 *
 * Memory stays bounded: entries are produced one at a time as the client reads (yazl pulls each
 * entry's stream when the previous one is written); evidence is streamed from the store, one dossier
 * PDF (a few hundred KB) is rendered at a time, and the manifest is written last by the streaming
 * .xlsx writer, with the PDFs' sizes and hashes known by then.
 */
import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import yazl from 'yazl';
import type { Db } from '../../db/client';
import { requireActor, scopeOf, type Ctx } from '../../core/context';
import { AppError } from '../../core/errors';
import { attachment } from '../../core/http-files';
import { chinaDate } from '../../core/time';
import { streamFrom, writeXlsxSheet, type XlsxCell } from '../../core/xlsx';
import {
  APPLICATION_STATUS_LABELS,
  type ApplicationDetail,
} from '../../../../shared/src/contracts/applications';
import { ORG_KIND_LABELS } from '../../../../shared/src/contracts/organization-import';
import {
  DOSSIER_MANIFEST_HEADERS,
  DOSSIER_MANIFEST_NAME,
  DOSSIER_PDF_NAME,
  DOSSIER_ZIP_MAX_BYTES,
  EVIDENCE_FOLDER,
} from '../../../../shared/src/contracts/dossier-zip';
import { writeAudit } from '../audit/write';
import { idsInScope } from '../applications/queries';
import { get } from '../applications/service';
import { renderDossier } from '../applications/dossier-pdf';
import { applicationFolder, criterionFolder, safeComponent, UniquePaths } from './dossier-zip-names';
import { findCorruption } from './integrity';
import type { EvidenceStorage } from './storage';
import * as repo from './repo';

export const OMITTED_NOTE_NAME = '未打包的文件.txt';

type Problem = 'corrupt' | 'missing';
const PROBLEM_TEXT: Record<Problem, string> = {
  corrupt: '文件完整性校验未通过（与上传时记录的 SHA-256 不符），未打包；已记录并通知安全管理员',
  missing: '存储中缺少该文件，未打包；已记录',
};

interface PlannedFile {
  row: repo.EvidenceRow;
  /** The path inside the archive. */
  path: string;
  criterion: string;
  problem: Problem | null;
}

interface PlannedApp {
  folder: string;
  detail: ApplicationDetail;
  pdfPath: string;
  files: PlannedFile[];
  /** Size and SHA-256 of the rendered PDF, known once it is written. */
  pdf?: { size: number; sha256: string };
}

export interface DossierZip {
  stream: Readable;
  disposition: string;
}

/** The subject as people name it: the organisation, and for a venue application the venue. */
const subjectOf = (d: ApplicationDetail) =>
  d.venue ? `${d.organization.name} ${d.venue.name}` : d.organization.name;

function plan(details: ApplicationDetail[], rows: repo.EvidenceRow[], problems: Map<string, Problem>) {
  const paths = new UniquePaths();
  paths.reserve(DOSSIER_MANIFEST_NAME);
  const byApp = new Map<string, repo.EvidenceRow[]>();
  for (const r of rows) byApp.set(r.applicationId, [...(byApp.get(r.applicationId) ?? []), r]);
  return details.map((d, i): PlannedApp => {
    const folder = applicationFolder(i + 1, subjectOf(d), d.brandName);
    const pdfPath = paths.add(folder, DOSSIER_PDF_NAME);
    const criteria = new Map(d.criteria.map((c) => [c.id, c]));
    const files = (byApp.get(d.id) ?? []).map((row): PlannedFile => {
      const c = row.criterionId ? criteria.get(row.criterionId) : undefined;
      const dir = c
        ? `${folder}/${EVIDENCE_FOLDER}/${criterionFolder(c.position, c.titleZh)}`
        : `${folder}/${EVIDENCE_FOLDER}`;
      const problem = problems.get(row.id) ?? null;
      return {
        row,
        path: problem ? '' : paths.add(dir, safeComponent(row.originalName, 100, '文件')),
        criterion: c?.titleZh ?? '—',
        problem,
      };
    });
    return { folder, detail: d, pdfPath, files };
  });
}

function manifestRows(apps: PlannedApp[]): XlsxCell[][] {
  const out: XlsxCell[][] = [];
  for (const a of apps) {
    const d = a.detail;
    const common = [
      a.folder,
      d.organization.name,
      d.venue?.name ?? '',
      d.brandName ?? '',
      d.unit.name,
      d.track.nameZh,
      ORG_KIND_LABELS[d.organization.kind],
      APPLICATION_STATUS_LABELS[d.status].zh,
    ];
    const inFolder = (p: string) => p.slice(a.folder.length + 1);
    out.push([...common, '申报书 PDF', '', inFolder(a.pdfPath), a.pdf?.size ?? '', a.pdf?.sha256 ?? '', '']);
    for (const f of a.files)
      out.push([
        ...common,
        '佐证材料',
        f.criterion,
        f.problem ? f.row.originalName : inFolder(f.path),
        f.row.sizeBytes,
        f.row.sha256,
        f.problem ? PROBLEM_TEXT[f.problem] : '',
      ]);
  }
  return out.map((r, i) => [i + 1, ...r]);
}

/** The note put in a folder whose files were left out. */
function omittedNote(a: PlannedApp): Buffer {
  const lines = a.files
    .filter((f) => f.problem)
    .map((f) => `${f.row.originalName}（SHA-256 ${f.row.sha256}）：${PROBLEM_TEXT[f.problem!]}`);
  return Buffer.from(`\ufeff以下佐证材料未打包：\r\n${lines.join('\r\n')}\r\n`, 'utf8');
}

/**
 * Checks scope, size and integrity, audits the download and returns the archive's stream (entries are
 * produced as it is read). `onMissing` logs a file absent from the store; `onError` a failure while
 * streaming (the stream then ends with that error: the client sees a cut download, never a short 200).
 */
export async function openDossierZip(
  db: Db,
  storage: EvidenceStorage,
  ctx: Ctx,
  requested: readonly string[],
  log: { onMissing: (key: string) => void; onError: (err: unknown) => void },
): Promise<DossierZip> {
  const ids = requested.map((id) => id.toLowerCase());
  const inScope = await idsInScope(db, scopeOf(requireActor(ctx), 'applications.read'), ids);
  if (ids.some((id) => !inScope.has(id))) throw new AppError('NOT_FOUND');

  const rows = await repo.listLiveOf(db, ids);
  if (rows.reduce((sum, r) => sum + r.sizeBytes, 0) > DOSSIER_ZIP_MAX_BYTES)
    throw new AppError('DOSSIER_ZIP_TOO_LARGE');
  const details: ApplicationDetail[] = [];
  for (const id of ids) details.push(await get(db, ctx, id));

  const problems = new Map<string, Problem>();
  for (const r of rows) {
    if (!(await storage.store.exists(r.storageKey))) {
      log.onMissing(r.storageKey);
      problems.set(r.id, 'missing');
      continue;
    }
    const bad = await findCorruption(db, storage.store, ctx, {
      key: r.storageKey,
      sha256: r.sha256,
      size: r.sizeBytes,
      objectType: 'evidence_file',
      objectId: r.id,
      unitId: r.unitId,
      name: r.originalName,
    });
    if (bad) problems.set(r.id, 'corrupt');
  }
  const apps = plan(details, rows, problems);

  const units = new Set(details.map((d) => d.unit.id));
  await writeAudit(db, ctx, {
    action: 'applications.dossiers_download',
    objectType: 'application',
    objectId: ids.length === 1 ? ids[0] : null,
    unitId: units.size === 1 ? [...units][0] : null,
    detail: JSON.stringify({
      applicationIds: ids,
      files: rows.length - problems.size,
      ...(problems.size
        ? { omitted: rows.filter((r) => problems.has(r.id)).map((r) => r.originalName) }
        : {}),
    }),
  });

  const zip = new yazl.ZipFile();
  const out = zip.outputStream as Readable;
  let failed = false;
  const fail = (err: unknown) => {
    if (failed) return;
    failed = true;
    log.onError(err);
    out.destroy(err as Error);
  };
  zip.on('error', fail);
  /** The entry being read now: closed (its file handle released) if the client goes away mid-download. */
  let current: NodeJS.ReadableStream | null = null;
  const guarded = <S extends NodeJS.ReadableStream>(s: S): S => {
    s.on('error', fail);
    current = s;
    return s;
  };
  out.on('close', () => {
    if (!out.readableEnded) (current as Readable | null)?.destroy();
  });

  for (const a of apps) {
    zip.addReadStreamLazy(a.pdfPath, { mtime: ctx.now, compress: false }, (cb) => {
      renderDossier(a.detail, ctx.now).then(
        (pdf) => {
          a.pdf = { size: pdf.length, sha256: crypto.createHash('sha256').update(pdf).digest('hex') };
          cb(null, guarded(Readable.from([pdf])));
        },
        (err: unknown) => cb(err, undefined as never),
      );
    });
    for (const f of a.files) {
      if (f.problem) continue;
      // Stored, not deflated: evidence is PDF, JPEG, PNG or Office files, compressed already.
      zip.addReadStreamLazy(
        f.path,
        { mtime: f.row.createdAt, compress: false, size: f.row.sizeBytes },
        (cb) => cb(null, guarded(storage.store.get(f.row.storageKey))),
      );
    }
    if (a.files.some((f) => f.problem))
      zip.addBuffer(omittedNote(a), `${a.folder}/${OMITTED_NOTE_NAME}`, { mtime: ctx.now });
  }
  zip.addReadStreamLazy(DOSSIER_MANIFEST_NAME, { mtime: ctx.now }, (cb) =>
    cb(
      null,
      guarded(
        streamFrom(
          (o) =>
            writeXlsxSheet(
              o,
              {
                name: '清单',
                widths: [6, 40, 28, 20, 20, 28, 20, 10, 12, 12, 28, 40, 14, 66, 40],
                header: DOSSIER_MANIFEST_HEADERS,
              },
              async (addRow) => {
                for (const r of manifestRows(apps)) addRow(r);
              },
            ),
          fail,
        ),
      ),
    ),
  );
  zip.end();

  const date = chinaDate(ctx.now);
  return {
    stream: out,
    disposition: attachment(`申报材料-${date}-${ids.length}份.zip`, `dossiers-${date}.zip`),
  };
}
