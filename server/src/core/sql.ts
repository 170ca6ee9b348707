/** Small SQL helpers every repository may use. */

/** Escapes `%`, `_` and `\` so user text matches literally inside a LIKE pattern. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
