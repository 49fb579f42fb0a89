import type { DeploymentFeatures, FileProfile } from '../base/deployment-features.js';
import type { ChatConfig } from '../config/chat-config.js';
import type { ConnectionState } from '../transport/connection-state.js';
import { errorCodeOf, failsMessageInFlight, isRecord, type ServerFrame, type SessionResponseBody } from '../transport/guest-api-frames.js';
import { GuestApiTransport, RequestFailedError, type TransportAuth, type TransportFailure, type TransportOptions } from '../transport/guest-api-transport.js';
import { HistoryClient } from '../transport/history-client.js';
import { fallbackFeatures, fetchDeploymentConfig, readDeploymentFeatures } from './deployment-config.js';
import { readFileProfile } from '../uploads/read-file-profile.js';
import type { OutgoingFile } from '../base/outbox-entry.js';
import { ConnectionUploads, failsFiles, forgetKeptFiles } from './connection-uploads.js';
import { recogniseSent } from './history-claims.js';
import { SessionExpiry } from './session-expiry.js';
import { AgentTyping, lastAgentName } from './agent-typing.js';
import type { ChatMessage } from '../base/chat-message.js';
import { readMissedHistory } from './history-sync.js';
import { normalizeStructuredMessage, textOf, type ServerEvent } from './normalize-message.js';
import { httpUrl } from './rich-content.js';
import { notice, type NoticeKind } from './notices.js';
import { englishNotices } from './notice-texts.js';

/** The English texts of the notices the server causes (see `ServerLink.noticeText`). */
export { englishNotices } from './notice-texts.js';
import type { OutboxEntry, SendOutcome } from './outbox.js';
import type { OutgoingAttributes } from './outgoing-attributes.js';
import type { Transcript } from './transcript.js';

export interface ServerLinkListener {
  stateChanged(state: ConnectionState): void;
  configured(session: SessionResponseBody): void;
  /** What the deployment's configuration allows, once read (or assumed, when it cannot be). */
  features(features: DeploymentFeatures): void;
  /** The session expires at this time (epoch ms) unless the visitor writes; `undefined`: not soon any more. */
  expiring(expiresAt: number | undefined): void;
  events(events: ServerEvent[]): void;
  sessionEnded(kind: NoticeKind): void;
  /** The service logged the signed-in visitor out (`LogoutEvent`: a sign-out on any of their devices). */
  loggedOut(): void;
  /** The transcript as it stands: whose name the agent's typing indicator shows. */
  transcript(): readonly ChatMessage[];
  failed(failure: TransportFailure | { code: 'server-error' | 'config-unavailable'; message: string }): void;
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
  /** The signed-in visitor's JWTs, when there is one (`auth/`). */
  #auth: TransportAuth | undefined;
  /** Counts `start()` and `stop()`: a start still waiting for the sign-in's code is dropped by a later call. */
  #calls = 0;
  /** The message sent and not yet answered (one at a time): its untagged echo is recognised by its content. */
  #inFlight: OutboxEntry | undefined;
  /** The deployment's configuration, read once per connection code (as the official SDK does per instance). */
  #features: Promise<DeploymentFeatures> | undefined;
  #known: DeploymentFeatures | undefined;
  /** The configuration as read (undefined: not yet, or it could not be), for the attachment profile. */
  #deploymentConfig: unknown;
  /** The last SessionResponse: the profile's other half. */
  #session: SessionResponseBody | undefined;
  /** The visitor's files on this connection. */
  readonly #files: ConnectionUploads;
  /** Why the configuration could not be read, until it has been reported. */
  #configProblem: string | undefined;
  /** When the last visitor typing event left: at most one per 5 s, as the official SDK sends them. */
  #typingSentAt = Number.NEGATIVE_INFINITY;
  readonly #expiry: SessionExpiry;
  /** The agent's typing indicator: on for the time the server gives, off when a message arrives or the connection stops. */
  readonly #typing: AgentTyping;

  readonly #config: ChatConfig;

