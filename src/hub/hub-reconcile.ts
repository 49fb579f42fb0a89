import type { SessionRecord } from '../storage/session-record.js';

/**
 * Whether the session the hub holds (left by another of the organisation's sites) should
 * replace this page's own. The rule:
 * 1. an expired session in the hub is never taken;
 * 2. a page with no session, or with a session that holds no conversation yet (nothing the
 *    visitor or an agent said that the server has), takes the hub's;
 * 3. when both hold a conversation, the one the server answered last wins: the visitor's
 *    most recent conversation is the one they expect to see. Times are kept to the second, so
 *    two can be equal: then this page's own stays, unless `tie` gives it to the other (a
 *    conversation the visitor brought by following a link is the one they were just in).
 */
export function shouldAdoptHubRecord(fromHub: SessionRecord | undefined, local: SessionRecord | undefined, localHasMessages: boolean, now = Date.now(), tie: 'local' | 'incoming' = 'local'): boolean {
  if (!fromHub || fromHub.token === local?.token) return false;
  if (fromHub.expiresAt !== undefined && fromHub.expiresAt < now) return false;
  if (!local || !localHasMessages) return true;
  const incoming = fromHub.answeredAt ?? 0;
  const own = local.answeredAt ?? Number.POSITIVE_INFINITY;
  return incoming > own || (tie === 'incoming' && incoming === own);
}
