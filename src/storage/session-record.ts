import type { ChatMessage } from '../base/chat-message.js';
import type { DeploymentFeatures } from '../base/deployment-features.js';
import type { OutboxEntry } from '../base/outbox-entry.js';
import { shortHash } from './short-hash.js';

/**
 * The small record that says who the visitor is to the contact centre and how the widget
 * was left: identifiers, flags and times only. It is what goes into the cookie, so it must
 * never hold message text, names or guest attributes.
 */
export interface SessionRecord {
  /** The guest token: the visitor's identity towards the Guest API. */
  readonly token: string;
  readonly open: boolean;
  readonly unread: number;
  /** When the server says the session expires (epoch ms). */
  readonly expiresAt?: number;
  /** When the server last answered (epoch ms). */
  readonly answeredAt?: number;
  readonly declinedInvitation: boolean;
  readonly closedAutoOpen: boolean;
  /** Fingerprint (a hash, never the values) of the attribute set the server last acknowledged. */
  readonly sentAttributes?: string;
}

/** Everything else: kept where there is room (IndexedDB, localStorage), never in a cookie. */
export interface ConversationCache {
  /** The newest messages, for showing the transcript before the network answers. */
  readonly messages: readonly ChatMessage[];
  /** What the visitor wrote and the server has not acknowledged yet. */
  readonly outbox: readonly OutboxEntry[];
  readonly draft: string;
  readonly lastReadId?: string;
  readonly lastSeenId?: string;
  /** Fingerprint of the attribute set the server last acknowledged: it is sent again only when it changes. */
  readonly sentAttributes?: string;
  /** What the deployment's configuration allows (flags only), so that the next page renders as it will. */
  readonly features?: DeploymentFeatures;
  /** A hash of the session's token: a cache whose owner is not the session read with it is another visitor's, and discarded. */
  readonly owner?: string;
}

const recordVersion = 'v1';
const tokenPattern = /^[A-Za-z0-9-]{8,128}$/;

/**
 * `v1.<token>.<flags>.<unread>.<expires>.<answered>.<sent attributes>`, times in base-36
 * seconds: under 100 bytes, and only characters a cookie value may hold without escaping.
 */
export function encodeSessionRecord(record: SessionRecord): string {
  const flags = (record.open ? 1 : 0) | (record.declinedInvitation ? 2 : 0) | (record.closedAutoOpen ? 4 : 0);
  const seconds = (ms: number | undefined) => (ms === undefined ? '' : Math.floor(ms / 1000).toString(36));
  const fields = [recordVersion, record.token, flags, Math.min(record.unread, 999), seconds(record.expiresAt), seconds(record.answeredAt)];
  if (record.sentAttributes) fields.push(record.sentAttributes);
  return fields.join('.');
}

const fingerprintPattern = /^[0-9a-f]{1,8}-\d{1,6}$/;

/** The record, or undefined for anything that is not one (an old version, a tampered value). */
export function decodeSessionRecord(value: string | undefined): SessionRecord | undefined {
  if (!value) return undefined;
  const [version, token, flagText, unreadText, expires, answered, sent, ...rest] = value.split('.');
  if (version !== recordVersion || !token || !tokenPattern.test(token) || rest.length > 0) return undefined;
  if (sent !== undefined && !fingerprintPattern.test(sent)) return undefined;
  const flags = Number(flagText);
  const unread = Number(unreadText);
  if (!Number.isInteger(flags) || !Number.isInteger(unread) || unread < 0) return undefined;
  const ms = (text: string | undefined) => {
    if (!text) return undefined;
    const parsed = parseInt(text, 36);
    return Number.isFinite(parsed) ? parsed * 1000 : undefined;
  };
  const expiresAt = ms(expires);
  const answeredAt = ms(answered);
  return {
    token,
    open: (flags & 1) !== 0,
    unread,
    declinedInvitation: (flags & 2) !== 0,
    closedAutoOpen: (flags & 4) !== 0,
    ...(expiresAt === undefined ? {} : { expiresAt }),
    ...(answeredAt === undefined ? {} : { answeredAt }),
    ...(sent === undefined ? {} : { sentAttributes: sent }),
  };
}

/**
 * What the shared cookie says once a chat has ended: `v1e.<hash of the ended session's
 * token>`. Identifiers only. A sub-domain that still holds that session erases its copies
 * instead of bringing the chat back.
 */
export const endedMarkerPrefix = 'v1e.';

/**
 * What the shared cookie says while the site's own hub holds the session (`iframe-url` on
 * the page's site): that there is one, and nothing that identifies it. Pages on the site's
 * other sub-domains then ask the hub, which answers only the origins it lists.
 */
export const heldByHubMarker = 'v1h';

export function endedMarker(token: string): string {
  return `${endedMarkerPrefix}${shortHash(token)}`;
}

export function newSessionRecord(token: string): SessionRecord {
  return { token, open: false, unread: 0, declinedInvitation: false, closedAutoOpen: false };
}

const cacheVersion = 1;

export function encodeCache(cache: ConversationCache): string {
  return JSON.stringify({ v: cacheVersion, ...cache });
}

/** The cache, or undefined when it cannot be read; bad messages are dropped one by one. */
export function decodeCache(value: string | undefined): ConversationCache | undefined {
  if (!value) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (!isObject(data) || data.v !== cacheVersion || !Array.isArray(data.messages)) return undefined;
  return {
    messages: data.messages.filter(isCachedMessage),
    outbox: Array.isArray(data.outbox) ? data.outbox.filter(isOutboxEntry) : [],
    draft: typeof data.draft === 'string' ? data.draft : '',
    ...(typeof data.lastReadId === 'string' ? { lastReadId: data.lastReadId } : {}),
    ...(typeof data.lastSeenId === 'string' ? { lastSeenId: data.lastSeenId } : {}),
    ...(typeof data.sentAttributes === 'string' ? { sentAttributes: data.sentAttributes } : {}),
    ...(isObject(data.features) ? { features: data.features as unknown as DeploymentFeatures } : {}),
    ...(typeof data.owner === 'string' ? { owner: data.owner } : {}),
  };
}

const authors = new Set(['visitor', 'agent', 'bot', 'notice']);

function isCachedMessage(value: unknown): value is ChatMessage {
  return (
    isObject(value) &&
    typeof value.id === 'string' &&
    typeof value.text === 'string' &&
    typeof value.time === 'string' &&
    !Number.isNaN(Date.parse(value.time)) &&
    authors.has(String(value.author)) &&
    (value.senderName === undefined || typeof value.senderName === 'string') &&
    (value.avatarUrl === undefined || (typeof value.avatarUrl === 'string' && /^https?:\/\//.test(value.avatarUrl)))
  );
}

function isOutboxEntry(value: unknown): value is OutboxEntry {
  return (
    isObject(value) &&
    typeof value.clientId === 'string' &&
    typeof value.text === 'string' &&
    (value.attributes === undefined || (isObject(value.attributes) && Object.values(value.attributes).every((each) => typeof each === 'string'))) &&
    (value.reply === undefined || (isObject(value.reply) && typeof value.reply.text === 'string' && typeof value.reply.payload === 'string')) &&
    (value.writtenAt === undefined || Number.isFinite(value.writtenAt)) &&
    // Each file is checked where it is used (`uploads/`): a malformed one fails its message there, visibly.
    (value.files === undefined || Array.isArray(value.files))
  );
}


function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
