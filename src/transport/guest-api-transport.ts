import { randomId } from '../base/random-id.js';
import { backoffDelay, defaultBackoff, type BackoffOptions } from './backoff.js';
import type { ConnectionState } from './connection-state.js';
import {
  answersConfigure,
  errorCodeOf,
  heartbeatTracingId,
  parseServerFrame,
  readSessionResponse,
  type ServerFrame,
  type SessionResponseBody,
} from './guest-api-frames.js';

export type TransportFailureCode = 'connection-failed' | 'connection-closed' | 'session-expired' | 'session-rejected' | 'auth-failed';

/**
 * A signed-in visitor's messaging JWT (`auth/`): the transport configures an authenticated
 * session with it, and asks again when the service refuses it (401).
 */
export interface TransportAuth {
  /** A JWT valid now (stored, refreshed, or from a new sign-in); undefined: the visitor is not signed in; rejects when none can be had now (the network). */
  jwt(): Promise<string | undefined>;
  /** The service refused the last JWT: a refreshed one (or from a new sign-in), or undefined when there is none. */
  refused(): Promise<string | undefined>;
  /** The connection stopped here: no refreshing ahead of expiry from this tab. */
  release?(): void;
  /** Whether the visitor has signed in before (a JWT is kept): if not, a guest conversation here steps up to theirs. */
  signedInBefore(): Promise<boolean>;
  /** Whether the visitor may chat as a guest meanwhile (`auth="optional"`). */
  readonly guestAllowed: boolean;
}

export interface TransportFailure {
  code: TransportFailureCode;
  message: string;
}

export interface TransportListener {
  stateChanged(state: ConnectionState): void;
  /** A `configureSession` succeeded: on the first connection and on every reconnection. */
  sessionConfigured(session: SessionResponseBody): void;
  /** Every push, and every response that no request was waiting for. */
  frameReceived(frame: ServerFrame): void;
  /** The answer to a heartbeat `echo`: it carries the session's current expiry. */
  heartbeat?(frame: ServerFrame): void;
  /** A frame that is not a Guest API envelope; it is dropped and the connection goes on. */
  frameIgnored(reason: string): void;
  failed(failure: TransportFailure): void;
}

export interface TransportOptions {
  socketUrl: string;
  deploymentId: string;
  heartbeatIntervalMs: number;
  heartbeatTimeoutMs: number;
  requestTimeoutMs: number;
  backoff: BackoffOptions;
  /** Failed attempts in a row after which the state reads `offline`; attempts go on. */
  offlineAfterAttempts: number;
}

export const defaultTransportTiming = {
  heartbeatIntervalMs: 30_000,
  heartbeatTimeoutMs: 10_000,
  requestTimeoutMs: 15_000,
  backoff: defaultBackoff,
  offlineAfterAttempts: 4,
} satisfies Partial<TransportOptions>;

/** Why a request got no answer. */
export class RequestFailedError extends Error {
  constructor(
    message: string,
    readonly reason: 'timeout' | 'disconnected' | 'aborted',
  ) {
    super(message);
    this.name = 'RequestFailedError';
  }
}

interface Waiter {
  /** Whether a frame without a `tracingId` answers this request. */
  claims(frame: ServerFrame): boolean;
  resolve(frame: ServerFrame): void;
  reject(error: RequestFailedError): void;
}

/** Which untagged frames answer a request: the real service tags only the guest's echoes. */
export type AnswerMatcher = (frame: ServerFrame) => boolean;

const claimsNothing: AnswerMatcher = () => false;

/**
 * One guest's connection to the Guest API: it configures the session on every connect,
 * matches answers to requests, checks liveness with `echo`, and reconnects with backoff
 * until `stop()`. An answer is matched by its `tracingId` where it carries one; the real
 * service leaves it off most answers, so an untagged frame goes to the oldest request that
 * claims it (as the official SDK attributes them: a `JwtResponse` to `getJwt`, an error to
 * the message in flight).
 */
