/**
 * Receiving a multipart evidence upload: the `file` part is streamed into a scratch file while it is
 * hashed (never buffered whole); text fields may come before or after it. Anything wrong removes the
 * scratch file before the error leaves.
 */
import type { FastifyRequest } from 'fastify';
import { EVIDENCE_LIMITS } from '../../../../shared/src/contracts/evidence';
import { AppError, fieldError } from '../../core/errors';
import { SizeLimitError, type Scratch, type StoredFile } from './storage';

export interface ReceivedUpload {
  /** The scratch file holding the bytes as uploaded. */
  staged: StoredFile & { path: string };
  filename: string;
  fields: Record<string, string>;
}

function invalid(reason: string, zh: string, en: string): AppError {
  return new AppError('INVALID_FILE', [fieldError('file', reason, zh, en)]);
}

function tooLarge(): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', [
    fieldError(
      'file',
      'file_too_large',
      `单个文件不能超过 ${EVIDENCE_LIMITS.fileBytes / 1024 / 1024} MB`,
      `A file may be at most ${EVIDENCE_LIMITS.fileBytes / 1024 / 1024} MB`,
    ),
  ]);
}

/** Multipart-level failures (too many parts, broken body) as our errors. */
function multipartError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  if (err instanceof SizeLimitError) return tooLarge();
  const e = err as { code?: string; statusCode?: number };
  if (e.code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge();
  if (e.code === 'FST_FILES_LIMIT')
    return invalid('one_file', '每次只能上传一个文件', 'Upload one file at a time');
  if (e.statusCode === 413) return new AppError('PAYLOAD_TOO_LARGE');
  if (e.statusCode && e.statusCode < 500)
    return invalid('bad_multipart', '上传内容格式不正确', 'The upload is not valid multipart form data');
  return err;
}

export async function receiveUpload(req: FastifyRequest, scratch: Scratch): Promise<ReceivedUpload> {
  if (!req.isMultipart())
    throw invalid('not_multipart', '请以表单方式上传文件', 'Upload the file as multipart/form-data');
  let staged: ReceivedUpload['staged'] | null = null;
  let filename = '';
  const fields: Record<string, string> = {};
  try {
    const parts = req.parts({
      // Our own counter stops at fileBytes + 1, before busboy would silently truncate.
      limits: { fileSize: EVIDENCE_LIMITS.fileBytes + 1, files: 1, fields: 5, fieldSize: 1000, parts: 6 },
      // Keep the name as sent, so `../x.pdf` is refused instead of quietly becoming `x.pdf`.
      preservePath: true,
    });
    for await (const part of parts) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value);
        continue;
      }
      if (part.fieldname !== 'file') {
        part.file.resume();
        throw invalid('unexpected_file_field', '文件字段名应为 file', 'The file field must be named "file"');
      }
      filename = (part.filename ?? '').normalize('NFC');
      staged = await scratch.receive(part.file, EVIDENCE_LIMITS.fileBytes);
    }
  } catch (err) {
    if (staged) await scratch.discard(staged.path);
    throw multipartError(err);
  }
  if (!staged) throw invalid('no_file', '没有收到上传的文件', 'No file was uploaded');
  return { staged, filename, fields };
}
