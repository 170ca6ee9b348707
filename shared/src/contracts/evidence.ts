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

/** A stored file's type in words (issue #7.13): never the MIME type. */
export const FILE_TYPE_LABELS = {
  pdf: { zh: 'PDF', en: 'PDF' },
  image: { zh: '图片', en: 'Image' },
  word: { zh: 'Word 文档', en: 'Word document' },
  excel: { zh: 'Excel 表格', en: 'Excel workbook' },
  other: { zh: '其他文件', en: 'Other file' },
} as const;
export type FileFamily = keyof typeof FILE_TYPE_LABELS;

/** The family of a stored file, by its media type (what the server detected from the content). */
export function fileFamily(mediaType: string): FileFamily {
  if (mediaType.startsWith('image/')) return 'image';
  if (mediaType === EVIDENCE_TYPES.pdf.mime) return 'pdf';
  if (mediaType === EVIDENCE_TYPES.docx.mime) return 'word';
  if (mediaType === EVIDENCE_TYPES.xlsx.mime) return 'excel';
  return 'other';
}

export const fileTypeLabel = (mediaType: string, lang: 'zh' | 'en'): string =>
  FILE_TYPE_LABELS[fileFamily(mediaType)][lang];

/** The one size format of pages, PDF and Excel: `512 B`, `1.5 KB`, `20 MB` (binary units, one decimal). */
export function formatFileSize(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${Number(v.toFixed(1))} ${units[i]}`;
}
