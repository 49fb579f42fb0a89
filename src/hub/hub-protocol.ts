import { randomId } from '../base/random-id.js';
/**
 * The messages a widget and its storage hub (an iframe on another origin) exchange over
 * `postMessage`. Both sides check every message for shape before acting on it: anything
 * that does not match exactly is ignored, whoever sent it.
 */

/** Marks our messages among whatever else a page posts. */
export const hubTag = 'persistent-chat-hub/1';
/** Keys the hub stores: the widget's own namespace, nothing else. */
export const hubKeyPrefix = 'persistent-chat:';
export const maxHubKeyLength = 200;
export const maxHubValueLength = 2048;
/** The longest a value is kept (`persist="days:N"` allows no more). */
export const maxHubDays = 400;
/** Names of locks and channels the hub runs for same-site pages. */
export const maxHubNameLength = 200;
/** The most trusted origins a hub names in its welcome. */
export const maxHubSites = 100;
/** The largest message a tab may broadcast through the hub (as JSON): the tabs' protocol needs far less. */
export const maxHubBroadcastLength = 64 * 1024;

/**
 * `unpartitioned`: the hub's storage is the same on every site that embeds it, so a chat
 * continues across domains. `partitioned`: the browser gives the hub separate storage on
 * each top-level site. `blocked`: the hub can store nothing.
 */
export type HubStorageState = 'unpartitioned' | 'partitioned' | 'blocked';
/** Whether the Storage Access API could give the hub its unpartitioned storage after a click. */
export type HubAccessState = 'granted' | 'prompt' | 'unsupported';

/** What the widget makes of the hub's answer, for the page (`chat-third-party`). */
export interface HubReport {
  /** The chat can continue on the organisation's other sites (the hub's storage is shared between them). */
  readonly available: boolean;
  /**
   * `unpartitioned`: available. `partitioned`: the browser keeps the hub's storage apart per
   * site. `blocked`: the hub can store nothing. `unreachable`: the hub did not answer.
   */
  readonly storage: HubStorageState | 'unreachable';
  /** `prompt`: the visitor can grant access with a click (the Storage Access API). */
  readonly access: HubAccessState;
}

export type HubOperation =
  | { op: 'get'; key: string }
  /** Kept for `days`, or without them until the browser session ends. */
  | { op: 'set'; key: string; value: string; days?: number }
  | { op: 'delete'; key: string }
  /** Tab ownership, for same-site pages: the hub holds a Web Lock for its page. */
  | { op: 'lock'; name: string; mode: 'compete' | 'steal' | 'withdraw' | 'confirm' }
  /** Starts passing on what the hub's BroadcastChannel of that name hears (every same-site page's hub). */
  | { op: 'subscribe'; name: string }
  | { op: 'broadcast'; name: string; data: unknown }
  /** Asks the hub to check its storage again (after access was granted in another frame). */
  | { op: 'recheck' };

export type WidgetToHub =
  | { tag: typeof hubTag; type: 'hello'; nonce: string }
  | ({ tag: typeof hubTag; type: 'request'; nonce: string; id: number } & HubOperation);

export interface HubWelcome {
  readonly storage: HubStorageState;
  readonly access: HubAccessState;
  /** The page is on the hub's own site: the hub's locks and channels are shared by all its pages. */
  readonly sameSite: boolean;
  /** The hub's trusted origins: the organisation's sites, where link hand-offs may go (absent from older hubs). */
  readonly sites?: readonly string[];
}

export type HubToWidget =
  | ({ tag: typeof hubTag; type: 'welcome'; nonce: string } & HubWelcome)
  | { tag: typeof hubTag; type: 'reply'; nonce: string; id: number; ok: true; value?: string | boolean | HubWelcome }
  | { tag: typeof hubTag; type: 'reply'; nonce: string; id: number; ok: false; error: string }
  /** Something happened in the hub that the page did not ask for just now. */
  | { tag: typeof hubTag; type: 'event'; nonce: string; event: 'lock-won' | 'lock-lost'; name: string }
  | { tag: typeof hubTag; type: 'event'; nonce: string; event: 'broadcast'; name: string; data: unknown }
  /** The visitor answered the Storage Access prompt (in the hub's access button). */
  | { tag: typeof hubTag; type: 'event'; nonce: string; event: 'access'; granted: boolean };

const noncePattern = /^[A-Za-z0-9-]{16,64}$/;
const storageStates: readonly string[] = ['unpartitioned', 'partitioned', 'blocked'];
const accessStates: readonly string[] = ['granted', 'prompt', 'unsupported'];
const lockModes: readonly string[] = ['compete', 'steal', 'withdraw', 'confirm'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isText = (value: unknown, max: number): value is string => typeof value === 'string' && value.length <= max;
const isName = (value: unknown): value is string => isText(value, maxHubNameLength) && value.length > 0;
export const isHubKey = (value: unknown): value is string => isText(value, maxHubKeyLength) && value.startsWith(hubKeyPrefix);

export function isWelcome(value: unknown): value is HubWelcome {
  return (
    isRecord(value) &&
    storageStates.includes(value.storage as string) &&
    accessStates.includes(value.access as string) &&
    typeof value.sameSite === 'boolean' &&
    (value.sites === undefined || (Array.isArray(value.sites) && value.sites.length <= maxHubSites && value.sites.every((site) => isText(site, maxHubNameLength))))
  );
}

/** A message a widget may send to the hub; checked by the hub. */
export function isWidgetToHub(value: unknown): value is WidgetToHub {
  if (!isRecord(value) || value.tag !== hubTag || typeof value.nonce !== 'string' || !noncePattern.test(value.nonce)) return false;
  if (value.type === 'hello') return true;
  if (value.type !== 'request' || !Number.isSafeInteger(value.id)) return false;
  switch (value.op) {
    case 'get':
    case 'delete':
      return isHubKey(value.key);
    case 'set':
      return isHubKey(value.key) && isText(value.value, maxHubValueLength) && (value.days === undefined || (Number.isInteger(value.days) && (value.days as number) >= 1 && (value.days as number) <= maxHubDays));
    case 'lock':
      return isName(value.name) && lockModes.includes(value.mode as string);
    case 'subscribe':
      return isName(value.name);
    case 'broadcast':
      return isName(value.name) && fitsBroadcast(value.data);
    case 'recheck':
      return true;
    default:
      return false;
  }
}

/** A message the hub may send to a widget; checked by the widget. */
export function isHubToWidget(value: unknown): value is HubToWidget {
  if (!isRecord(value) || value.tag !== hubTag || typeof value.nonce !== 'string') return false;
  switch (value.type) {
    case 'welcome':
      return isWelcome(value);
    case 'reply':
      if (!Number.isSafeInteger(value.id)) return false;
      if (value.ok === false) return typeof value.error === 'string';
      return value.ok === true && (value.value === undefined || typeof value.value === 'boolean' || isText(value.value, maxHubValueLength) || isWelcome(value.value));
    case 'event':
      if (value.event === 'access') return typeof value.granted === 'boolean';
      if (!isName(value.name)) return false;
      return value.event === 'lock-won' || value.event === 'lock-lost' || (value.event === 'broadcast' && fitsBroadcast(value.data));
    default:
      return false;
  }
}

/** Broadcast data is JSON-like and small: anything larger, or that cannot be measured (a cycle), is refused. */
function fitsBroadcast(data: unknown): boolean {
  try {
    const json = JSON.stringify(data);
    return json !== undefined && json.length <= maxHubBroadcastLength;
  } catch {
    return false;
  }
}

export function newNonce(): string {
  return randomId();
}
