/**
 * Content checks of an uploaded evidence file, decided by what the bytes are, never by the name or the
 * declared type: the sniffed type must be one we accept and agree with the extension; PDFs must be whole;
 * DOCX/XLSX archives are checked from their central directory against zip bombs; images are re-encoded
 * (applying EXIF orientation, dropping all metadata such as GPS) with a JPEG thumbnail.
 */
import fsp from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';
import sharp from 'sharp';
import yauzl from 'yauzl';
import {
  EVIDENCE_LIMITS,
  EVIDENCE_TYPES,
  type EvidenceKind,
} from '../../../../shared/src/contracts/evidence';
import type { ErrorCode } from '../../../../shared/src/errors';
import { AppError, fieldError } from '../../core/errors';
import type { Scratch } from './storage';

const MiB = 1024 * 1024;
export const ZIP_LIMITS = {
  entries: 2000,
  uncompressedBytes: 200 * MiB,
  /** Largest uncompressed ÷ compressed size of one entry … */
  ratio: 100,
  /** … for entries bigger than this; tiny entries (a few KB of repeated XML) may compress better, harmlessly. */
  ratioFloorBytes: 64 * 1024,
} as const;
/** Images larger than this many pixels are refused before decoding (decompression bombs). */
export const MAX_IMAGE_PIXELS = 50_000_000;

function refuse(code: ErrorCode, reason: string, zh: string, en: string): AppError {
  return new AppError(code, [fieldError('file', reason, zh, en)]);
}

const invalid = (reason: string, zh: string, en: string) => refuse('INVALID_FILE', reason, zh, en);

const ALLOWED_TEXT = 'PDF、JPG、PNG、DOCX、XLSX';

/** A problem with an uploaded file name, or null. The name is only ever shown, never used as a path. */
export function fileNameProblem(name: string): { reason: string; zh: string; en: string } | null {
  if (name.trim() === '') return { reason: 'name_missing', zh: '文件名为空', en: 'The file has no name' };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name))
    return {
      reason: 'name_control',
      zh: '文件名含有控制字符',
      en: 'The file name contains control characters',
    };
  if (/[/\\]/.test(name) || name === '.' || name === '..')
    return {
      reason: 'name_path',
      zh: '文件名不能包含路径（/、\\ 或 ..）',
      en: 'The file name must not contain a path (/, \\ or ..)',
    };
  if ([...name].length > EVIDENCE_LIMITS.nameLength)
    return {
      reason: 'name_too_long',
      zh: `文件名不能超过 ${EVIDENCE_LIMITS.nameLength} 个字符`,
      en: `The file name must be at most ${EVIDENCE_LIMITS.nameLength} characters`,
    };
  return null;
}

/** The accepted kind an extension claims (`.JPG` → jpeg), or null. */
export function kindOfName(name: string): EvidenceKind | null {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  if (!ext) return null;
  for (const [kind, t] of Object.entries(EVIDENCE_TYPES))
    if ((t.extensions as readonly string[]).includes(ext)) return kind as EvidenceKind;
  return null;
}

const SNIFFED: Record<string, EvidenceKind> = {
  pdf: 'pdf',
  jpg: 'jpeg',
  png: 'png',
  docx: 'docx',
  xlsx: 'xlsx',
};

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

/** Why an OOXML archive's directory is refused (zip bomb, not really DOCX/XLSX), or null. */
export function ooxmlProblem(
  entries: readonly ZipEntryInfo[],
  kind: 'docx' | 'xlsx',
  /** The directory's declared entry count (entries are not listed when it is already too many). */
  count = entries.length,
): { reason: string; zh: string; en: string } | null {
  if (count > ZIP_LIMITS.entries)
    return {
      reason: 'zip_too_many_entries',
      zh: `压缩包内文件过多（超过 ${ZIP_LIMITS.entries} 个）`,
      en: `The archive has more than ${ZIP_LIMITS.entries} entries`,
    };
  let total = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    const ratio = e.uncompressedSize / Math.max(e.compressedSize, 1);
    if (e.uncompressedSize > ZIP_LIMITS.ratioFloorBytes && ratio > ZIP_LIMITS.ratio)
      return {
        reason: 'zip_ratio',
        zh: '文件压缩比异常（疑似压缩炸弹）',
        en: 'An entry expands far too much (zip bomb?)',
      };
  }
  if (total > ZIP_LIMITS.uncompressedBytes)
    return {
      reason: 'zip_too_large',
      zh: '文件解压后过大（超过 200 MB）',
      en: 'The archive expands to more than 200 MB',
    };
  const dir = kind === 'docx' ? 'word/' : 'xl/';
  if (!entries.some((e) => e.name === '[Content_Types].xml') || !entries.some((e) => e.name.startsWith(dir)))
    return {
      reason: 'not_ooxml',
      zh: `文件不是有效的 ${kind.toUpperCase()} 文档`,
      en: `The file is not a valid ${kind.toUpperCase()} document`,
    };
  return null;
}

