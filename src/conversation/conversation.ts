import type { ChatConfig } from '../config/chat-config.js';
import type { ConversationCache, SessionRecord } from '../storage/session-record.js';
import type { ConversationStorage } from '../storage/session-store.js';
import type { ConnectionState } from '../transport/connection-state.js';
import { errorCodeOf, isRecord, type ServerFrame, type SessionResponseBody } from '../transport/guest-api-frames.js';
import {
  GuestApiTransport,
  RequestFailedError,
  type TransportFailureCode,
  type TransportListener,
  type TransportOptions,
} from '../transport/guest-api-transport.js';
import { HistoryClient } from '../transport/history-client.js';
import type { ChatMessage } from './chat-message.js';
import { ConversationPersistence } from './conversation-persistence.js';
import { readMissedHistory } from './history-sync.js';
import { normalizeStructuredMessage, type ServerEvent } from './normalize-message.js';
import { notice, type NoticeKind } from './notices.js';
import { Outbox, type OutboxEntry, type SendOutcome } from './outbox.js';
import { Transcript } from './transcript.js';

export interface ConversationSnapshot {
  readonly connection: ConnectionState;
  readonly messages: readonly ChatMessage[];
  /** Set while the agent is typing; `name` when the agent has one. */
  readonly agentTyping: { readonly name: string | undefined } | undefined;
  /** Whether this visitor has a session (a guest token) at all. */
  readonly hasSession: boolean;
  /** The agent ended the interaction in ReadOnly mode; the next message starts a new one. */
  readonly readOnly: boolean;
  /** What the visitor had typed and not sent. */
  readonly draft: string;
}

export type ConversationProblemCode = TransportFailureCode | 'message-rejected' | 'history-unavailable' | 'server-error';

export interface ConversationProblem {
  readonly code: ConversationProblemCode;
  readonly message: string;
}

export interface ConversationListener {
  changed(): void;
  /** A message new to this page: received live, acknowledged after sending, or recovered after a drop. */
  messageAdded(message: ChatMessage): void;
  problem(problem: ConversationProblem): void;
  warn(message: string): void;
}

/** Messages kept in the cache for showing the transcript before the network answers. */
const cachedMessages = 200;

export interface ConversationOptions {
  config: ChatConfig;
  storage: ConversationStorage;
  /** Timing overrides, for tests and unusual deployments. */
  transport?: Partial<TransportOptions>;
  messagesPerSecond?: number;
}

/** One visitor's conversation: the model behind the element, with no UI in it. */
export class Conversation {
  readonly #persistence: ConversationPersistence;
  readonly #listener: ConversationListener;
  readonly #transport: GuestApiTransport;
  readonly #history: HistoryClient;
  readonly #transcript = new Transcript();
  readonly #outbox: Outbox;
  readonly #settlers = new Map<string, (message: ChatMessage) => void>();
  readonly #lifetime = new AbortController();
  #token: string | undefined;
  #readOnly = false;
  #draft = '';
  #lastReadId: string | undefined;
  /** False while `start()` reads storage: a session must not be created before we know there is none. */
  #restored = true;
  #activateWhenRestored = false;
  #typing: { name: string | undefined; timer: ReturnType<typeof setTimeout> } | undefined;
  #snapshot: ConversationSnapshot | undefined;

