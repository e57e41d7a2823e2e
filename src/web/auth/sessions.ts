import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createSession, deleteExpiredSessions, deleteSession, findActiveSession, touchSession, type ActiveSession, type Db } from '../../store/index.js';

export const SESSION_COOKIE = 'zicht_session';

export interface SessionConfig {
  /** A session unused this long is over. */
  idleMs: number;
  /** A session is over this long after login, however active. */
  absoluteMs: number;
  /** `auto`: the Secure flag when the request came over https; `always`: every time. */
  secureCookie: 'auto' | 'always';
}

/** Updating last_seen_at on every request would be a write per page: once a minute is enough. */
const TOUCH_AFTER_MS = 60_000;

/** 256 random bits, cookie-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps of a session token: its sha256. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Constant-time equality of two tokens of any length (compared as digests, which have one length). */
export function tokensEqual(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y);
}

export function cookieIsSecure(request: FastifyRequest, config: SessionConfig): boolean {
  return config.secureCookie === 'always' || request.protocol === 'https';
}

/** Starts a session for the user and sets its cookie. Old expired sessions are cleared on the way. */
export async function startSession(db: Db, request: FastifyRequest, reply: FastifyReply, userId: string, config: SessionConfig): Promise<void> {
  const token = newToken();
  await createSession(db, { tokenHash: hashToken(token), userId, csrfToken: newToken(), lifetimeMs: config.absoluteMs });
  await deleteExpiredSessions(db, config.idleMs);
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: cookieIsSecure(request, config),
    maxAge: Math.floor(config.absoluteMs / 1000),
  });
}

/** The request's valid session, or null (no cookie, unknown, expired, user disabled). */
export async function resolveSession(db: Db, request: FastifyRequest, config: SessionConfig): Promise<ActiveSession | null> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return null;
  const session = await findActiveSession(db, hashToken(token), config.idleMs);
  if (session && Date.now() - session.lastSeenAt.getTime() > TOUCH_AFTER_MS) await touchSession(db, session.id);
  return session;
}

/** Ends the request's session (if any) and clears its cookie. */
export async function endSession(db: Db, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const token = request.cookies[SESSION_COOKIE];
  if (token) await deleteSession(db, hashToken(token));
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