/** Reads the central directory only (nothing is inflated). */
async function zipDirectory(file: string): Promise<{ count: number; entries: ZipEntryInfo[] }> {
  const zip = await yauzl.openPromise(file, {
    lazyEntries: true,
    autoClose: false,
    validateEntrySizes: true,
  });
  try {
    const entries: ZipEntryInfo[] = [];
    if (zip.entryCount <= ZIP_LIMITS.entries)
      for await (const e of zip.eachEntry())
        entries.push({
          name: e.fileName,
          compressedSize: e.compressedSize,
          uncompressedSize: e.uncompressedSize,
        });
    return { count: zip.entryCount, entries };
  } finally {
    zip.close();
  }
}

async function checkOoxml(file: string, kind: 'docx' | 'xlsx'): Promise<void> {
  let dir: { count: number; entries: ZipEntryInfo[] };
  try {
    dir = await zipDirectory(file);
  } catch {
    throw invalid('corrupt_zip', '文件已损坏或不完整，无法读取', 'The file is corrupt or incomplete');
  }
  const p = ooxmlProblem(dir.entries, kind, dir.count);
  if (p) throw invalid(p.reason, p.zh, p.en);
}

/** A PDF starts with `%PDF-` and ends (give or take trailing junk) with `%%EOF`. */
async function checkPdf(file: string, size: number): Promise<void> {
  const fh = await fsp.open(file, 'r');
  try {
    const head = Buffer.alloc(5);
    await fh.read(head, 0, 5, 0);
    const tailLen = Math.min(size, 1024);
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    if (head.toString('latin1') !== '%PDF-' || !tail.toString('latin1').includes('%%EOF'))
      throw invalid(
        'pdf_incomplete',
        'PDF 文件不完整或已损坏（可能上传中断）',
        'The PDF is incomplete or corrupt (interrupted upload?)',
      );
  } finally {
    await fh.close();
  }
}

/**
 * Decides what an uploaded file is and checks its structure. Throws 415 UNSUPPORTED_MEDIA_TYPE for a
 * type we do not take or a name that lies about it, 400 INVALID_FILE for a broken or hostile file.
 */
export async function inspectFile(file: string, size: number, name: string): Promise<EvidenceKind> {
  if (size === 0) throw invalid('empty', '文件为空', 'The file is empty');
  const claimed = kindOfName(name);
  if (!claimed)
    throw refuse(
      'UNSUPPORTED_MEDIA_TYPE',
      'extension_not_allowed',
      `只能上传 ${ALLOWED_TEXT} 文件`,
      'Only PDF, JPG, PNG, DOCX and XLSX files are accepted',
    );
  const sniffed = await fileTypeFromFile(file);
  const kind = sniffed ? SNIFFED[sniffed.ext] : undefined;
  if (!kind)
    throw refuse(
      'UNSUPPORTED_MEDIA_TYPE',
      'type_not_allowed',
      `文件内容不是 ${ALLOWED_TEXT} 之一`,
      'The content is not PDF, JPG, PNG, DOCX or XLSX',
    );
  if (kind !== claimed)
    throw refuse(
      'UNSUPPORTED_MEDIA_TYPE',
      'extension_mismatch',
      `文件扩展名与内容不符（内容为 ${kind.toUpperCase()}）`,
      `The extension does not match the content (${kind.toUpperCase()})`,
    );
  if (kind === 'pdf') await checkPdf(file, size);
  if (kind === 'docx' || kind === 'xlsx') await checkOoxml(file, kind);
  return kind;
}

export interface ProcessedImage {
  /** The re-encoded image (scratch file). */
  file: string;
  thumbnail: string;
  width: number;
  height: number;
}

/**
 * Re-encodes a JPEG or PNG: EXIF orientation applied, every metadata block (EXIF, GPS, XMP, comments)
 * dropped; plus a JPEG thumbnail that fits in 320×320. Broken or oversized images → 400 INVALID_FILE.
 */
export async function processImage(
  file: string,
  kind: 'jpeg' | 'png',
  scratch: Scratch,
): Promise<ProcessedImage> {
  const out = scratch.path(kind === 'jpeg' ? '.jpg' : '.png');
  const thumb = scratch.path('.thumb.jpg');
  try {
    const img = sharp(file, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'warning' }).rotate();
    const info = await (kind === 'jpeg' ? img.jpeg({ quality: 90 }) : img.png()).toFile(out);
    const px = EVIDENCE_LIMITS.thumbnailPx;
    await sharp(out, { limitInputPixels: MAX_IMAGE_PIXELS })
      .resize({ width: px, height: px, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 80 })
      .toFile(thumb);
    return { file: out, thumbnail: thumb, width: info.width, height: info.height };
  } catch {
    await scratch.discard(out, thumb);
    throw invalid(
      'image_unreadable',
      '图片已损坏、不完整或尺寸过大',
      'The image is corrupt, incomplete or too large',
    );
  }
}

export function mimeOf(kind: EvidenceKind): string {
  return EVIDENCE_TYPES[kind].mime;
}
