import type { Deployments } from './deployments.js';
import type { GuestSession } from './guest-session.js';
import type { VerifiedIdentity } from './identity.js';
import type { JwtSigner } from './jwt.js';
import { errorResponse, GuestApiError, type ServerFrame } from './server-frames.js';
import type { SignIns } from './sign-ins.js';

/** What `configureAuthenticatedSession` needs from the emulator. */
export interface AuthenticatedDirectory {
  readonly jwt: JwtSigner;
  readonly signIns: SignIns;
  readonly deployments: Deployments;
  findByToken(token: string): GuestSession | undefined;
  create(token: string, deploymentId: string, durationSeconds: number): GuestSession;
  /** The live session that belongs to this visitor's identity on this deployment. */
  identitySession(deploymentId: string, sub: string): GuestSession | undefined;
  /** The session is this identity's from now on, and `token` restores it (one token per device). */
  bindIdentity(session: GuestSession, identity: VerifiedIdentity, token: string): void;
  /** Ends an older authenticated session of a visitor who stepped up another (`clearedExistingSession`). */
  clearSession(session: GuestSession): void;
}

/** The session an authenticated configure joins, and what it did. */
export interface AuthenticatedJoin {
  readonly session: GuestSession;
  readonly newSession: boolean;
  /** An older authenticated session of this visitor was ended, its conversation left behind. */
  readonly clearedExistingSession: boolean;
  /** The guest session this connection spoke for became the visitor's (step-up). */
  readonly steppedUp: boolean;
}

/** Genesys answers a configure with a lapsed or unknown JWT so; the official SDK then refreshes and configures again. */
const unauthorized = (tracingId: string | undefined) => errorResponse(401, 'User is unauthorized', tracingId);

/**
 * `configureAuthenticatedSession`: the JWT (`data.code`) is checked, and the session that
 * belongs to its identity is joined from any device, whatever token that device made.
 * Sent on a connection that speaks for a guest session (step-up), that conversation becomes
 * the identity's, and an older one of theirs is cleared, as the service does.
 */
export async function joinAuthenticated(
  directory: AuthenticatedDirectory,
  request: Record<string, unknown>,
  connection: { readonly deploymentId: string; readonly session: GuestSession | undefined },
  tracingId: string | undefined,
): Promise<AuthenticatedJoin | ServerFrame> {
  const { token, deploymentId, data } = request;
  if (typeof token !== 'string' || token.length === 0 || token.length > 2048) return errorResponse(GuestApiError.missingParameter, 'missing parameter: token', tracingId);
  if (typeof deploymentId !== 'string' || deploymentId === '') return errorResponse(GuestApiError.missingParameter, 'missing parameter: deploymentId', tracingId);
  const code = typeof data === 'object' && data !== null ? (data as { code?: unknown }).code : undefined;
  if (typeof code !== 'string' || code === '') return errorResponse(GuestApiError.missingParameter, 'missing parameter: data.code', tracingId);
  const settings = directory.deployments.settings(deploymentId);
  if (!settings.auth) return errorResponse(403, 'Authentication is not enabled for this deployment', tracingId);
  const claims = await directory.jwt.verifyMessaging(code);
  if (typeof claims === 'string' || claims.deploymentId !== deploymentId || !directory.signIns.isLive(claims.grant)) return unauthorized(tracingId);

  const { identity } = claims;
  const theirs = live(directory.identitySession(deploymentId, identity.sub));
  const guest = connection.session && !connection.session.identity ? live(connection.session) : undefined;
  if (guest) {
    if (!settings.allowSessionUpgrade) return errorResponse(403, 'Session upgrade is not allowed for this deployment', tracingId);
    if (theirs && theirs !== guest) directory.clearSession(theirs);
    directory.bindIdentity(guest, identity, token);
    return { session: guest, newSession: false, clearedExistingSession: theirs !== undefined && theirs !== guest, steppedUp: true };
  }
  if (theirs) {
    directory.bindIdentity(theirs, identity, token);
    return { session: theirs, newSession: false, clearedExistingSession: false, steppedUp: false };
  }
  // A token that restored someone else's conversation is not theirs: a new conversation for this identity.
  const session = directory.create(token, deploymentId, settings.sessionDurationSeconds);
  session.touch();
  directory.bindIdentity(session, identity, token);
  return { session, newSession: true, clearedExistingSession: false, steppedUp: false };
}

function live(session: GuestSession | undefined): GuestSession | undefined {
  return session && !session.isExpired() && !session.closedByGuest ? session : undefined;
}
