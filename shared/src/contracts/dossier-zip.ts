/**
 * The batch download of dossiers (issue #7 §4): `GET /api/applications/dossiers.zip?ids=…` answers one
 * .zip with, per application, a folder holding its 申报书 PDF and its 佐证材料 under their original names,
 * and a manifest (清单.xlsx) at the root. A read, so a GET (no CSRF header; the browser's download helper
 * can fetch it): 100 ids make a URL of about 3.7 KB, well inside what proxies accept (nginx: 8 KB).
 */
import { z } from 'zod';
import { BATCH_MAX } from './applications';

/** At most as many applications as a batch of the intake queue. */
export const DOSSIER_ZIP_MAX = BATCH_MAX;
/** The stored evidence one archive may carry; beyond it the clerk downloads in parts. */
export const DOSSIER_ZIP_MAX_BYTES = 2 * 1024 * 1024 * 1024;

/** `ids=a,b,c` or `ids=a&ids=b`: 1..100 distinct application ids, the folders numbered in this order. */
export const dossierZipQuery = z
  .object({
    ids: z.preprocess(
      (v) =>
        (Array.isArray(v) ? v : [v])
          .flatMap((x) => (typeof x === 'string' ? x.split(',') : [x]))
          .map((s) => (typeof s === 'string' ? s.trim() : s))
          .filter((s) => s !== ''),
      z
        .array(z.uuid())
        .min(1)
        .max(DOSSIER_ZIP_MAX)
        .refine((ids) => new Set(ids.map((s) => s.toLowerCase())).size === ids.length, {
          message: 'Each application may appear once',
        }),
    ),
  })
  .strict();
export type DossierZipQuery = z.infer<typeof dossierZipQuery>;

/** The manifest's columns (one row per file of the archive). */
export const DOSSIER_MANIFEST_HEADERS = [
  '序号',
  '文件夹',
  '申报党组织',
  '阵地',
  '党建品牌',
  '直属党组织',
  '类别',
  '组织类型',
  '状态',
  '材料',
  '对应指标',
  '文件',
  '大小（字节）',
  'SHA-256',
  '说明',
] as const;

/** The archive's fixed names: the dossier PDF in each folder (the glossary's 申报书 PDF), the manifest. */
export const DOSSIER_PDF_NAME = '申报书.pdf';
export const DOSSIER_MANIFEST_NAME = '清单.xlsx';
export const EVIDENCE_FOLDER = '佐证材料';