export class GuestApiTransport {
  readonly #options: TransportOptions;
  readonly #listener: TransportListener;
  readonly #waiters = new Map<string, Waiter>();
  #state: ConnectionState = 'idle';
  #socket: WebSocket | undefined;
  #token = '';
  #startNew = false;
  #auth: TransportAuth | undefined;
  /** A guest conversation the visitor has here, to step up to their signed-in one once configured as the guest's. */
  #guestFirst = false;
  /** 401s in a row while configuring: after 3, the sign-in has failed (as the official SDK counts them). */
  #authRefusals = 0;
  #running = false;
  #configured = false;
  #everConnected = false;
  #reportedConnectFailure = false;
  #failedAttempts = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #heartbeatTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: Pick<TransportOptions, 'socketUrl' | 'deploymentId'> & Partial<TransportOptions>, listener: TransportListener) {
    this.#options = { ...defaultTransportTiming, ...options };
    this.#listener = listener;
  }

  get state(): ConnectionState {
    return this.#state;
  }

  get running(): boolean {
    return this.#running;
  }

  /** Connects as `token` and stays connected until `stop()`; calling it again reconnects with the new settings. */
  start(token: string, { startNew = false, auth, guestFirst = false }: { startNew?: boolean; auth?: TransportAuth | undefined; guestFirst?: boolean } = {}): void {
    this.#token = token;
    this.#startNew = startNew;
    this.#auth = auth;
    this.#guestFirst = guestFirst;
    this.#authRefusals = 0;
    if (!this.#running) {
      this.#running = true;
      globalThis.addEventListener?.('online', this.#onOnline);
      globalThis.addEventListener?.('offline', this.#onOffline);
    }
    this.#failedAttempts = 0;
    void this.#dropSocket();
    this.#connect();
  }

  /** Closes the connection for good; resolves once the socket has closed (at most 1 s). */
  stop(): Promise<void> {
    this.#running = false;
    this.#auth?.release?.();
    globalThis.removeEventListener?.('online', this.#onOnline);
    globalThis.removeEventListener?.('offline', this.#onOffline);
    const closed = this.#dropSocket();
    this.#setState('idle');
    return closed;
  }

  /** Sends a request and resolves with the first frame that carries its `tracingId`, or that `claims` recognises. */
  request(
    payload: Record<string, unknown>,
    { timeoutMs = this.#options.requestTimeoutMs, signal, claims = claimsNothing }: { timeoutMs?: number; signal?: AbortSignal; claims?: AnswerMatcher } = {},
  ): Promise<ServerFrame> {
    const socket = this.#socket;
    if (!socket || !this.#configured) {
      return Promise.reject(new RequestFailedError('not connected', 'disconnected'));
    }
    const tracingId = typeof payload.tracingId === 'string' ? payload.tracingId : randomId();
    const answer = this.#await(tracingId, claims, timeoutMs, signal, String(payload.action));
    socket.send(JSON.stringify({ ...payload, token: this.#token, tracingId }));
    return answer;
  }

  /**
   * Resolves with the first untagged frame that `claims` recognises, sending nothing: an
   * outcome that follows something done elsewhere (`UploadSuccessEvent` after the file's
   * HTTP upload). Rejected like a request's answer when the connection is lost.
   */
  watch(claims: AnswerMatcher, { timeoutMs = this.#options.requestTimeoutMs, signal }: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<ServerFrame> {
    if (!this.#socket || !this.#configured) return Promise.reject(new RequestFailedError('not connected', 'disconnected'));
    return this.#await(randomId(), claims, timeoutMs, signal, 'a watched frame');
  }

  #await(key: string, claims: AnswerMatcher, timeoutMs: number, signal: AbortSignal | undefined, what: string): Promise<ServerFrame> {
    return new Promise<ServerFrame>((resolve, reject) => {
      const settle = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.#waiters.delete(key);
      };
      const onAbort = (): void => {
        settle();
        reject(new RequestFailedError('request aborted', 'aborted'));
      };
      const timer = setTimeout(() => {
        settle();
        reject(new RequestFailedError(`no answer to ${what} in ${timeoutMs} ms`, 'timeout'));
      }, timeoutMs);
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiters.set(key, {
        claims,
        resolve: (frame) => (settle(), resolve(frame)),
        reject: (error) => (settle(), reject(error)),
      });
    });
  }

  /** Sends a frame that expects no answer; false when there is no configured connection. */
  notify(payload: Record<string, unknown>): boolean {
    if (!this.#socket || !this.#configured) return false;
    this.#socket.send(JSON.stringify({ ...payload, token: this.#token }));
    return true;
  }

  #connect(): void {
    clearTimeout(this.#retryTimer);
    this.#setState(this.#attemptState());
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.#options.socketUrl);
    } catch (error) {
      this.#reportConnectFailure(`cannot open ${this.#options.socketUrl}: ${String(error)}`);
      return this.#scheduleRetry();
    }
    this.#socket = socket;
    const configureId = randomId();
    // Open and configured in time, or closed and tried again (a sign-in's JWT is had within it too).
    const configureTimer = setTimeout(() => socket.close(4000, 'configureSession timed out'), this.#options.requestTimeoutMs);
    const configure = (jwt: string | undefined) => socket.send(JSON.stringify({ ...this.#configureRequest(jwt), tracingId: configureId }));
    socket.onopen = () => {
      const auth = this.#auth;
      // A guest configures at once, as the official SDK does on open.
      if (!auth) return configure(undefined);
      void this.#jwt().then(
        async (jwt) => {
          // A token that spoke for a signed-in visitor is never a guest's (the service would answer 4017).
          const signedBefore = jwt === undefined && (await auth.signedInBefore().catch(() => false));
          if (socket !== this.#socket || socket.readyState !== WebSocket.OPEN) return;
          if (jwt === undefined && this.#authRefusals > 0) return this.#halt({ code: 'auth-failed', message: 'the service refused the sign-in, and no new one could be had' });
          if (signedBefore) return this.#halt({ code: 'auth-failed', message: 'the sign-in could not be renewed, and this conversation is a signed-in one' });
          configure(jwt);
        },
        // No JWT to be had now (the token calls cannot be reached): tried again, as a connection that failed.
        () => socket === this.#socket && socket.close(4000, 'the sign-in could not be refreshed'),
      );
    };
    socket.onmessage = (event: MessageEvent) => {
      if (socket !== this.#socket) return;
      const parsed = parseServerFrame(event.data);
      if (!parsed.ok) return this.#listener.frameIgnored(parsed.reason);
      if (!this.#configured && answersConfigure(parsed.frame, configureId)) {
        clearTimeout(configureTimer);
        return this.#configuredBy(parsed.frame);
      }
      this.#dispatch(parsed.frame);
    };
    socket.onclose = (event: CloseEvent) => {
      clearTimeout(configureTimer);
      if (socket === this.#socket) this.#lost(event);
    };
  }

  /** The JWT to configure with, once it is known; none when the visitor is not signed in (or it could not be had). */
  async #jwt(): Promise<string | undefined> {
    // A visitor who just signed in, with a guest conversation here: configured as the guest first, then stepped up (`authenticate`).
    if (this.#guestFirst && this.#auth?.guestAllowed && !(await this.#auth.signedInBefore())) return undefined;
    this.#guestFirst = false;
    return this.#auth?.jwt();
  }

  /** `configureSession`, or `configureAuthenticatedSession` with the visitor's messaging JWT. */
  #configureRequest(jwt: string | undefined): Record<string, unknown> {
    return {
      action: jwt ? 'configureAuthenticatedSession' : 'configureSession',
      deploymentId: this.#options.deploymentId,
      token: this.#token,
      // As the official SDK sends it: the visitor is known by the session's own key, in a web session.
      journeyContext: { customer: { id: this.#token, idType: 'cookie' }, customerSession: { id: '', type: 'web' } },
      ...(this.#startNew ? { startNew: true } : {}),
      ...(jwt ? { data: { code: jwt } } : {}),
    };
  }

  /**
   * The visitor signed in (or in again) while connected: the open connection configures the
   * authenticated session (a guest's conversation steps up), as the official SDK does; not
   * connected, the next connection does.
   */
  async authenticate(auth: TransportAuth): Promise<void> {
    this.#auth = auth;
    this.#authRefusals = 0;
    if (!this.#configured) return;
    const jwt = await this.#jwt().catch(() => undefined);
    if (!jwt || !this.#configured) return;
    const request = this.#configureRequest(jwt);
    const answer = await this.request(request, { claims: (frame) => frame.class === 'SessionResponse' || (frame.class === 'string' && frame.code >= 400) }).catch(() => undefined);
    const session = answer?.class === 'SessionResponse' ? readSessionResponse(answer.body) : undefined;
    if (session?.connected) return this.#listener.sessionConfigured(session);
    // Refused, or no answer: a new connection configures it (and refreshes on a 401).
    if (this.#socket) this.#socket.close(4000, 'authenticating again');
  }

  #configuredBy(frame: ServerFrame): void {
    const session = frame.class === 'SessionResponse' ? readSessionResponse(frame.body) : undefined;
    if (session?.connected) {
      this.#authRefusals = 0;
      this.#configured = true;
      this.#everConnected = true;
      this.#failedAttempts = 0;
      this.#startNew = false;
      this.#setState('connected');
      this.#scheduleHeartbeat();
      this.#listener.sessionConfigured(session);
      if (this.#guestFirst && this.#auth) {
        this.#guestFirst = false;
        void this.authenticate(this.#auth);
      }
      return;
    }
    const code = errorCodeOf(frame);
    const text = typeof frame.body === 'string' ? frame.body : frame.class;
    // A lapsed JWT (401): refreshed, and configured again, at most 3 times in a row.
    const auth = this.#auth;
    if (auth && (code ?? frame.code) === 401 && this.#authRefusals < 3) {
      this.#authRefusals += 1;
      const socket = this.#socket;
      void auth.refused().then(() => socket === this.#socket && this.#running && (void this.#dropSocket(), this.#connect()), () => {});
      return;
    }
    // 4006 and 4007 are fatal to the session (not the visitor): the owner starts a new one.
    const failure: TransportFailure =
      // 4017: the token spoke for a signed-in visitor; it is dropped, as the official SDK drops it (the next message starts a new session).
      code === 4006 || code === 4007 || code === 4017
        ? { code: 'session-expired', message: `the session ended (${code}: ${text})` }
        : auth && [401, 403, 4017].includes(code ?? frame.code)
          ? { code: 'auth-failed', message: `the service refused the signed-in session (${code ?? frame.code}: ${text})` }
          : { code: 'session-rejected', message: `the server refused the session (${code ?? frame.code}: ${text})` };
    this.#halt(failure);
  }

  #dispatch(frame: ServerFrame): void {
    const waiter = frame.tracingId === undefined ? this.#claimant(frame) : this.#waiters.get(frame.tracingId);
    waiter?.resolve(frame);
    if (frame.class === 'ConnectionClosedEvent') {
      // The server closes this connection for good (another connection took the slot, or the
      // session was cleared): reconnecting on our own would only evict someone else.
      this.#listener.frameReceived(frame);
      return this.#halt({ code: 'connection-closed', message: 'the server closed this connection' });
    }
    // A late echo reply (its request timed out) is nobody's message.
    if (frame.tracingId === heartbeatTracingId) return;
    if (!waiter || frame.type === 'message') this.#listener.frameReceived(frame);
  }

  /** The oldest request that recognises an untagged frame as its answer. */
  #claimant(frame: ServerFrame): Waiter | undefined {
    for (const waiter of this.#waiters.values()) if (waiter.claims(frame)) return waiter;
    return undefined;
  }

  /** Stops retrying after a verdict from the server; `start()` tries again. */
  #halt(failure: TransportFailure): void {
    this.#running = false;
    void this.#dropSocket();
    this.#setState('offline');
    this.#listener.failed(failure);
  }

  #lost(event: CloseEvent): void {
    const wasConfigured = this.#configured;
    this.#socket = undefined;
    this.#configured = false;
    clearTimeout(this.#heartbeatTimer);
    this.#rejectWaiters();
    if (!this.#running) return;
    if (!wasConfigured) {
      this.#failedAttempts += 1;
      this.#reportConnectFailure(`could not connect to ${this.#options.socketUrl} (close code ${event.code})`);
    }
    this.#scheduleRetry();
  }

  #scheduleRetry(): void {
    this.#setState(this.#attemptState());
    const delay = backoffDelay(this.#failedAttempts, this.#options.backoff);
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => this.#connect(), delay);
  }

  /** Checks the connection now (an `echo`), rather than at the next heartbeat: its answer says when the session expires. */
  checkNow(): void {
    // One echo at a time: they share the heartbeat's fixed tracingId.
    if (this.#configured && !this.#waiters.has(heartbeatTracingId)) this.#scheduleHeartbeat(0);
  }

  #scheduleHeartbeat(delay = this.#options.heartbeatIntervalMs): void {
    clearTimeout(this.#heartbeatTimer);
    this.#heartbeatTimer = setTimeout(() => {
      const socket = this.#socket;
      this.request(
        { action: 'echo', tracingId: heartbeatTracingId, message: { type: 'Text', text: 'ping' } },
        { timeoutMs: this.#options.heartbeatTimeoutMs, claims: (frame) => frame.type === 'response' && frame.class === 'StructuredMessage' },
      ).then(
        (frame) => {
          this.#listener.heartbeat?.(frame);
          this.#scheduleHeartbeat();
        },
        (error: RequestFailedError) => {
          if (error.reason === 'timeout' && socket === this.#socket) socket?.close(4000, 'heartbeat timed out');
        },
      );
    }, delay);
  }

  #attemptState(): ConnectionState {
    const online = globalThis.navigator?.onLine !== false;
    if (!online || this.#failedAttempts >= this.#options.offlineAfterAttempts) return 'offline';
    return this.#everConnected ? 'reconnecting' : 'connecting';
  }

  #reportConnectFailure(message: string): void {
    if (this.#everConnected || this.#reportedConnectFailure) return;
    this.#reportedConnectFailure = true;
    this.#listener.failed({ code: 'connection-failed', message });
  }

  #dropSocket(): Promise<void> {
    clearTimeout(this.#retryTimer);
    clearTimeout(this.#heartbeatTimer);
    const socket = this.#socket;
    this.#socket = undefined;
    this.#configured = false;
    this.#rejectWaiters();
    if (!socket || socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    socket.onopen = socket.onmessage = socket.onclose = null;
    const closed = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 1000);
      socket.addEventListener('close', () => (clearTimeout(timer), resolve()), { once: true });
    });
    socket.close(1000, 'closing');
    return closed;
  }

  #rejectWaiters(): void {
    for (const waiter of [...this.#waiters.values()]) waiter.reject(new RequestFailedError('connection lost', 'disconnected'));
  }

  #setState(state: ConnectionState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.#listener.stateChanged(state);
  }

  readonly #onOnline = (): void => {
    if (this.#running && !this.#configured) {
      this.#failedAttempts = 0;
      void this.#dropSocket();
      this.#connect();
    }
  };

  readonly #onOffline = (): void => {
    if (this.#running && !this.#configured) this.#setState('offline');
  };
}
