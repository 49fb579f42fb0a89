import { decodeSessionRecord, encodeSessionRecord, type SessionRecord } from '../storage/session-record.js';
import { shortHash } from '../storage/short-hash.js';

/** How long a hand-off may take from the click to the other site's widget reading it. */
export const handoffLifetimeMs = 60_000;

/** What one hand-off carries: the session to continue and the panel's state, for one widget, once, for a minute. */
export interface Handoff {
  /** Which widget it is for: a hash of its name and deployment (neither is revealed). */
  readonly widget: string;
  /** When it stops being accepted (epoch ms). */
  readonly expiresAt: number;
  /** Random, once: a destination accepts each id only once. */
  readonly id: string;
  readonly record: SessionRecord;
}

const version = 'h1';
const idPattern = /^[A-Za-z0-9-]{8,40}$/;

/** The widget a hand-off is for, as the code names it. */
export function widgetOf(name: string, deploymentId: string): string {
  return shortHash(`${name}\n${deploymentId}`);
}

/**
 * `h1~<widget>~<expires>~<id>~<session record>~<check>`: the record as the cookie holds it,
 * the expiry in base-36 seconds, and a checksum over the rest, so that a value cut short or
 * changed by hand is recognised as such. Only characters a fragment holds without escaping.
 * It is not a signature: the site has no secret to sign with, which is why the destination
 * also checks where the visitor came from, and that the code is fresh and unused.
 */
export function encodeHandoff(handoff: Handoff): string {
  const body = [version, handoff.widget, Math.ceil(handoff.expiresAt / 1000).toString(36), handoff.id, encodeSessionRecord(handoff.record)].join('~');
  return `${body}~${shortHash(body)}`;
}

/** The hand-off, or undefined for anything that is not a whole, unchanged one. */
export function decodeHandoff(code: string): Handoff | undefined {
  const cut = code.lastIndexOf('~');
  const body = code.slice(0, cut);
  if (cut < 0 || shortHash(body) !== code.slice(cut + 1)) return undefined;
  const [tag, widget, expires, id, record, ...extra] = body.split('~');
  const expiresAt = parseInt(expires ?? '', 36) * 1000;
  const session = record === undefined ? undefined : decodeSessionRecord(record);
  if (tag !== version || extra.length > 0 || !/^[0-9a-f]{8}$/.test(widget ?? '') || !Number.isFinite(expiresAt) || !idPattern.test(id ?? '') || !session) return undefined;
  return { widget: widget!, expiresAt, id: id!, record: session };
}
