import { LazyChunk } from '../base/lazy-chunk.js';
import { errorText } from '../base/error-text.js';
import type { ChatConfig } from '../config/chat-config.js';
import type { ConnectionState } from '../transport/connection-state.js';
import type { TransportAuth, TransportOptions } from '../transport/guest-api-transport.js';
import type { ServerEvent } from './normalize-message.js';
import type { NoticeKind } from './notices.js';
import type { OutboxEntry, SendOutcome } from './outbox.js';
import type { OutgoingFile } from '../base/outbox-entry.js';
import type { OutgoingAttributes } from './outgoing-attributes.js';
import type { ServerConnection, ServerLinkListener } from './server-connection.js';
import type { Transcript } from './transcript.js';

export type { ServerLinkListener } from './server-connection.js';

/** Waits between attempts to fetch the connection's code when it could not arrive. */
const reloadDelaysMs = [1000, 2000, 5000, 10_000, 30_000];

/**
 * The conversation's line to the Guest API. The code that speaks the protocol (transport,
 * history, frames: `ServerConnection`) is a chunk of its own, fetched the first time the line
 * is started, so that pages whose visitor has no conversation never load it. Until it has
 * arrived the line says `connecting`; if it cannot arrive (offline on the first page), it says
 * `offline` and tries again, as the transport does with a dropped socket.
 */
export class ServerLink {
  #connection: ServerConnection | undefined;
  #loading: Promise<ServerConnection | undefined> | undefined;
  /** What `start()` asked for while the code was on its way; `stop()` withdraws it. */
  #pending: { token: string; options: { startNew?: boolean; auth?: Promise<TransportAuth | undefined> | undefined } } | undefined;
  /** The signed-in visitor's JWTs (`auth/`), on their way: the connection waits for them, so as not to start as a guest. */
  #auth: Promise<TransportAuth | undefined> | undefined;
  #state: ConnectionState = 'idle';
  #failedLoads = 0;
  /** Ends the wait before fetching the code again (the timer, and the browser's `online`). */
  #waiting: AbortController | undefined;
  readonly #code: LazyChunk<typeof import('./server-connection.js')>;

  constructor(
    private readonly config: ChatConfig,
    private readonly timing: Partial<TransportOptions> | undefined,
    private readonly attributes: OutgoingAttributes,
    private readonly listener: ServerLinkListener,
    /** Fetches the connection's code: the chunk, unless a test hands in another way. */
    fetchCode: () => Promise<typeof import('./server-connection.js')> = () => import('./server-connection.js'),
  ) {
    this.#code = new LazyChunk(fetchCode);
  }

  get state(): ConnectionState {
    return this.#connection?.state ?? this.#state;
  }

  /** The agent's typing indicator (its code comes with the connection's). */
  get agentTyping(): { readonly name: string | undefined } | undefined {
    return this.#connection?.agentTyping;
  }

  /** The English text of a notice the server caused (its code carries the texts: a server event means it has arrived). */
  noticeText(kind: NoticeKind): string {
    return this.#code.value?.englishNotices[kind] ?? '';
  }

  get running(): boolean {
    return this.#connection?.running ?? this.#pending !== undefined;
  }

  start(token: string, { startNew }: { startNew?: boolean } = {}): void {
    const options = { startNew, auth: this.#auth };
    if (this.#connection) return this.#connection.start(token, options);
    this.#pending = { token, options };
    if (this.#state === 'idle') this.#setState('connecting');
    void this.#load();
  }

  /** Fetches the connection's code ahead of need (for a tab that may take the connection over); starts nothing. */
  prepare(): void {
    this.#code.load().catch(() => {});
  }

  /** The visitor is (or may be) signed in: the connection configures an authenticated session (a running one at once: a guest's conversation steps up). */
  useAuth(auth: Promise<TransportAuth | undefined> | undefined): void {
    this.#auth = auth;
    if (auth) this.#connection?.authenticate(auth);
  }

  stop(): Promise<void> {
    this.#waiting?.abort();
    this.#pending = undefined;
    if (this.#connection) return this.#connection.stop();
    this.#setState('idle');
    return Promise.resolve();
  }

  /** Ends the conversation as the deployment allows (see `ServerConnection.end`); false when not connected. */
  end(): boolean {
    return this.#connection?.end() ?? false;
  }

  async attachmentUrl(id: string): Promise<string | undefined> {
    return this.#connection?.attachmentUrl(id);
  }

  /** Starts uploading a file ahead of its message (see `Conversation.preupload`); false when not connected. */
  preupload(file: OutgoingFile): boolean {
    return this.#connection?.preupload(file) ?? false;
  }

  /** Stops uploading these files (their message was cancelled); false when the message is on its way already. */
  cancelUploads(ids: readonly string[]): boolean {
    return this.#connection?.cancelUploads(ids) ?? true;
  }

  /** The visitor is typing (sent where the deployment shows it, at most once per 5 s). */
  typing(): void {
    this.#connection?.typing();
  }

  async guestJwt(): Promise<string | undefined> {
    return (await this.#load())?.guestJwt();
  }

  /** What the server has that the transcript lacks, with the messages in `pending` it already has named after them. */
  async readMissedHistory(transcript: Transcript, pending: readonly OutboxEntry[], signal: AbortSignal): Promise<ServerEvent[]> {
    const connection = await this.#load();
    if (!connection) throw new Error("the chat's connection code could not be loaded");
    return connection.readMissedHistory(transcript, pending, signal);
  }

  /** One attempt to send a visitor's message (see `ServerConnection.deliver`). */
  async deliver(entry: OutboxEntry): Promise<SendOutcome> {
    const connection = this.#connection ?? (await this.#load());
    return connection ? connection.deliver(entry) : { kind: 'disconnected' };
  }

  #load(): Promise<ServerConnection | undefined> {
    if (this.#connection) return Promise.resolve(this.#connection);
    this.#loading ??= this.#code.load().then(
      ({ ServerConnection }) => {
        const connection = new ServerConnection(this.config, this.timing, this.attributes, this.listener);
        this.#connection = connection;
        const pending = this.#pending;
        this.#pending = undefined;
        if (pending) connection.start(pending.token, pending.options);
        return connection;
      },
      (error: unknown) => {
        this.#loading = undefined;
        const delay = reloadDelaysMs[Math.min(this.#failedLoads++, reloadDelaysMs.length - 1)]!;
        if (this.#pending) {
          this.#setState('offline');
          this.#retryAfter(delay);
        }
        this.listener.failed({ code: 'connection-failed', message: `the chat's connection code could not be loaded (${errorText(error)})` });
        return undefined;
      },
    );
    return this.#loading;
  }

  /** Fetches the code again after `delay`, or as soon as the browser is back online. */
  #retryAfter(delay: number): void {
    this.#waiting?.abort();
    const waiting = new AbortController();
    this.#waiting = waiting;
    const retry = (): void => {
      waiting.abort();
      if (this.#pending) void this.#load();
    };
    const timer = setTimeout(retry, delay);
    waiting.signal.addEventListener('abort', () => clearTimeout(timer));
    globalThis.addEventListener?.('online', retry, { signal: waiting.signal });
  }

  #setState(state: ConnectionState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.listener.stateChanged(state);
  }
}
