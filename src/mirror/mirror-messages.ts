import type { ChatMessage, ChatReply } from '../base/chat-message.js';
import type { OutboxEntry, OutgoingFile } from '../base/outbox-entry.js';
import { isPanelChange, type PanelChange } from './panel-state.js';
import { decodeSessionRecord, encodeSessionRecord, type SessionRecord } from '../storage/session-record.js';
import type { ConnectionState } from '../transport/connection-state.js';

/** What the owning tab tells the others about the live conversation. */
export interface OwnerStatus {
  readonly connection: ConnectionState;
  readonly typing: { readonly name: string | undefined } | undefined;
  readonly readOnly: boolean;
  readonly token: string | undefined;
  readonly visible: boolean;
  /** Messages waiting to be sent, so that a tab taking over can send them. */
  readonly pending: readonly OutboxEntry[];
  readonly sentAttributes?: string | undefined;
  readonly attributeBudget: number;
  readonly record?: SessionRecord | undefined;
}

/**
 * The mirroring protocol: how the owner keeps the other tabs' conversations in step with its
 * own, and how they hand it what the visitor writes. (Who owns is the ownership protocol's
 * business, `tabs/ownership-messages.ts`.)
 */
export type MirrorMessage =
  /** A tab has started: the owner answers with `snapshot`. */
  | { type: 'hello'; from: string }
  | { type: 'snapshot'; from: string; to: string; messages: ChatMessage[]; status: OwnerStatus; panel: PanelChange; unread: number }
  /** The owner's transcript gained or changed these messages. */
  | { type: 'put'; from: string; messages: ChatMessage[] }
  | { type: 'status'; from: string; status: OwnerStatus }
  /** The session ended: every tab forgets the transcript. */
  | { type: 'ended'; from: string; notice: ChatMessage }
  /** A follower hands a visitor's message to the owner, which answers with `settled`. */
  | { type: 'send'; from: string; to: string; clientId: string; text: string; writtenAt?: number; attributes?: Readonly<Record<string, string>>; reply?: ChatReply; files?: readonly OutgoingFile[] }
  /** The visitor ended the chat in a follower: the owner ends it. */
  | { type: 'end'; from: string }
  /** The visitor is typing in a follower: the owner tells the agent. */
  | { type: 'typing'; from: string }
  | { type: 'settled'; from: string; clientId: string; message: ChatMessage }
  /** The visitor engaged in a follower: the owner connects (with this token if it had none). */
  | { type: 'activate'; from: string; token: string }
  /** The panel was opened or closed in one tab (or a tab that became owner says how it has it). */
  | { type: 'panel'; from: string; panel: PanelChange }
  /** The owner's count of agent messages no visible tab has shown yet. */
  | { type: 'unread'; from: string; count: number }
  /** A follower showed everything to the visitor: the owner sets the count to 0. */
  | { type: 'read'; from: string };


const types = new Set(['hello', 'snapshot', 'put', 'status', 'ended', 'end', 'send', 'settled', 'activate', 'panel', 'unread', 'read', 'typing']);

/** Only same-origin pages can post on the channel, but a message is still checked before use. */
export function isMirrorMessage(value: unknown): value is MirrorMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  if (!types.has(String(message.type)) || typeof message.from !== 'string') return false;
  switch (message.type) {
    case 'snapshot':
      return typeof message.to === 'string' && Array.isArray(message.messages) && isStatus(message.status) && isPanelChange(message.panel) && isCount(message.unread);
    case 'put':
      return Array.isArray(message.messages);
    case 'status':
      return isStatus(message.status);
    case 'ended':
      return typeof message.notice === 'object' && message.notice !== null;
    case 'send':
      return (
        typeof message.to === 'string' &&
        typeof message.clientId === 'string' &&
        typeof message.text === 'string' &&
        (message.writtenAt === undefined || Number.isFinite(message.writtenAt)) &&
        (message.attributes === undefined || isStringMap(message.attributes)) &&
        (message.reply === undefined || (isStringMap(message.reply) && typeof message.reply.text === 'string' && typeof message.reply.payload === 'string')) &&
        // Each file is checked where it is uploaded (`uploads/session-uploads.ts`): a malformed one fails its message there.
        (message.files === undefined || Array.isArray(message.files))
      );
    case 'settled':
      return typeof message.clientId === 'string' && typeof message.message === 'object' && message.message !== null;
    case 'activate':
      return typeof message.token === 'string';
    case 'panel':
      return isPanelChange(message.panel);
    case 'unread':
      return isCount(message.count);
    default:
      return true;
  }
}

function isCount(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0;
}

function isStatus(value: unknown): value is OwnerStatus {
  if (typeof value !== 'object' || value === null) return false;
  const status = value as Record<string, unknown>;
  return (
    typeof status.connection === 'string' &&
    typeof status.readOnly === 'boolean' &&
    typeof status.visible === 'boolean' &&
    typeof status.attributeBudget === 'number' &&
    (status.record === undefined || isSessionRecord(status.record)) &&
    Array.isArray(status.pending) &&
    status.pending.every((entry: unknown) => typeof entry === 'object' && entry !== null && typeof (entry as { clientId?: unknown }).clientId === 'string' && typeof (entry as { text?: unknown }).text === 'string' && ((entry as { files?: unknown }).files === undefined || Array.isArray((entry as { files?: unknown }).files)))
  );
}

function isStringMap(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((each) => typeof each === 'string');
}

/** A record that survives its own encoding (the form it is stored in) is a record. */
function isSessionRecord(value: unknown): value is SessionRecord {
  try {
    return decodeSessionRecord(encodeSessionRecord(value as SessionRecord)) !== undefined;
  } catch {
    return false;
  }
}