  constructor(
    config: ChatConfig,
    timing: Partial<TransportOptions> | undefined,
    private readonly attributes: OutgoingAttributes,
    listener: ServerLinkListener,
  ) {
    this.#listener = listener;
    this.#config = config;
    this.#expiry = new SessionExpiry((expiresAt) => listener.expiring(expiresAt));
    this.#typing = new AgentTyping(() => listener.stateChanged(this.state));
    this.#transport = new GuestApiTransport(
      { ...timing, socketUrl: config.socketUrl, deploymentId: config.deploymentId },
      {
        stateChanged: (state) => {
          listener.stateChanged(state);
          this.#reportConfigProblem();
        },
        sessionConfigured: (session) => {
          this.#session = session;
          if (this.#known) this.#publishFeatures();
          attributes.sessionStarted(session);
          this.#expiry.learnt(session.expirationDate, session.durationSeconds);
          // A new session joins first (autostart), as the official SDK does straight after the
          // SessionResponse: the visitor's first message must not race the Join for its answer.
          if (!session.newSession || session.readOnly) return listener.configured(session);
          void this.#autoStart().finally(() => listener.configured(session));
        },
        frameReceived: (frame) => this.#received(frame),
        heartbeat: (frame) => {
          const metadata = isRecord(frame.body) && isRecord(frame.body.metadata) ? frame.body.metadata : {};
          this.#expiry.learnt(metadata.expirationDate, metadata.durationSeconds);
        },
        frameIgnored: (reason) => listener.warn(`ignored a frame from the server: ${reason}`),
        failed: (failure) => {
          // The connection is over: no notice of an expiry it cannot prevent.
          this.#expiry.stop();
          if (failure.code === 'session-expired') listener.sessionEnded('session-expired');
          else listener.failed(failure);
        },
      },
    );
    this.#history = new HistoryClient(config.apiBaseUrl, (payload, claims) => this.#transport.request(payload, { claims }));
    const transport = this.#transport;
    this.#files = new ConnectionUploads({
      transport,
      inFlight: () => this.#inFlight,
      profile: () => this.#filesAllowed(),
      restart: () => {
        if (transport.state === 'connected' && this.#token) transport.start(this.#token, { auth: this.#auth });
      },
    });
  }

  get state(): ConnectionState {
    return this.#transport.state;
  }

  get agentTyping(): { readonly name: string | undefined } | undefined {
    return this.#typing.current;
  }

  get running(): boolean {
    return this.#transport.running;
  }

  /** Connects; with `auth` (a signed-in visitor's JWTs, their code on its way), not before it is here, so as not to start as a guest. */
  start(token: string, { startNew, auth }: { startNew?: boolean | undefined; auth?: Promise<TransportAuth | undefined> | undefined } = {}): void {
    const call = ++this.#calls;
    this.#readFeatures();
    const connect = (resolved: TransportAuth | undefined): void => {
      if (call !== this.#calls) return;
      // Another session: what was uploaded was uploaded to the last one.
      if (token !== this.#token) this.#files.drop();
      this.#token = token;
      this.#auth = resolved;
      // A guest conversation here (messages the server has) steps up once the visitor signs in; without one, the signed-in conversation is joined at once.
      const guestFirst = this.#listener.transcript().some((message) => message.author !== 'notice' && (message.author !== 'visitor' || message.delivery === 'sent'));
      this.#transport.start(token, { startNew: startNew ?? false, auth: resolved, guestFirst });
    };
    if (auth) void auth.then(connect);
    else connect(undefined);
  }

  /** The visitor signed in while this connection runs: it configures the signed-in session (a step-up, for a guest's). */
  authenticate(auth: Promise<TransportAuth | undefined>): void {
    void auth.then((resolved) => {
      if (!resolved || !this.#transport.running) return;
      this.#auth = resolved;
      void this.#transport.authenticate(resolved);
    });
  }

  /** Fetches the deployment's configuration once; a failure is reported once and safe defaults apply. */
  #readFeatures(): void {
    this.#features ??= fetchDeploymentConfig(this.#config.configUrl, AbortSignal.timeout(15_000))
      .then((config) => {
        this.#deploymentConfig = config;
        return readDeploymentFeatures(config);
      })
      .catch((error: unknown) => {
        this.#configProblem = `could not read the deployment's configuration, so clearing, typing, autostart and markdown are off: ${String(error)}`;
        this.#reportConfigProblem();
        return fallbackFeatures;
      })
      .then((features) => {
        this.#known = features;
        this.#publishFeatures();
        return features;
      });
  }

  /**
   * What the deployment allows, with the files the visitor may send once the session has said
   * (`null`: none). Without the configuration, the session's own word is taken: the server
   * checks every file again anyway.
   */
  #publishFeatures(): void {
    const features = this.#known!;
    if (!this.#session) return this.#listener.features(features);
    this.#listener.features({ ...features, files: this.#filesAllowed() ?? null });
  }

  #filesAllowed(): FileProfile | undefined {
    const config = this.#deploymentConfig ?? { messenger: { fileUpload: { enableAttachments: true } } };
    return readFileProfile(config, this.#session);
  }

  /**
   * Says once that the configuration could not be read, when the chat is otherwise working: a
   * server that cannot be reached at all is reported as such (`connection-failed`), not twice.
   */
  #reportConfigProblem(): void {
    if (this.#configProblem === undefined || this.#transport?.state !== 'connected') return;
    this.#listener.failed({ code: 'config-unavailable', message: this.#configProblem });
    this.#configProblem = undefined;
  }

  /**
   * Ends the conversation as the deployment allows: Presence `Clear` where clearing is on
   * (the server answers `SessionClearedEvent`), else, or when the server refuses the Clear
   * (403), `closeSession`: the agent sees the visitor leave, and the token is not used
   * again. Before the configuration is known it waits for it a moment. False when not
   * connected; an end the server does not confirm is reported.
   */
  end(): boolean {
    if (this.#transport.state !== 'connected') return false;
    void this.#end().then(
      // A cleared conversation is ended by its SessionClearedEvent; a closed session here.
      (how) => how === 'closed' && this.#listener.sessionEnded('session-cleared'),
      (error: unknown) => this.#listener.warn(`the server did not confirm the end of the conversation (${String(error)}); it is erased here`),
    );
    return true;
  }

  async #end(): Promise<'cleared' | 'closed'> {
    const features = this.#known ?? (await Promise.race([this.#features, new Promise<undefined>((resolve) => setTimeout(resolve, 3000))]));
    if (features?.clear) {
      const clearEvent = { action: 'onMessage', message: { type: 'Event', events: [{ eventType: 'Presence', presence: { type: 'Clear' } }] } };
      const refused = (frame: ServerFrame) => frame.class === 'string' && frame.code === 403;
      const answer = await this.#transport.request(clearEvent, { claims: (frame) => frame.class === 'SessionClearedEvent' || refused(frame) });
      if (!refused(answer)) return 'cleared';
    }
    await this.#transport.request({ action: 'closeSession', closeAllConnections: true }, { claims: (frame) => frame.class === 'SessionResponse' });
    return 'closed';
  }

  /**
   * A fresh download address for an attachment (`getAttachment`): the answer is an untagged
   * `PresignedUrlResponse` for that attachment, or a `GenerateUrlError`.
   */
  async attachmentUrl(id: string): Promise<string | undefined> {
    const forThis = (frame: ServerFrame) => isRecord(frame.body) && frame.body.attachmentId === id && (frame.class === 'PresignedUrlResponse' || frame.class === 'GenerateUrlError');
    const answer = await this.#transport.request({ action: 'getAttachment', attachmentId: id }, { claims: forThis }).catch(() => undefined);
    const url = answer?.class === 'PresignedUrlResponse' && isRecord(answer.body) ? answer.body.url : undefined;
    return httpUrl(url);
  }

  /** The visitor is typing: tells the agent, where the deployment shows it, at most once per 5 s. */
  typing(): void {
    if (!this.#known?.visitorTyping || performance.now() - this.#typingSentAt < 5000) return;
    if (this.#transport.notify({ action: 'onMessage', message: { type: 'Event', events: [{ eventType: 'Typing', typing: { type: 'On' } }] } })) {
      this.#typingSentAt = performance.now();
    }
  }

  /** A new session on a deployment with autostart joins at once (Presence `Join`, with the attributes), so a bot can greet first. */
  async #autoStart(): Promise<void> {
    // The configuration is fetched beside the socket; a slow one must not hold the visitor's first message long.
    const features = this.#known ?? (await Promise.race([this.#features, new Promise<undefined>((resolve) => setTimeout(resolve, 3000))]));
    if (!features?.autoStart || this.#transport.state !== 'connected') return;
    const customAttributes = this.attributes.toSend(this.attributes.forNewMessage());
    const join = await this.#transport
      .request(
        {
          action: 'onMessage',
          message: {
            type: 'Event',
            events: [{ eventType: 'Presence', presence: { type: 'Join' } }],
            ...(customAttributes ? { channel: { metadata: { customAttributes } } } : {}),
          },
        },
        { claims: (frame) => isJoinEcho(frame) || failsMessageInFlight(frame) },
      )
      .catch(() => undefined);
    if (join && isJoinEcho(join) && customAttributes) this.attributes.acknowledged(customAttributes);
    else if (join) this.#listener.warn(`the server refused the autostart Join (${errorCodeOf(join) ?? join.class})`);
  }

  stop(): Promise<void> {
    this.#calls += 1;
    this.#typing.stop();
    this.#expiry.stop();
    this.#files.drop();
    return this.#transport.stop();
  }

  /** Stops these uploads, unless their message is on its way already (`ConnectionUploads.cancel`). */
  cancelUploads(ids: readonly string[]): boolean {
    return this.#files.cancel(ids);
  }

  /** Starts uploading a file before its message (`ConnectionUploads.preupload`). */
  preupload(file: OutgoingFile): boolean {
    return this.#files.preupload(file);
  }

  /** The guest's JWT (`getJwt`): what proves to the site's backend that this session is the visitor's own. */
  guestJwt(): Promise<string> {
    return this.#history.jwt();
  }

  async readMissedHistory(transcript: Transcript, pending: readonly OutboxEntry[], signal: AbortSignal): Promise<ServerEvent[]> {
    const events = recogniseSent(await readMissedHistory(this.#history, transcript, signal), pending, (id) => transcript.has(id));
    // Messages whose echo was lost: sent, so their kept files go too.
    const sent = new Set(events.map((event) => (event.kind === 'message' ? event.message.clientId : undefined)));
    for (const entry of pending) if (entry.files?.length && sent.has(entry.clientId)) void forgetKeptFiles(entry.files);
    return events;
  }

  /**
   * One attempt to send a visitor's message, with its attributes when the server does not
   * have that set yet; the outbox decides what happens next.
   */
  async deliver(entry: OutboxEntry): Promise<SendOutcome> {
    if (entry.files?.length) {
      const failed = await this.#files.upload(entry);
      if (failed) return failed;
    }
    const customAttributes = this.attributes.toSend(entry.attributes);
    let frame: ServerFrame;
    this.#inFlight = entry;
    try {
      frame = await this.#transport.request({
        action: 'onMessage',
        tracingId: entry.clientId,
        message: {
          ...messageOf(entry),
          metadata: { clientMessageId: entry.clientId },
          ...(customAttributes ? { channel: { metadata: { customAttributes } } } : {}),
        },
      }, { claims: (answer) => failsMessageInFlight(answer) || isEchoOf(answer, entry) || (entry.files !== undefined && failsFiles(answer)) });
    } catch (error) {
      // No answer on a connection that looks alive: start it again; history then tells
      // whether the message arrived before it is sent a second time.
      if (error instanceof RequestFailedError && error.reason === 'timeout' && this.#token) this.#transport.start(this.#token, { auth: this.#auth });
      return { kind: 'disconnected' };
    } finally {
      if (this.#inFlight === entry) this.#inFlight = undefined;
    }
    if (frame.class === 'StructuredMessage') {
      if (customAttributes) this.attributes.acknowledged(customAttributes);
      this.attributes.delivered();
      if (entry.files?.length) void forgetKeptFiles(entry.files);
      return { kind: 'acknowledged' };
    }
    if (frame.class === 'TooManyRequestsErrorMessage') {
      const seconds = isRecord(frame.body) && typeof frame.body.retryAfter === 'number' ? frame.body.retryAfter : 1;
      return { kind: 'retry-after', ms: Math.max(1, seconds) * 1000 };
    }
    const code = errorCodeOf(frame);
    // The server does not have the files the message names (4010): they are uploaded again if it is retried.
    if (entry.files?.length) this.#files.forget(entry.files);
    return { kind: 'rejected', reason: `${code ?? frame.code}: ${typeof frame.body === 'string' ? frame.body : frame.class}` };
  }

  #received(frame: ServerFrame): void {
    switch (frame.class) {
      case 'StructuredMessage':
        // A message either way keeps the session alive; if the visitor was warned, the server confirms the new expiry.
        if (isRecord(frame.body) && frame.body.type !== 'Event' && this.#expiry.activity()) this.#transport.checkNow();
        return this.#listener.events(normalizeStructuredMessage(frame.body).map((event) => signInNotice(this.#typingFrom(this.#withClientId(event, frame)))));
      case 'SessionExpiredEvent':
        return this.#listener.sessionEnded('session-expired');
      case 'SessionClearedEvent':
        return this.#listener.sessionEnded('session-cleared');
      case 'LogoutEvent':
        // The service closes the connection: it is not opened again for a visitor who is no longer signed in.
        void this.#transport.stop();
        return this.#listener.loggedOut();
      case 'string':
        return this.#listener.failed({ code: 'server-error', message: `the server reported ${frame.code}: ${String(frame.body)}` });
      default:
        return;
    }
  }

  /** The agent types (where the deployment shows it), or stops as their message arrives. */
  #typingFrom(event: ServerEvent): ServerEvent {
    if (event.kind === 'typing' && this.#known?.agentTyping !== false) this.#typing.start(event.durationMs, lastAgentName(this.#listener.transcript()));
    if (event.kind === 'message' && event.message.author !== 'visitor') this.#typing.stop();
    return event;
  }

  /**
   * The echo of a message sent here names it by its `tracingId`, or its metadata; an echo
   * with neither is the message in flight if it says the same.
   */
  #withClientId(event: ServerEvent, frame: ServerFrame): ServerEvent {
    if (event.kind !== 'message' || event.message.author !== 'visitor') return event;
    // The visitor's own message went through: the next keystroke may say "typing" at once.
    this.#typingSentAt = Number.NEGATIVE_INFINITY;
    if (event.message.clientId) return event;
    const inFlight = this.#inFlight && isEchoOf(frame, this.#inFlight) ? this.#inFlight.clientId : undefined;
    const clientId = frame.tracingId ?? inFlight;
    return clientId ? { ...event, message: { ...event.message, clientId } } : event;
  }
}

/**
 * The message body of an entry, as the official SDK sends each kind: text; a quick reply, a
 * slot or list items as a `Text` message with empty text and a `ButtonResponse`; a card's
 * button as a `Structured` message whose text is the button's label.
 */
function messageOf(entry: OutboxEntry): Record<string, unknown> {
  const reply = entry.reply;
  // Files go as one `Attachment` item each, named by id only, as the official SDK sends them; the text may be empty.
  if (entry.files?.length) return { type: 'Text', text: entry.text, content: entry.files.map(({ id }) => ({ contentType: 'Attachment', attachment: { id } })) };
  if (!reply) return { type: 'Text', text: entry.text };
  const type = reply.type ?? 'QuickReply';
  const buttonResponse = { text: reply.text, payload: reply.payload, type, ...(reply.originatingMessageId ? { originatingMessageId: reply.originatingMessageId } : {}) };
  return { type: type === 'Button' ? 'Structured' : 'Text', text: type === 'Button' ? reply.text : '', content: [{ contentType: 'ButtonResponse', buttonResponse }] };
}

/** The service's echo of a step-up (Presence `SignIn`): said in the transcript, as the official SDK raises `SignedIn`. */
function signInNotice(event: ServerEvent): ServerEvent {
  if (event.kind !== 'presence' || event.presence !== 'SignIn') return event;
  return { kind: 'message', message: notice('signed-in', event.id, event.time, englishNotices['signed-in']) };
}

function isJoinEcho(frame: ServerFrame): boolean {
  const body = frame.body;
  return frame.class === 'StructuredMessage' && isRecord(body) && body.direction === 'Inbound' && body.type === 'Event' && JSON.stringify(body.events).includes('"Join"');
}

/** Whether `frame` is the echo of `entry`: by its metadata, else (untagged, as some servers send it) by what it says. */
function isEchoOf(frame: ServerFrame, entry: OutboxEntry): boolean {
  const body = frame.body;
  if (frame.class !== 'StructuredMessage' || frame.type !== 'message' || !isRecord(body) || body.direction !== 'Inbound') return false;
  const metadata = isRecord(body.metadata) ? body.metadata : {};
  if (typeof metadata.clientMessageId === 'string') return metadata.clientMessageId === entry.clientId;
  if (frame.tracingId !== undefined) return frame.tracingId === entry.clientId;
  return textOf(body) === (entry.reply?.text ?? entry.text);
}
