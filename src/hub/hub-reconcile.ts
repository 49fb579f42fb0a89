import type { SessionRecord } from '../storage/session-record.js';

/**
 * Whether the session the hub holds (left by another of the organisation's sites) should
 * replace this page's own. The rule:
 * 1. an expired session in the hub is never taken;
 * 2. a page with no session, or with a session that holds no conversation yet (nothing the
 *    visitor or an agent said that the server has), takes the hub's;
 * 3. when both hold a conversation, the one the server answered last wins: the visitor's
 *    most recent conversation is the one they expect to see.
 */
export function shouldAdoptHubRecord(fromHub: SessionRecord | undefined, local: SessionRecord | undefined, localHasMessages: boolean, now = Date.now()): boolean {
  if (!fromHub || fromHub.token === local?.token) return false;
  if (fromHub.expiresAt !== undefined && fromHub.expiresAt < now) return false;
  if (!local || !localHasMessages) return true;
  return (fromHub.answeredAt ?? 0) > (local.answeredAt ?? Number.POSITIVE_INFINITY);
}
