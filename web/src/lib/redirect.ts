/** Where to go after login: only a path of this site (no `//host`, no scheme), never the login page itself. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next === '/login' || next.startsWith('/login?') || next.startsWith('/change-password')) return '/';
  return next;
}
