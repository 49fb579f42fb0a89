import type { ChatConfig } from '../config/chat-config.js';
import type { ConnectionState } from '../transport/connection-state.js';
import { errorCodeOf, failsMessageInFlight, isRecord, type ServerFrame, type SessionResponseBody } from '../transport/guest-api-frames.js';
import { GuestApiTransport, RequestFailedError, type TransportFailure, type TransportOptions } from '../transport/guest-api-transport.js';
import { HistoryClient } from '../transport/history-client.js';
import { recogniseSent } from './history-claims.js';
import { readMissedHistory } from './history-sync.js';
import { normalizeStructuredMessage, textOf as sentText, type ServerEvent } from './normalize-message.js';
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
  /** The message sent and not yet answered (one at a time): its untagged echo is recognised by its content. */
  #inFlight: OutboxEntry | undefined;

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
    this.#history = new HistoryClient(config.apiBaseUrl, (payload, claims) => this.#transport.request(payload, { claims }));
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

  async readMissedHistory(transcript: Transcript, pending: readonly OutboxEntry[], signal: AbortSignal): Promise<ServerEvent[]> {
    const events = await readMissedHistory(this.#history, transcript, signal);
    return recogniseSent(events, pending, (id) => transcript.has(id));
  }

  /**
   * One attempt to send a visitor's message, with its attributes when the server does not
   * have that set yet; the outbox decides what happens next.
   */
  async deliver(entry: OutboxEntry): Promise<SendOutcome> {
    const customAttributes = this.attributes.toSend(entry.attributes);
    let frame: ServerFrame;
    this.#inFlight = entry;
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
      }, { claims: (answer) => failsMessageInFlight(answer) || isEchoOf(answer, entry) });
    } catch (error) {
      // No answer on a connection that looks alive: start it again; history then tells
      // whether the message arrived before it is sent a second time.
      if (error instanceof RequestFailedError && error.reason === 'timeout' && this.#token) this.#transport.start(this.#token);
      return { kind: 'disconnected' };
    } finally {
      if (this.#inFlight === entry) this.#inFlight = undefined;
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
        return this.#listener.events(normalizeStructuredMessage(frame.body).map((event) => this.#withClientId(event, frame)));
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

  /**
   * The echo of a message sent here names it by its `tracingId`, or its metadata; an echo
   * with neither is the message in flight if it says the same.
   */
  #withClientId(event: ServerEvent, frame: ServerFrame): ServerEvent {
    if (event.kind !== 'message' || event.message.author !== 'visitor' || event.message.clientId) return event;
    const inFlight = this.#inFlight && isEchoOf(frame, this.#inFlight) ? this.#inFlight.clientId : undefined;
    const clientId = frame.tracingId ?? inFlight;
    return clientId ? { ...event, message: { ...event.message, clientId } } : event;
  }
}

/** Whether `frame` is the echo of `entry`: by its metadata, else (untagged, as some servers send it) by what it says. */
function isEchoOf(frame: ServerFrame, entry: OutboxEntry): boolean {
  const body = frame.body;
  if (frame.class !== 'StructuredMessage' || frame.type !== 'message' || !isRecord(body) || body.direction !== 'Inbound') return false;
  const metadata = isRecord(body.metadata) ? body.metadata : {};
  if (typeof metadata.clientMessageId === 'string') return metadata.clientMessageId === entry.clientId;
  if (frame.tracingId !== undefined) return frame.tracingId === entry.clientId;
  return sentText(body) === (entry.reply?.text ?? entry.text);
}
