import type { ChatConfig } from '../config/chat-config.js';
import type { ConnectionState } from '../transport/connection-state.js';
import { errorCodeOf, isRecord, type ServerFrame, type SessionResponseBody } from '../transport/guest-api-frames.js';
import { GuestApiTransport, RequestFailedError, type TransportFailure, type TransportOptions } from '../transport/guest-api-transport.js';
import { HistoryClient } from '../transport/history-client.js';
import { readMissedHistory } from './history-sync.js';
import { normalizeStructuredMessage, type ServerEvent } from './normalize-message.js';
import type { NoticeKind } from './notices.js';
import type { OutboxEntry, SendOutcome } from './outbox.js';
import type { OutgoingAttributes } from './outgoing-attributes.js';
import type { Transcript } from './transcript.js';

export interface ServerLinkListener {
  stateChanged(state: ConnectionState): void;
  configured(session: SessionResponseBody): void;
  events(events: ServerEvent[]): void;
  sessionEnded(kind: NoticeKind): void;
  failed(failure: TransportFailure | { code: 'server-error'; message: string }): void;
  warn(message: string): void;
}

/**
 * The Guest API as the conversation speaks it: the transport, history, and sending one
 * message. A chunk of its own, loaded by `ServerLink` when the line is first started.
 */
export class ServerConnection {
  readonly #transport: GuestApiTransport;
  readonly #history: HistoryClient;
  readonly #listener: ServerLinkListener;
  #token: string | undefined;

  constructor(
    config: ChatConfig,
    timing: Partial<TransportOptions> | undefined,
    private readonly attributes: OutgoingAttributes,
    listener: ServerLinkListener,
  ) {
    this.#listener = listener;
    this.#transport = new GuestApiTransport(
      { ...timing, socketUrl: config.socketUrl, deploymentId: config.deploymentId },
      {
        stateChanged: (state) => listener.stateChanged(state),
        sessionConfigured: (session) => {
          attributes.sessionStarted(session);
          listener.configured(session);
        },
        frameReceived: (frame) => this.#received(frame),
        frameIgnored: (reason) => listener.warn(`ignored a frame from the server: ${reason}`),
        failed: (failure) => (failure.code === 'session-expired' ? listener.sessionEnded('session-expired') : listener.failed(failure)),
      },
    );
    this.#history = new HistoryClient(config.apiBaseUrl, (payload) => this.#transport.request(payload));
  }

  get state(): ConnectionState {
    return this.#transport.state;
  }

  get running(): boolean {
    return this.#transport.running;
  }

  start(token: string, options: { startNew?: boolean } = {}): void {
    this.#token = token;
    this.#transport.start(token, options);
  }

  stop(): Promise<void> {
    return this.#transport.stop();
  }

  /** Presence `Clear`: the server ends and wipes the conversation; false when not connected. */
  clear(): boolean {
    return this.#transport.notify({ action: 'onMessage', message: { type: 'Event', events: [{ eventType: 'Presence', presence: { type: 'Clear' } }] } });
  }

  sessionId(): Promise<string | undefined> {
    return this.#history.sessionId();
  }

  readMissedHistory(transcript: Transcript, signal: AbortSignal): Promise<ServerEvent[]> {
    return readMissedHistory(this.#history, transcript, signal);
  }

  /**
   * One attempt to send a visitor's message, with its attributes when the server does not
   * have that set yet; the outbox decides what happens next.
   */
  async deliver(entry: OutboxEntry): Promise<SendOutcome> {
    const customAttributes = this.attributes.toSend(entry.attributes);
    let frame: ServerFrame;
    try {
      frame = await this.#transport.request({
        action: 'onMessage',
        tracingId: entry.clientId,
        message: {
          type: 'Text',
          text: entry.reply ? '' : entry.text,
          ...(entry.reply ? { content: [{ contentType: 'ButtonResponse', buttonResponse: { ...entry.reply, type: 'QuickReply' } }] } : {}),
          metadata: { clientMessageId: entry.clientId },
          ...(customAttributes ? { channel: { metadata: { customAttributes } } } : {}),
        },
      });
    } catch (error) {
      // No answer on a connection that looks alive: start it again; history then tells
      // whether the message arrived before it is sent a second time.
      if (error instanceof RequestFailedError && error.reason === 'timeout' && this.#token) this.#transport.start(this.#token);
      return { kind: 'disconnected' };
    }
    if (frame.class === 'StructuredMessage') {
      if (customAttributes) this.attributes.acknowledged(customAttributes);
      return { kind: 'acknowledged' };
    }
    if (frame.class === 'TooManyRequestsErrorMessage') {
      const seconds = isRecord(frame.body) && typeof frame.body.retryAfter === 'number' ? frame.body.retryAfter : 1;
      return { kind: 'retry-after', ms: Math.max(1, seconds) * 1000 };
    }
    const code = errorCodeOf(frame);
    return { kind: 'rejected', reason: `${code ?? frame.code}: ${typeof frame.body === 'string' ? frame.body : frame.class}` };
  }

  #received(frame: ServerFrame): void {
    switch (frame.class) {
      case 'StructuredMessage':
        return this.#listener.events(normalizeStructuredMessage(frame.body).map((event) => withTracingId(event, frame)));
      case 'SessionExpiredEvent':
        return this.#listener.sessionEnded('session-expired');
      case 'SessionClearedEvent':
        return this.#listener.sessionEnded('session-cleared');
      case 'string':
        return this.#listener.failed({ code: 'server-error', message: `the server reported ${frame.code}: ${String(frame.body)}` });
      default:
        return;
    }
  }
}

/** The echo of a message sent here carries its `tracingId` even if the server drops its metadata. */
function withTracingId(event: ServerEvent, frame: ServerFrame): ServerEvent {
  if (event.kind !== 'message' || event.message.author !== 'visitor' || event.message.clientId || !frame.tracingId) return event;
  return { ...event, message: { ...event.message, clientId: frame.tracingId } };
}
