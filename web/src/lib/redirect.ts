/** Where to go after login: only a path of this site (no `//host`, no scheme), never the login page itself. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next === '/login' || next.startsWith('/login?') || next.startsWith('/login/')) return '/';
  if (next.startsWith('/change-password') || next.startsWith('/second-factor/')) return '/';
  return next;
}

/**
 * The page a login's gate holds it at, in the server's order (server/src/http/authz.ts, gateRefusal): the
 * code step, the password change, the enrolment of a second factor; null when the login is complete.
 */
export function gatePath(user: {
  mustChangePassword: boolean;
  secondFactor: 'pending' | 'enrol' | null;
}): string | null {
  if (user.secondFactor === 'pending') return '/login/code';
  if (user.mustChangePassword) return '/change-password';
  if (user.secondFactor === 'enrol') return '/second-factor/enrol';
  return null;
}

/** Where a login goes next: its gate's page (keeping `next` for after the code step), or `next`. */
export function landingFor(
  user: { mustChangePassword: boolean; secondFactor: 'pending' | 'enrol' | null },
  next: string,
): string {
  const gate = gatePath(user);
  if (gate === '/login/code' && next !== '/') return `${gate}?next=${encodeURIComponent(next)}`;
  return gate ?? next;
}
