/**
 * Names inside the dossier archive (pure): every path is built from components that cannot leave their
 * folder (no separators, no leading dots, no control characters, no names Windows reserves), are short
 * enough for Windows' path limit, and never collide — case-insensitively, as Windows and macOS compare —
 * because a taken name gets " (2)", " (3)" … before its extension.
 */

/** Characters Windows refuses in a name, separators, control and bidirectional-override characters. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what it removes
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/** Cuts a string to at most `max` characters (code points, so no half surrogate pair). */
function cut(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : chars.slice(0, max).join('');
}

/**
 * One path component from any text: unsafe characters become "_", runs of spaces one space, leading
 * dots and spaces and trailing dots and spaces go (`..`, `.hidden`, `name.` are not kept as such), a
 * reserved device name gets a leading "_", at most `max` characters with the extension kept; empty → `fallback`.
 */
export function safeComponent(text: string, max = 80, fallback = '未命名'): string {
  let s = text.normalize('NFC').replace(UNSAFE, '_').replace(/\s+/g, ' ');
  s = s.replace(/^[\s.]+/, '').replace(/[\s.]+$/, '');
  if (!s || /^_+$/.test(s)) s = fallback;
  if (RESERVED.test(s)) s = `_${s}`;
  if ([...s].length > max) {
    const ext = /\.[A-Za-z0-9]{1,8}$/.exec(s)?.[0] ?? '';
    s = `${cut(s.slice(0, s.length - ext.length), max - ext.length).replace(/[\s.]+$/, '')}${ext}`;
  }
  return s;
}

/** `001 市水务局排水五所党支部 - 排水先锋`: the position (3 digits), the subject and the brand if any. */
export function applicationFolder(n: number, subject: string, brand: string | null): string {
  const label = brand?.trim() ? `${subject} - ${brand.trim()}` : subject;
  return `${String(n).padStart(3, '0')} ${safeComponent(label, 60)}`;
}

/** `03 党员教育阵地建设`: the criterion's position (2 digits) and title. */
export function criterionFolder(position: number, title: string): string {
  return `${String(position).padStart(2, '0')} ${safeComponent(title, 40)}`;
}

/** Hands out unique paths: a second `a/照片.jpg` becomes `a/照片 (2).jpg` (case-insensitive). */
export class UniquePaths {
  private readonly taken = new Set<string>();

  /** Reserves a path exactly (a fixed name such as the manifest). */
  reserve(path: string): string {
    this.taken.add(path.toLowerCase());
    return path;
  }

  /** `dir/name`, or `dir/stem (k).ext` with the smallest k ≥ 2 that is free. */
  add(dir: string, name: string): string {
    const first = `${dir}/${name}`;
    if (!this.taken.has(first.toLowerCase())) return this.reserve(first);
    const ext = /\.[A-Za-z0-9]{1,8}$/.exec(name)?.[0] ?? '';
    const stem = name.slice(0, name.length - ext.length);
    for (let k = 2; ; k++) {
      const p = `${dir}/${stem} (${k})${ext}`;
      if (!this.taken.has(p.toLowerCase())) return this.reserve(p);
    }
  }
}
