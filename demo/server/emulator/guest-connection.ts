import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { DeploymentSettings, Deployments } from './deployments.js';
import { uploadProfile } from './deployments.js';
import type { EmulatorOptions } from './emulator-options.js';
import { customAttributeBytes, type GuestLink, type GuestSession, type StoredMessage } from './guest-session.js';
import type { JwtSigner } from './jwt.js';
import { joinAuthenticated, type AuthenticatedDirectory } from './authenticated-sessions.js';
import { errorResponse, GuestApiError, push, response, type ServerFrame } from './server-frames.js';
import type { Uploads } from './uploads.js';

/** What a connection needs from the emulator that owns it. */
export interface SessionDirectory extends AuthenticatedDirectory {
  readonly options: EmulatorOptions;
  readonly jwt: JwtSigner;
  readonly deployments: Deployments;
  findByToken(token: string): GuestSession | undefined;
  create(token: string, deploymentId: string, durationSeconds: number): GuestSession;
  /** A token that spoke for a signed-in visitor: a guest configure with it is refused (4017). */
  isAuthenticatedToken(token: string): boolean;
  /** Forgets the token, so that it can no longer restore the session. */
  retire(session: GuestSession): void;
  /** A guest joined a new session with Presence `Join`: the deployment's bot may greet. */
  autoStarted(session: GuestSession): void;
  deliver(socket: WebSocket, frame: ServerFrame): void;
  /** A fault: this message is to be answered as over the rate. */
  forcedRateLimit(): boolean;
  /** A fault: this message is to be stored, and its echo lost with the connection. */
  dropBeforeEcho(): boolean;
  changed(): void;
  /** Checks a client's request against the official schema (violations are kept and reported). */
  checkRequest(request: unknown, deploymentId: string): void;
  /** A stored message as frames carry it (fresh download addresses; the guest's metadata only where asked). */
  wire(message: StoredMessage, options?: { clientMetadata?: boolean }): Record<string, unknown>;
  /** The visitor's attachments: upload grants, deletion, and the files a message may name. */
  readonly uploads: Uploads;
}

type Request = Record<string, unknown>;

