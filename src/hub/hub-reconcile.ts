import type { SessionRecord } from '../storage/session-record.js';

/**
 * Whether the session the hub holds (left by another of the organisation's sites) should
 * replace this site's own: when this site has none, or the hub's was answered by the server
 * more recently. A session this site started that the server has not answered yet is the
 * visitor's newest, and stays.
 */
export function shouldAdoptHubRecord(fromHub: SessionRecord | undefined, local: SessionRecord | undefined, now = Date.now()): boolean {
  if (!fromHub || fromHub.token === local?.token) return false;
  if (fromHub.expiresAt !== undefined && fromHub.expiresAt < now) return false;
  if (!local) return true;
  return (fromHub.answeredAt ?? 0) > (local.answeredAt ?? Number.POSITIVE_INFINITY);
}
