/** Headers of downloads: the `Content-Disposition` of a file with a Chinese name (RFC 6266 / 8187). */

/** `attachment; filename="<ascii>"; filename*=UTF-8''<utf-8>`, the ASCII fallback given by the caller. */
export function attachment(utf8Name: string, asciiName: string): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(utf8Name)}`;
}

/**
 * `attachment|inline; filename="<ascii>"; filename*=UTF-8''<utf-8>` for a name a user chose: the ASCII
 * fallback keeps the printable characters (else `evidence`) and the extension.
 */
export function contentDisposition(type: 'attachment' | 'inline', name: string): string {
  const ext = /\.[A-Za-z0-9]{1,8}$/.exec(name)?.[0] ?? '';
  const base = name
    .slice(0, name.length - ext.length)
    .replace(/[^\x20-\x7e]|["\\%;]/g, '_')
    .replace(/_+/g, '_')
    .replace(/^[\s_.-]+|[\s_.-]+$/g, '');
  const ascii = `${/[A-Za-z0-9]/.test(base) ? base : 'evidence'}${ext}`;
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