  constructor(options: ConversationOptions, listener: ConversationListener) {
    this.#listener = listener;
    this.#persistence = new ConversationPersistence(options.storage, () => this.#cache(), (message) => this.#listener.warn(message));
    // The last changes must reach storage before the page goes (a navigation, a reload).
    globalThis.addEventListener?.('pagehide', () => this.#persistence.flush(), { signal: this.#lifetime.signal });
    const { config } = options;
    this.#transport = new GuestApiTransport(
      { ...options.transport, socketUrl: config.socketUrl, deploymentId: config.deploymentId },
      this.#transportListener,
    );
    this.#history = new HistoryClient(config.apiBaseUrl, (payload) => this.#transport.request(payload));
    this.#outbox = new Outbox(
      (entry) => this.#deliver(entry),
      {
        acknowledged: () => {},
        rejected: (entry, reason) => this.#rejected(entry, reason),
      },
      { messagesPerSecond: options.messagesPerSecond ?? 2 },
    );
  }

  get snapshot(): ConversationSnapshot {
    this.#snapshot ??= {
      connection: this.#transport.state,
      messages: this.#transcript.messages(),
      agentTyping: this.#typing ? { name: this.#typing.name } : undefined,
      hasSession: this.#token !== undefined,
      readOnly: this.#readOnly,
      draft: this.#draft,
    };
    return this.#snapshot;
  }

  /** The session record as restored or last saved: the widget's state across pages. */
  get record(): SessionRecord | undefined {
    return this.#persistence.record;
  }

  /**
   * Picks up a session left by an earlier page: its cached transcript is shown at once,
   * then the connection reconciles it with the server. A visitor without a session stays
   * offline until `activate()`.
   */
  async start(): Promise<void> {
    this.#restored = false;
    try {
      await this.#restore();
    } finally {
      this.#restored = true;
    }
    if (this.#activateWhenRestored) this.activate();
    this.#changed();
  }

  async #restore(): Promise<void> {
    const { record, cache } = await this.#persistence.restore();
    if (this.#lifetime.signal.aborted || !record) return;
    if (record.expiresAt !== undefined && record.expiresAt < Date.now()) return this.#sessionEnded('session-expired');
    this.#token = record.token;
    if (cache) {
      for (const message of cache.messages) this.#transcript.put(message);
      for (const entry of cache.outbox) this.#queue(entry.clientId, entry.text);
      if (!this.#draft) this.#draft = cache.draft;
      this.#lastReadId = cache.lastReadId;
    }
    this.#transport.start(record.token);
  }

  /** Saves widget state (open, unread…) in the session record; nothing happens without a session. */
  remember(change: Partial<Omit<SessionRecord, 'token'>>): void {
    this.#persistence.update(change);
  }

  /** The visitor has seen everything up to the newest message (the panel is open). */
  markRead(): void {
    const newest = this.#transcript.messages().at(-1)?.id;
    if (newest === undefined || newest === this.#lastReadId) return;
    this.#lastReadId = newest;
    this.#persistence.cacheChanged();
  }

  /** Keeps what the visitor is typing, so that it survives a reload. */
  setDraft(text: string): void {
    if (text === this.#draft) return;
    this.#draft = text;
    this.#persistence.cacheChanged();
  }

  /** The visitor engaged (opened the chat or wrote): make sure there is a session and a connection. */
  activate(): void {
    if (this.#lifetime.signal.aborted) return;
    if (!this.#restored) {
      this.#activateWhenRestored = true;
      return;
    }
    if (!this.#token) {
      this.#token = crypto.randomUUID();
      this.#persistence.begin(this.#token);
    }
    if (this.#readOnly) {
      this.#readOnly = false;
      this.#transport.start(this.#token, { startNew: true });
    } else if (!this.#transport.running) {
      this.#transport.start(this.#token);
    }
    this.#changed();
  }

  /** Queues the visitor's text; resolves with the message once the server acknowledged or refused it. */
  send(text: string): Promise<ChatMessage> {
    const clientId = crypto.randomUUID();
    const settled = this.#queue(clientId, text);
    this.#draft = '';
    this.activate();
    this.#persistence.flush();
    return settled;
  }

  /** Sends a failed message again. */
  retry(clientId: string): void {
    const message = this.#transcript.get(clientId);
    if (message?.delivery !== 'failed') return;
    this.#transcript.updateLocal(clientId, { delivery: 'sending', failure: undefined });
    this.#outbox.add({ clientId, text: message.text });
    this.activate();
  }

  dispose(): void {
    this.#persistence.dispose();
    this.#lifetime.abort();
    this.#transport.stop();
    this.#outbox.pause();
    clearTimeout(this.#typing?.timer);
    for (const [clientId, settle] of this.#settlers) settle(this.#transcript.get(clientId)!);
    this.#settlers.clear();
  }

  readonly #transportListener: TransportListener = {
    stateChanged: (state) => {
      if (state !== 'connected') this.#outbox.pause();
      this.#changed();
    },
    sessionConfigured: (session) => this.#configured(session),
    frameReceived: (frame) => this.#received(frame),
    frameIgnored: (reason) => this.#listener.warn(`ignored a frame from the server: ${reason}`),
    failed: (failure) => {
      if (failure.code === 'session-expired') return this.#sessionEnded('session-expired');
      this.#listener.problem(failure);
    },
  };

  #configured(session: SessionResponseBody): void {
    this.#readOnly = session.readOnly;
    this.#persistence.update({
      answeredAt: Date.now(),
      ...(session.expirationDate ? { expiresAt: session.expirationDate * 1000 } : {}),
    });
    if (session.newSession) return this.#outbox.resume();
    readMissedHistory(this.#history, this.#transcript, this.#lifetime.signal)
      .then((events) => this.#apply(events, { live: this.#transcript.size > 0 }))
      .catch((error: unknown) => {
        if (this.#lifetime.signal.aborted) return;
        this.#listener.problem({ code: 'history-unavailable', message: `could not read the conversation's history: ${describe(error)}` });
      })
      .finally(() => {
        // What history shows as delivered must not be sent again.
        const delivered = new Set(this.#outbox.pending.map((entry) => entry.clientId).filter((id) => this.#transcript.get(id)?.delivery === 'sent'));
        this.#outbox.discard(delivered);
        if (this.#transport.state === 'connected') this.#outbox.resume();
      });
  }

  #received(frame: ServerFrame): void {
    switch (frame.class) {
      case 'StructuredMessage': {
        const events = normalizeStructuredMessage(frame.body).map((event) => withTracingId(event, frame));
        return this.#apply(events, { live: true });
      }
      case 'SessionExpiredEvent':
        return this.#sessionEnded('session-expired');
      case 'SessionClearedEvent':
        return this.#sessionEnded('session-cleared');
      case 'string':
        return this.#listener.problem({ code: 'server-error', message: `the server reported ${frame.code}: ${String(frame.body)}` });
      default:
        return;
    }
  }

  #apply(events: readonly ServerEvent[], { live }: { live: boolean }): void {
    for (const event of events) {
      if (event.kind === 'typing') this.#agentTyping(event.durationMs);
      if (event.kind === 'presence' && event.presence === 'Disconnect') {
        this.#readOnly = this.#readOnly || event.readOnly;
        this.#accept(notice('agent-left', event.id, event.time), live);
      }
      if (event.kind === 'message') {
        if (event.message.author !== 'visitor') this.#stopTyping();
        this.#accept(event.message, live);
      }
    }
    this.#changed();
  }

  #accept(message: ChatMessage, live: boolean): void {
    const before = message.clientId ? this.#transcript.get(message.clientId) : undefined;
    const result = this.#transcript.put(message);
    const stored = this.#transcript.get(message.id) ?? message;
    const acknowledged = before?.delivery !== 'sent' && before !== undefined && stored.delivery === 'sent';
    if (acknowledged) this.#settle(stored);
    if ((result === 'added' && live) || acknowledged) this.#listener.messageAdded(stored);
  }

  async #deliver(entry: OutboxEntry): Promise<SendOutcome> {
    let frame: ServerFrame;
    try {
      frame = await this.#transport.request({
        action: 'onMessage',
        tracingId: entry.clientId,
        message: { type: 'Text', text: entry.text, metadata: { clientMessageId: entry.clientId } },
      });
    } catch (error) {
      // No answer on a connection that looks alive: start it again; history then tells
      // whether the message arrived before it is sent a second time.
      if (error instanceof RequestFailedError && error.reason === 'timeout' && this.#token) this.#transport.start(this.#token);
      return { kind: 'disconnected' };
    }
    if (frame.class === 'StructuredMessage') return { kind: 'acknowledged' };
    if (frame.class === 'TooManyRequestsErrorMessage') {
      const seconds = isRecord(frame.body) && typeof frame.body.retryAfter === 'number' ? frame.body.retryAfter : 1;
      return { kind: 'retry-after', ms: Math.max(1, seconds) * 1000 };
    }
    const code = errorCodeOf(frame);
    return { kind: 'rejected', reason: `${code ?? frame.code}: ${typeof frame.body === 'string' ? frame.body : frame.class}` };
  }

  #rejected(entry: OutboxEntry, reason: string): void {
    const message = this.#transcript.updateLocal(entry.clientId, { delivery: 'failed', failure: reason });
    if (message) this.#settle(message);
    this.#listener.problem({ code: 'message-rejected', message: `the server refused a message (${reason})` });
    this.#changed();
  }

  /** The server ended the session: forget it, say so, and start afresh when the visitor writes. */
  #sessionEnded(kind: NoticeKind): void {
    this.#persistence.forget();
    this.#token = undefined;
    this.#readOnly = false;
    this.#transport.stop();
    this.#stopTyping();
    this.#transcript.clear();
    this.#transcript.put(notice(kind, `notice-${crypto.randomUUID()}`));
    for (const entry of this.#outbox.pending) {
      this.#transcript.put({ id: entry.clientId, clientId: entry.clientId, author: 'visitor', text: entry.text, time: new Date().toISOString(), delivery: 'sending' });
    }
    if (this.#outbox.pending.length > 0) this.activate();
    this.#changed();
  }

  #agentTyping(durationMs: number): void {
    clearTimeout(this.#typing?.timer);
    const lastAgent = [...this.#transcript.messages()].reverse().find((message) => message.author === 'agent');
    const timer = setTimeout(() => this.#stopTyping(true), durationMs);
    this.#typing = { name: lastAgent?.senderName, timer };
  }

  #stopTyping(notify = false): void {
    if (!this.#typing) return;
    clearTimeout(this.#typing.timer);
    this.#typing = undefined;
    if (notify) this.#changed();
  }

  /** Shows a message as sending and hands it to the outbox; resolves when it is sent or refused. */
  #queue(clientId: string, text: string): Promise<ChatMessage> {
    this.#transcript.put({ id: clientId, clientId, author: 'visitor', text, time: new Date().toISOString(), delivery: 'sending' });
    const settled = new Promise<ChatMessage>((resolve) => this.#settlers.set(clientId, resolve));
    this.#outbox.add({ clientId, text });
    return settled;
  }

  #cache(): ConversationCache {
    const settled = this.#transcript.messages().filter((message) => message.delivery !== 'sending' && message.delivery !== 'failed');
    const lastSeenId = settled.at(-1)?.id;
    return {
      messages: settled.slice(-cachedMessages),
      outbox: [...this.#outbox.pending],
      draft: this.#draft,
      ...(this.#lastReadId ? { lastReadId: this.#lastReadId } : {}),
      ...(lastSeenId ? { lastSeenId } : {}),
    };
  }

  #settle(message: ChatMessage): void {
    const clientId = message.clientId;
    if (!clientId) return;
    this.#settlers.get(clientId)?.(message);
    this.#settlers.delete(clientId);
  }

  #changed(): void {
    this.#snapshot = undefined;
    this.#persistence.cacheChanged();
    this.#listener.changed();
  }
}

/** The echo of a message sent here carries its `tracingId` even if the server drops its metadata. */
function withTracingId(event: ServerEvent, frame: ServerFrame): ServerEvent {
  if (event.kind !== 'message' || event.message.author !== 'visitor' || event.message.clientId || !frame.tracingId) return event;
  return { ...event, message: { ...event.message, clientId: frame.tracingId } };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
