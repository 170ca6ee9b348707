/**
 * The certificate templates (证书模板) the committee adjusts: one per document kind, the defaults of
 * shared/src/domain/certificates.ts until first saved. Text with known placeholders only, a few layout
 * fields, and a seal image received and checked like evidence (type sniffed against the name, image
 * re-encoded without metadata) and kept as bytes. Each change audited with its version.
 */
import fsp from 'node:fs/promises';
import crypto from 'node:crypto';
import type { Db } from '../../db/client';
import type { Ctx } from '../../core/context';
import { requireActor } from '../../core/context';
import { AppError, fieldError } from '../../core/errors';
import { versionConflictError } from '../../core/conflict';
import { writeAudit } from '../audit/write';
import { inspectFile, processImage } from '../evidence/inspect';
import type { ReceivedUpload } from '../evidence/upload';
import type { Scratch } from '../evidence/storage';
import {
  TEMPLATE_DEFAULTS,
  TEMPLATE_KINDS,
  TEMPLATE_LIMITS,
  TEMPLATE_PLACEHOLDERS,
  unknownPlaceholders,
  type TemplateKind,
} from '../../../../shared/src/domain/certificates';
import { putTemplate, type PutTemplate, type TemplateView } from '../../../../shared/src/contracts/titles';
import type { Template } from './pdf';
import * as repo from './repo';

function viewOf(kind: TemplateKind, row: repo.TemplateRow | null): TemplateView {
  const d = row ?? {
    ...TEMPLATE_DEFAULTS[kind],
    seal: null,
    version: 0,
    updatedAt: null,
    updatedByName: null,
  };
  return {
    kind,
    heading: d.heading,
    body: d.body,
    issuer: d.issuer,
    orientation: d.orientation,
    headingSize: d.headingSize,
    bodySize: d.bodySize,
    sealSize: d.sealSize,
    hasSeal: !!d.seal,
    placeholders: [...TEMPLATE_PLACEHOLDERS[kind]],
    version: d.version,
    updatedAt: d.updatedAt?.toISOString() ?? null,
    updatedByName: d.updatedByName,
  };
}

export async function listTemplates(db: Db): Promise<{ items: TemplateView[] }> {
  const rows = new Map((await repo.allTemplates(db)).map((r) => [r.kind, r]));
  return { items: TEMPLATE_KINDS.map((k) => viewOf(k, rows.get(k) ?? null)) };
}

/** The template to print with (the default when never saved). */
export async function templateFor(db: Db, kind: TemplateKind): Promise<Template> {
  const row = await repo.findTemplate(db, kind);
  return row ? { ...row, seal: row.seal ?? null } : { ...TEMPLATE_DEFAULTS[kind], kind, seal: null };
}

function checkPlaceholders(kind: TemplateKind, body: PutTemplate) {
  const problems = (['heading', 'body', 'issuer'] as const).flatMap((f) => {
    const unknown = unknownPlaceholders(kind, body[f]);
    return unknown.length
      ? [
          fieldError(
            f,
            'unknown_placeholder',
            `不认识的占位符：${unknown.map((u) => `{{${u}}}`).join('、')}；可用：${TEMPLATE_PLACEHOLDERS[kind].join('、')}`,
            `Unknown placeholder(s): ${unknown.join(', ')}; known: ${TEMPLATE_PLACEHOLDERS[kind].join(', ')}`,
          ),
        ]
      : [];
  });
  if (problems.length) throw new AppError('VALIDATION_FAILED', problems);
}

export async function saveTemplate(db: Db, ctx: Ctx, kind: TemplateKind, input: PutTemplate) {
  const body = putTemplate.parse(input);
  checkPlaceholders(kind, body);
  const actor = requireActor(ctx);
  return db.transaction(async (tx) => {
    const row = await repo.findTemplate(tx, kind, 'update');
    const current = row?.version ?? 0;
    if (body.version !== current)
      throw versionConflictError(
        { version: current, updatedAt: row?.updatedAt ?? ctx.now },
        row?.updatedByName ?? null,
      );
    const { version: _v, ...fields } = body;
    const saved = await repo.upsertTemplate(tx, {
      kind,
      ...fields,
      seal: row?.seal ?? null,
      sealSha256: row?.sealSha256 ?? null,
      version: current + 1,
      updatedAt: ctx.now,
      updatedByName: actor.displayName,
    });
    await writeAudit(tx, ctx, {
      action: 'templates.update',
      objectType: 'certificate_template',
      detail: JSON.stringify({ kind, version: saved.version }),
    });
    return viewOf(kind, saved);
  });
}

/** Stores a seal image for a template: checked like evidence (JPEG or PNG only), re-encoded, audited. */
export async function saveSeal(
  db: Db,
  ctx: Ctx,
  kind: TemplateKind,
  upload: ReceivedUpload,
  scratch: Scratch,
) {
  const actor = requireActor(ctx);
  const { staged, filename } = upload;
  let processed: string | null = null;
  try {
    if (staged.size > TEMPLATE_LIMITS.sealBytesMax)
      throw new AppError('PAYLOAD_TOO_LARGE', [
        fieldError('file', 'seal_too_large', '印章图片不能超过 2 MB', 'A seal image may be at most 2 MB'),
      ]);
    const type = await inspectFile(staged.path, staged.size, filename);
    if (type !== 'png' && type !== 'jpeg')
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', [
        fieldError(
          'file',
          'seal_not_image',
          '印章只能是 PNG 或 JPG 图片',
          'A seal must be a PNG or JPG image',
        ),
      ]);
    const image = await processImage(staged.path, type, scratch);
    processed = image.file;
    await scratch.discard(image.thumbnail);
    const bytes = await fsp.readFile(image.file);
    const sha = crypto.createHash('sha256').update(bytes).digest('hex');
    return await db.transaction(async (tx) => {
      const row = await repo.findTemplate(tx, kind, 'update');
      const base = row ?? { ...TEMPLATE_DEFAULTS[kind], version: 0 };
      const saved = await repo.upsertTemplate(tx, {
        kind,
        heading: base.heading,
        body: base.body,
        issuer: base.issuer,
        orientation: base.orientation,
        headingSize: base.headingSize,
        bodySize: base.bodySize,
        sealSize: base.sealSize,
        seal: bytes,
        sealSha256: sha,
        version: base.version + 1,
        updatedAt: ctx.now,
        updatedByName: actor.displayName,
      });
      await writeAudit(tx, ctx, {
        action: 'templates.seal',
        objectType: 'certificate_template',
        detail: JSON.stringify({ kind, sha256: sha, bytes: bytes.length, version: saved.version }),
      });
      return viewOf(kind, saved);
    });
  } finally {
    await scratch.discard(staged.path, processed ?? undefined);
  }
}