/** Speaks the Guest API on one WebSocket. */
export class GuestConnection implements GuestLink {
  #session: GuestSession | undefined;
  /** The token this connection configured with: every later request must name it. */
  #token: string | undefined;
  /** Requests are answered in the order they came, though some answers take a moment (signing, checking a JWT). */
  #queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly socket: WebSocket,
    private readonly directory: SessionDirectory,
    /** The deployment named in the socket's address. */
    readonly deploymentId: string,
  ) {
    socket.on('message', (data, isBinary) => {
      const text = isBinary ? '' : data.toString();
      this.#queue = this.#queue.then(() => this.#receive(text)).catch((error: unknown) => console.error('emulator: a request failed', error));
    });
    socket.on('close', () => {
      this.#session?.detach(this);
      this.directory.changed();
    });
  }

  get live(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  get session(): GuestSession | undefined {
    return this.#session;
  }

  /** What the deployment this connection speaks for is configured to do. */
  get #settings(): DeploymentSettings {
    return this.directory.deployments.settings(this.#session?.deploymentId ?? this.deploymentId);
  }

  send(frame: ServerFrame): void {
    this.directory.deliver(this.socket, frame);
  }

  close(code: number, reason: string): void {
    this.socket.close(code, reason);
  }

  drop(): void {
    this.socket.terminate();
  }

  async #receive(text: string): Promise<void> {
    let request: unknown;
    try {
      request = JSON.parse(text);
    } catch {
      return this.send(errorResponse(400, 'Request failed.'));
    }
    this.directory.checkRequest(request, this.deploymentId);
    if (!isRecord(request) || typeof request.action !== 'string') {
      return this.send(errorResponse(400, 'Request failed.'));
    }
    const tracingId = typeof request.tracingId === 'string' ? request.tracingId : undefined;
    const answer = await this.#dispatch(request.action, request, tracingId);
    // Answers carry the request's tracingId only where the real service is known to put it.
    if (answer && answer.tracingId !== undefined && !(answer.class === 'StructuredMessage' || this.#settings.lenient)) delete answer.tracingId;
    if (answer) this.send(answer);
    this.directory.changed();
  }

  async #dispatch(action: string, request: Request, tracingId: string | undefined): Promise<ServerFrame | undefined> {
    if (action === 'configureSession') return this.#configure(request, tracingId);
    if (action === 'configureAuthenticatedSession') return this.#configureAuthenticated(request, tracingId);
    const session = this.#session;
    if (!session || request.token !== this.#token) {
      return errorResponse(GuestApiError.sessionNotFound, 'session not found', tracingId);
    }
    switch (action) {
      case 'onMessage':
        return this.#onMessage(session, request, tracingId);
      case 'echo':
        return response('StructuredMessage', this.#echoBody(session, request), tracingId);
      case 'getJwt':
        return response('JwtResponse', await this.directory.jwt.sign(session.id, 900), tracingId);
      case 'closeSession':
        return this.#closeSession(session, request, tracingId);
      case 'onAttachment':
        return this.directory.uploads.grant(session, request, tracingId);
      case 'deleteAttachment':
        return this.directory.uploads.delete(session, request.attachmentId, tracingId);
      case 'getAttachment':
        return this.directory.uploads.refresh(session, request.attachmentId);
      default:
        return errorResponse(400, 'Request failed.', tracingId);
    }
  }

  #configure(request: Request, tracingId: string | undefined): ServerFrame {
    const { token, deploymentId } = request;
    if (typeof token !== 'string' || token.length === 0 || token.length > 2048) {
      return errorResponse(GuestApiError.missingParameter, 'missing parameter: token', tracingId);
    }
    if (typeof deploymentId !== 'string' || deploymentId.length === 0) {
      return errorResponse(GuestApiError.missingParameter, 'missing parameter: deploymentId', tracingId);
    }
    // Once a token spoke for a signed-in visitor, it never opens a guest session again.
    if (this.directory.isAuthenticatedToken(token)) return errorResponse(GuestApiError.cannotDowngrade, 'Cannot downgrade an authenticated session to an unauthenticated one', tracingId);
    let session = this.directory.findByToken(token);
    if (session?.isExpired()) {
      session.expired = true;
      this.directory.retire(session);
      return errorResponse(GuestApiError.sessionExpired, 'session expired', tracingId);
    }
    const newSession = !session;
    session ??= this.directory.create(token, deploymentId, this.directory.deployments.settings(deploymentId).sessionDurationSeconds);
    if (request.startNew === true) session.readOnly = false;
    if (newSession) session.touch();
    this.#join(session, token);
    return response('SessionResponse', this.#sessionBody(session, { connected: true, newSession }), tracingId);
  }

  #join(session: GuestSession, token: string): void {
    if (this.#session && this.#session !== session) this.#session.detach(this);
    this.#session = session;
    this.#token = token;
    session.attach(this);
  }

  /** `configureAuthenticatedSession` (`authenticated-sessions.ts`); on a step-up the guest's other connections are closed, and the sign-in is echoed. */
  async #configureAuthenticated(request: Request, tracingId: string | undefined): Promise<ServerFrame> {
    const joined = await joinAuthenticated(this.directory, request, this, tracingId);
    if (!('session' in joined)) return joined;
    const { session, newSession, clearedExistingSession, steppedUp } = joined;
    this.#join(session, request.token as string);
    if (steppedUp) {
      session.closeOthers(this, { reason: 'signedIn' });
      const [firstName = '', ...rest] = (session.identity?.name ?? '').split(' ');
      const signIn = { eventType: 'Presence', presence: { type: 'SignIn' } };
      const stored = session.record({ direction: 'Inbound', type: 'Event', text: '', events: [signIn], from: { nickname: session.identity?.name ?? '', firstName, lastName: rest.join(' ') } });
      session.broadcast(push('StructuredMessage', this.directory.wire(stored)));
    }
    return response('SessionResponse', { ...this.#sessionBody(session, { connected: true, newSession }), clearedExistingSession }, tracingId);
  }

  #onMessage(session: GuestSession, request: Request, tracingId: string | undefined): ServerFrame | undefined {
    const message = request.message;
    if (!isRecord(message) || !['Text', 'Structured', 'Event'].includes(String(message.type))) {
      return errorResponse(GuestApiError.missingParameter, 'missing parameter: message.type', tracingId);
    }
    const attributes = customAttributesOf(message);
    if (attributes === null) return errorResponse(400, 'customAttributes must map strings to strings', tracingId);
    const { maxCustomDataBytes, maxTextLength } = this.directory.options;
    if (attributes && customAttributeBytes(attributes) > maxCustomDataBytes) {
      return errorResponse(
        GuestApiError.customAttributesTooLarge,
        `Custom Attributes in channel metadata is larger than ${maxCustomDataBytes} bytes`,
        tracingId,
      );
    }
    if (message.type === 'Event') return this.#onEvent(session, message, attributes, tracingId);

    const text = typeof message.text === 'string' && message.text !== '' ? message.text : buttonResponseText(message);
    if (text.length > maxTextLength) {
      return errorResponse(GuestApiError.messageTooLong, `Message exceeds ${maxTextLength} characters`, tracingId);
    }
    if (session.readOnly) {
      return errorResponse(403, 'Conversation is read-only; configure the session again with startNew', tracingId);
    }
    // Every file it names must be one this session uploaded and has not sent; else nothing is stored.
    const withFiles = Array.isArray(message.content) ? this.directory.uploads.contentWithAttachments(session, message.content) : { content: undefined, attachmentIds: [] };
    if (!withFiles) return errorResponse(GuestApiError.attachmentNotUploaded, 'Attachment not successfully uploaded', tracingId);
    const retryAfter = this.directory.forcedRateLimit() ? 1 : session.takeSendSlot();
    if (retryAfter > 0) {
      return response(
        'TooManyRequestsErrorMessage',
        {
          retryAfter,
          errorCode: GuestApiError.rateTooHigh,
          errorMessage: 'Message rate too high for this session',
          // The schema requires these two; the official SDK's fixtures omit them. Both are given.
          name: 'TooManyRequestsError',
          message: `Message rate too high. Retry after ${retryAfter} seconds.`,
        },
        tracingId,
        429,
      );
    }
    if (attributes) {
      Object.assign(session.customAttributes, attributes);
      session.attributeUpdates += 1;
    }
    const stored = session.record({
      direction: 'Inbound',
      type: message.type === 'Structured' ? 'Structured' : 'Text',
      text,
      ...(isStringMap(message.metadata) ? { clientMetadata: message.metadata } : {}),
      ...(withFiles.content ? { content: withFiles.content } : {}),
    });
    this.directory.uploads.markSent(withFiles.attachmentIds);
    if (this.directory.dropBeforeEcho()) {
      this.drop();
      return undefined;
    }
    // The live echo carries the client's tracingId and metadata (both in the official fixtures).
    session.broadcast(push('StructuredMessage', this.directory.wire(stored, { clientMetadata: true }), tracingId));
    return undefined;
  }

  #onEvent(
    session: GuestSession,
    message: Request,
    attributes: Record<string, string> | undefined,
    tracingId: string | undefined,
  ): ServerFrame | undefined {
    const events = Array.isArray(message.events) ? message.events.filter(isRecord) : [];
    const presence = events.find((event) => event.eventType === 'Presence');
    const presenceType = isRecord(presence?.presence) ? presence.presence.type : undefined;
    const typing = events.find((event) => event.eventType === 'Typing');
    if (typing) {
      if (!this.#settings.visitorTyping) return errorResponse(403, 'Turn on the Feature Toggle or fix the configuration.', tracingId);
      session.visitorTypingAt = Date.now();
      session.typingEvents += 1;
      this.directory.changed();
      return undefined;
    }
    if (presenceType === 'Clear') {
      if (!this.#settings.conversationClear) {
        return errorResponse(403, 'Presence events Conversation Clear are not supported', tracingId);
      }
      session.broadcast(push('SessionClearedEvent', {}));
      session.closeAll(1000, 'session cleared', push('ConnectionClosedEvent', {}));
      this.directory.retire(session);
      return undefined;
    }
    if (attributes) {
      Object.assign(session.customAttributes, attributes);
      session.attributeUpdates += 1;
    }
    if (presenceType === 'Join') {
      const stored = session.record({ direction: 'Inbound', type: 'Event', text: '', events: [presence] });
      session.broadcast(push('StructuredMessage', this.directory.wire(stored), tracingId));
      this.directory.autoStarted(session);
    }
    return undefined;
  }

  /**
   * The guest leaves: its other connections are closed, and the token no longer restores
   * this conversation (a `configureSession` with it starts a new one). The agent sees it closed.
   */
  #closeSession(session: GuestSession, request: Request, tracingId: string | undefined): ServerFrame {
    if (request.closeAllConnections === true) session.closeOthers(this);
    session.detach(this);
    session.closedByGuest = true;
    this.directory.retire(session);
    this.#session = undefined;
    // As the official SDK's fixture answers it: the closed conversation is read-only, and the token's next one new.
    return response('SessionResponse', { ...this.#sessionBody(session, { connected: false, newSession: true }), readOnly: true }, tracingId);
  }

  #sessionBody(session: GuestSession, state: { connected: boolean; newSession: boolean }): Record<string, unknown> {
    return {
      ...state,
      readOnly: session.readOnly,
      maxCustomDataBytes: this.directory.options.maxCustomDataBytes,
      // Off, in a form the schema accepts (it requires `inbound` with both keys): no types and no size.
      ...(this.#settings.attachments ? uploadProfile : { allowedMedia: { inbound: { fileTypes: [], maxFileSizeKB: 0 } }, blockedExtensions: [] }),
      clearedExistingSession: false,
      durationSeconds: session.durationSeconds,
      expirationDate: session.expirationEpochSeconds,
    };
  }

  #echoBody(session: GuestSession, request: Request): Record<string, unknown> {
    const text = isRecord(request.message) && typeof request.message.text === 'string' ? request.message.text : 'ping';
    return {
      id: randomUUID(),
      type: 'Text',
      text,
      direction: 'Inbound',
      metadata: {
        durationSeconds: String(session.durationSeconds),
        expirationDate: String(session.expirationEpochSeconds),
      },
    };
  }
}

/** The label of a quick reply the guest chose, shown as the message's text. */
function buttonResponseText(message: Request): string {
  const content = Array.isArray(message.content) ? message.content : [];
  for (const item of content) {
    if (isRecord(item) && isRecord(item.buttonResponse) && typeof item.buttonResponse.text === 'string') return item.buttonResponse.text;
  }
  return '';
}

function isRecord(value: unknown): value is Request {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringMap(value: unknown): value is Record<string, string> {
  return isRecord(value) && Object.values(value).every((each) => typeof each === 'string');
}

/** The attributes a message carries: undefined when none, null when they are not a flat string map. */
function customAttributesOf(message: Request): Record<string, string> | undefined | null {
  const channel = message.channel;
  if (!isRecord(channel) || !isRecord(channel.metadata)) return undefined;
  const attributes = channel.metadata.customAttributes;
  if (attributes === undefined) return undefined;
  return isStringMap(attributes) ? attributes : null;
}
