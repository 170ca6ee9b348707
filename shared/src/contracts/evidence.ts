import { z } from 'zod';

/**
 * Evidence files (申报材料) attached to an application: what may be uploaded, the limits, and what the
 * server answers. The web reads the same table to set the file picker's `accept` and to check sizes early;
 * the server decides by content, never by the name or the declared type.
 */
export const EVIDENCE_TYPES = {
  pdf: { mime: 'application/pdf', extensions: ['pdf'] },
  jpeg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  png: { mime: 'image/png', extensions: ['png'] },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
  },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
} as const;
export type EvidenceKind = keyof typeof EVIDENCE_TYPES;

export const EVIDENCE_ACCEPT = Object.values(EVIDENCE_TYPES)
  .flatMap((t) => t.extensions.map((e) => `.${e}`))
  .join(',');

const MiB = 1024 * 1024;
export const EVIDENCE_LIMITS = {
  /** One file (after upload, before image re-encoding). */
  fileBytes: 20 * MiB,
  /** Live (not deleted) files per application. */
  filesPerApplication: 60,
  /** Stored bytes of live files per application. */
  bytesPerApplication: 200 * MiB,
  /** Longest file name kept, in characters. */
  nameLength: 200,
  /** Thumbnails fit in this square (pixels). */
  thumbnailPx: 320,
} as const;

/** The multipart text fields besides `file`. */
export const evidenceUploadFields = z.object({ criterionId: z.uuid().nullable().optional() }).strict();
export type EvidenceUploadFields = z.infer<typeof evidenceUploadFields>;

export const applicationParams = z.object({ id: z.uuid() }).strict();

export const evidenceFile = z.object({
  id: z.uuid(),
  applicationId: z.uuid(),
  criterionId: z.uuid().nullable(),
  originalName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  hasThumbnail: z.boolean(),
  uploadedBy: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
});
export type EvidenceFile = z.infer<typeof evidenceFile>;
