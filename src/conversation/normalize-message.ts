import { isRecord } from '../transport/guest-api-frames.js';
import type { ChatMessage } from '../base/chat-message.js';
import { httpUrl, richPartsOf } from './rich-content.js';

/** What one `StructuredMessage` means to the conversation. */
export type ServerEvent =
  | { kind: 'message'; message: ChatMessage }
  | { kind: 'typing'; durationMs: number }
  | { kind: 'presence'; id: string; presence: string; readOnly: boolean; time: string };

const defaultTypingMs = 5_000;

/**
 * Turns a `StructuredMessage` body (a push or a history entity) into events. Unknown or
 * malformed parts are left out rather than guessed at.
 */
export function normalizeStructuredMessage(body: unknown): ServerEvent[] {
  if (!isRecord(body) || typeof body.id !== 'string') return [];
  const channel = isRecord(body.channel) ? body.channel : {};
  const time = typeof channel.time === 'string' && !Number.isNaN(Date.parse(channel.time)) ? channel.time : new Date().toISOString();
  const outbound = body.direction === 'Outbound';
  // The visitor's own events are theirs to know, but for a step-up's echo (Presence `SignIn`).
  if (body.type === 'Event') return eventsOf(body, time).filter((event) => outbound || (event.kind === 'presence' && event.presence === 'SignIn'));

  const text = textOf(body);
  const rich = richPartsOf(body.content);
  // A message with nothing to show at all (no text, no content) is left out; one whose content
  // cannot be shown stays, marked, so that the visitor learns something was sent.
  if (text === '' && Object.keys(rich).length === 0) return [];
  const metadata = isRecord(body.metadata) ? body.metadata : {};
  const from = isRecord(channel.from) ? channel.from : {};
  const message: Mutable<ChatMessage> = {
    id: body.id,
    author: outbound ? (body.originatingEntity === 'Bot' ? 'bot' : 'agent') : 'visitor',
    text,
    time,
  };
  if (outbound) {
    if (typeof from.nickname === 'string' && from.nickname.trim() !== '') message.senderName = from.nickname.trim();
    const avatar = httpUrl(from.image);
    if (avatar) message.avatarUrl = avatar;
    Object.assign(message, rich);
  } else {
    // The visitor's own files; their answers to cards and pickers read as text.
    if (rich.attachments) message.attachments = rich.attachments;
    if (rich.unsupported && text === '') message.unsupported = true;
    message.delivery = 'sent';
    if (typeof metadata.clientMessageId === 'string') message.clientId = metadata.clientMessageId;
  }
  return [{ kind: 'message', message }];
}

function eventsOf(body: Record<string, unknown>, time: string): ServerEvent[] {
  const events = Array.isArray(body.events) ? body.events.filter(isRecord) : [];
  const readOnly = isRecord(body.metadata) && body.metadata.readOnly === 'true';
  const result: ServerEvent[] = [];
  for (const event of events) {
    if (event.eventType === 'Typing' && isRecord(event.typing) && event.typing.type === 'On') {
      const duration = event.typing.duration;
      result.push({ kind: 'typing', durationMs: typeof duration === 'number' && duration > 0 ? duration : defaultTypingMs });
    } else if (event.eventType === 'Presence' && isRecord(event.presence) && typeof event.presence.type === 'string') {
      result.push({ kind: 'presence', id: String(body.id), presence: event.presence.type, readOnly, time });
    }
  }
  return result;
}

/** The text to show: the message's own, else the label of an answer, else its text items (`Text` content). */
export function textOf(body: Record<string, unknown>): string {
  if (typeof body.text === 'string' && body.text.trim() !== '') return body.text;
  const content = Array.isArray(body.content) ? body.content.filter(isRecord) : [];
  for (const item of content) {
    if (isRecord(item.buttonResponse) && typeof item.buttonResponse.text === 'string') return item.buttonResponse.text;
  }
  const texts = content.map((item) => (item.contentType === 'Text' && isRecord(item.text) ? item.text.body : undefined)).filter((text) => typeof text === 'string');
  return texts.join('\n');
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
