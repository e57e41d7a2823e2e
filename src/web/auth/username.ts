/** Usernames: lower case letters, digits, `.`, `_`, `-`; 2 to 64 characters (as users.username's CHECK). */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/;

/** The canonical form of a typed username (trimmed, lower case), or null if it cannot be one. */
export function normaliseUsername(typed: string): string | null {
  const name = typed.trim().toLowerCase();
  return USERNAME_PATTERN.test(name) ? name : null;
}
