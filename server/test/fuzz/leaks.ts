/** What an answer must never show a caller: a stack trace, SQL or a database error, a filesystem path. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const LEAKS: [RegExp, string][] = [
  [/\bat (?:async )?[\w$.<>[\] ]+ \(?(?:file:\/\/|node:|\/)[^\s)]*:\d+:\d+\)?/, 'a stack trace'],
  [/\n\s{2,}at \S/, 'a stack trace'],
  [
    /Failed query:|syntax error at or near|violates (?:not-null|unique|foreign key|check) constraint|duplicate key value|relation "[^"]*"|invalid input syntax for type|current transaction is aborted|DrizzleQueryError|\berror: column "/i,
    'SQL or a database error',
  ],
  [
    /\b(?:select|insert into|update|delete from)\b[^"]{0,80}\b(?:from|values|set|where)\s+"?[a-z_]+"?/i,
    'SQL',
  ],
  [new RegExp(ROOT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'a filesystem path'],
  [/node_modules[\\/]|file:\/\/\//, 'a filesystem path'],
  [/\/(?:home|root|tmp|usr|var|work|opt|srv)\/[\w.-]+\//, 'a filesystem path'],
];

const TEXTUAL = /json|text|html|xml|svg|csv|javascript/;

/** The kind of leak in an answer, or null. Binary answers (PDF, xlsx, images) are not read. */
export function leakIn(contentType: string, body: string): string | null {
  if (!TEXTUAL.test(contentType) && contentType !== '') return null;
  for (const [re, what] of LEAKS) if (re.test(body)) return what;
  return null;
}
