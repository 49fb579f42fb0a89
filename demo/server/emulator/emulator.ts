import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { appendFileSync } from 'node:fs';
import { AttachmentStore } from './attachments.js';
import { SchemaCheck, type SchemaViolation } from './schema-check.js';
import { defaultDeploymentSettings, Deployments, type DeploymentSettings } from './deployments.js';
import { defaultEmulatorOptions, type EmulatorOptions } from './emulator-options.js';
import { GuestConnection, type SessionDirectory } from './guest-connection.js';
import { GuestSession, type StoredMessage } from './guest-session.js';
import { FaultInjector } from './faults.js';
import { JwtSigner } from './jwt.js';
import type { IdentityVerifier, VerifiedIdentity } from './identity.js';
import { SignIns } from './sign-ins.js';
import type { AuthApiHost } from './auth-api.js';
import { push, type ServerFrame } from './server-frames.js';
import { storedAttachmentIds, toWireMessage } from './wire-message.js';
import type { SessionView } from './admin-types.js';
import { sessionView } from './session-views.js';
import { Uploads, type UploadHost } from './uploads.js';
import type { UploadApiHost } from './upload-api.js';
import { mediaTypeOf } from './upload-rules.js';

export type { SessionView } from './admin-types.js';

/** A local Genesys Cloud Web Messaging deployment: the Guest API over WebSocket, plus an agent's controls. */
export class Emulator implements SessionDirectory, UploadHost, UploadApiHost, AuthApiHost {
  readonly options: EmulatorOptions;
  readonly jwt = new JwtSigner();
  /** Visitors' sign-ins: refresh tokens and revocation. */
  readonly signIns = new SignIns();
  /** The site's identity provider that authenticated deployments redeem codes with (set by the server). */
  identities: IdentityVerifier | undefined;
  readonly faults = new FaultInjector();
  readonly deployments = new Deployments(defaultDeploymentSettings);
  readonly files: AttachmentStore;
  /** The visitor's uploads: grants, the PUT's outcome, the files a message may name. */
  readonly uploads: Uploads;
  readonly #schema = new SchemaCheck();
  /** Frames, either way, that the official schema refuses (`GET /emulator/schema-violations`). */
  readonly schemaViolations: SchemaViolation[] = [];
  /** Where the emulator is reached from a browser (set by the server once it listens): download addresses start with it. */
  publicOrigin = 'http://localhost';
  readonly #sessions = new Map<string, GuestSession>();
  readonly #byToken = new Map<string, GuestSession>();
  /** Each signed-in visitor's session, by deployment and `sub`. */
  readonly #byIdentity = new Map<string, GuestSession>();
  /** Tokens that spoke for a signed-in visitor: never a guest's again (4017). */
  readonly #authenticatedTokens = new Set<string>();
  readonly #sockets = new Set<WebSocket>();
  readonly #connections = new WeakMap<WebSocket, GuestConnection>();
  readonly #listeners = new Set<() => void>();
  readonly #wss = new WebSocketServer({ noServer: true, maxPayload: 256 * 1024 });
  /** Until when new connections are refused: for every deployment (key `*`) or one. */
  readonly #refuseUntil = new Map<string, number>();

  readonly #expirySweep: ReturnType<typeof setInterval>;

  constructor(options: Partial<EmulatorOptions> = {}) {
    this.options = { ...defaultEmulatorOptions, ...options };
    this.files = new AttachmentStore(this.options.maxStoredFileBytes);
    this.uploads = new Uploads(this);
    // Sessions whose time ran out are told so, as Genesys does, instead of waiting for a reconnect.
    this.#expirySweep = setInterval(() => this.#expireOverdue(), 1000);
    this.#expirySweep.unref();
  }

  #expireOverdue(): void {
    for (const session of this.#sessions.values()) {
      if (!session.expired && session.isExpired()) this.expire(session);
    }
  }

  /** Takes over an HTTP upgrade on `/v1?deploymentId=…`, refusing bad origins with 403 as Genesys does. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://emulator');
    const deploymentId = url.searchParams.get('deploymentId');
    if (url.pathname !== '/v1' || !deploymentId) return refuseUpgrade(socket, 400, 'Bad Request');
    if (!this.isAllowedOrigin(request.headers.origin)) return refuseUpgrade(socket, 403, 'Forbidden');
    const refusedUntil = Math.max(this.#refuseUntil.get('*') ?? 0, this.#refuseUntil.get(deploymentId) ?? 0);
    if (Date.now() < refusedUntil) return refuseUpgrade(socket, 503, 'Service Unavailable');
    this.#wss.handleUpgrade(request, socket, head, (ws) => {
      this.#sockets.add(ws);
      ws.on('close', () => this.#sockets.delete(ws));
      this.#connections.set(ws, new GuestConnection(ws, this, deploymentId));
    });
  }

  isAllowedOrigin(origin: string | undefined): boolean {
    const allowed = this.options.allowedOrigins;
    return allowed === 'any' || (origin !== undefined && allowed.includes(origin));
  }

  findByToken(token: string): GuestSession | undefined {
    return this.#byToken.get(token);
  }

  findById(id: string): GuestSession | undefined {
    return this.#sessions.get(id);
  }

  /** A message of any session, by its id (what the Conversations API's message details look up). */
  findMessage(messageId: string): { session: GuestSession; message: StoredMessage } | undefined {
    for (const session of this.#sessions.values()) {
      const message = session.messages.find((each) => each.id === messageId);
      if (message) return { session, message };
    }
    return undefined;
  }

  create(token: string, deploymentId: string, durationSeconds: number): GuestSession {
    const session = new GuestSession(token, deploymentId, this.options, durationSeconds);
    this.#sessions.set(session.id, session);
    this.#byToken.set(token, session);
    return session;
  }

  retire(session: GuestSession): void {
    for (const token of session.tokens) if (this.#byToken.get(token) === session) this.#byToken.delete(token);
    const identityKey = session.identity && `${session.deploymentId}\n${session.identity.sub}`;
    if (identityKey && this.#byIdentity.get(identityKey) === session) this.#byIdentity.delete(identityKey);
    if (!session.expired && !session.closedByGuest) {
      this.#sessions.delete(session.id);
      this.files.forgetSession(session.id);
      this.uploads.forgetSession(session.id);
    }
    this.changed();
  }

  identitySession(deploymentId: string, sub: string): GuestSession | undefined {
    return this.#byIdentity.get(`${deploymentId}\n${sub}`);
  }

  bindIdentity(session: GuestSession, identity: VerifiedIdentity, token: string): void {
    session.identity = identity;
    session.tokens.add(token);
    this.#byToken.set(token, session);
    this.#byIdentity.set(`${session.deploymentId}\n${identity.sub}`, session);
    this.#authenticatedTokens.add(token);
    this.changed();
  }

  isAuthenticatedToken(token: string): boolean {
    return this.#authenticatedTokens.has(token);
  }

  clearSession(session: GuestSession): void {
    session.closeAll(1000, 'session cleared', push('SessionClearedEvent', {}));
    session.closedByGuest = true;
    this.retire(session);
  }

  deploymentSettings(deploymentId: string): DeploymentSettings {
    return this.deployments.settings(deploymentId);
  }

  /**
   * The visitor logged out (on any device): every connection of their session hears
   * `LogoutEvent` and is closed; no device token restores it any more. The conversation stays
   * theirs: signing in again joins it.
   */
  loggedOut(sub: string, deploymentId: string): void {
    const session = this.identitySession(deploymentId, sub);
    if (!session) return;
    session.closeAll(1000, 'logged out', push('LogoutEvent', {}));
    for (const token of session.tokens) if (this.#byToken.get(token) === session) this.#byToken.delete(token);
    session.tokens.clear();
    this.changed();
  }

  deliver(socket: WebSocket, frame: ServerFrame): void {
    const connection = this.#connections.get(socket);
    const deploymentId = connection?.session?.deploymentId ?? connection?.deploymentId;
    this.#violation('server', frame.class, this.#schema.serverFrame(frame), frame, deploymentId);
    this.faults.send(socket, frame, deploymentId);
  }

  checkRequest(request: unknown, deploymentId: string): void {
    const action = typeof request === 'object' && request !== null ? String((request as { action?: unknown }).action) : 'none';
    this.#violation('request', action, this.#schema.request(request), request, deploymentId);
  }

  /**
   * Keeps a violation, says it on the console, and (for the test suite, which fails on any)
   * appends it to the file named by EMULATOR_SCHEMA_REPORT.
   */
  #violation(direction: SchemaViolation['direction'], kind: string, errors: string[], frame: unknown, deploymentId: string | undefined): void {
    if (errors.length === 0) return;
    const violation: SchemaViolation = { direction, deploymentId, kind, errors, frame: JSON.stringify(frame).slice(0, 2000) };
    this.schemaViolations.push(violation);
    if (this.schemaViolations.length > 1000) this.schemaViolations.shift();
    console.warn(`emulator: a ${direction} frame (${kind}) does not match the Guest API schema: ${errors.join('; ')}`);
    const report = process.env.EMULATOR_SCHEMA_REPORT;
    if (report) appendFileSync(report, `${JSON.stringify(violation)}\n`);
  }

  forcedRateLimit(): boolean {
    return this.faults.takeForcedRateLimit();
  }

  dropBeforeEcho(): boolean {
    return this.faults.takeDropBeforeEcho();
  }

  /** Closes every live socket with a closing handshake and this code. */
  closeConnections(code: number, reason: string): number {
    const count = this.#sockets.size;
    for (const socket of this.#sockets) socket.close(code, reason);
    return count;
  }

  /** Sends raw text (malformed frames, say) to every connection of a session. */
  sendRaw(session: GuestSession, frames: readonly string[]): number {
    let sent = 0;
    for (const socket of this.#sockets) {
      if (!this.#socketsOf(session).has(socket)) continue;
      for (const frame of frames) this.faults.send(socket, frame);
      sent += 1;
    }
    return sent;
  }

  /** Calls `listener` whenever any session changes; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  changed(): void {
    for (const listener of this.#listeners) listener();
  }

  sessions(): SessionView[] {
    return [...this.#sessions.values()].map((session) => {
      const seconds = this.deployments.settings(session.deploymentId).attachmentUrlSeconds;
      return sessionView(session, { files: this.files.ofSession(session.id), presign: (id) => this.files.presign(this.publicOrigin, id, seconds) });
    });
  }

  agentSays(
    session: GuestSession,
    text: string,
    {
      nickname = this.options.agentNickname,
      image,
      quickReplies = [],
      content = [],
    }: { nickname?: string; image?: string; quickReplies?: Array<{ text: string; payload: string }>; content?: unknown[] } = {},
  ): StoredMessage {
    const items = [...content, ...quickReplies.map((reply) => ({ contentType: 'QuickReply', quickReply: { ...reply, action: 'Message' } }))];
    // The files it carries are this session's from now on (refreshable by its guest alone).
    for (const id of storedAttachmentIds(items)) this.files.adopt(id, { sessionId: session.id, deploymentId: session.deploymentId, from: 'agent' });
    // Files alone travel as a Text message, as the service's live fixture shows (§3.11); other content as Structured.
    const filesOnly = items.every((item) => (item as { contentType?: unknown }).contentType === 'Attachment');
    const stored = session.record({
      direction: 'Outbound',
      type: items.length > 0 && !filesOnly ? 'Structured' : 'Text',
      text,
      originatingEntity: 'Human',
      from: image ? { nickname, image } : { nickname },
      ...(items.length > 0 ? { content: items } : {}),
    });
    session.broadcast(push('StructuredMessage', this.wire(stored)));
    this.changed();
    return stored;
  }

  /** A stored message as frames and history carry it, with fresh download addresses for its files. */
  wire(message: StoredMessage, { clientMetadata = false }: { clientMetadata?: boolean } = {}): Record<string, unknown> {
    const seconds = this.deployments.settings(message.deploymentId ?? '').attachmentUrlSeconds;
    return toWireMessage(message, { clientMetadata, presign: (id) => this.files.presign(this.publicOrigin, id, seconds) });
  }

  /** An agent sends the visitor a file (the console's "Attach file"), with optional text, as one message. */
  agentSendsFile(session: GuestSession, file: { name: string; mime: string; bytes: Buffer }, text = '', nickname?: string): { message: StoredMessage; attachmentId: string } {
    const stored = this.files.put(file.name, file.mime, file.bytes);
    const attachment = { id: stored.id, url: `attachment:${stored.id}`, filename: stored.name, mediaType: mediaTypeOf(stored.mime), mime: stored.mime, fileSize: stored.bytes.length };
    const message = this.agentSays(session, text, { content: [{ contentType: 'Attachment', attachment }], ...(nickname ? { nickname } : {}) });
    return { message, attachmentId: stored.id };
  }

  /**
   * A fresh download address for a file of this session: one an agent sent it, or one its
   * visitor uploaded (sent or not). Another session's file, or one refused, is not found.
   */
  downloadUrl(session: GuestSession, attachmentId: string): { url: string; name: string; mime: string; size: number } | undefined {
    const file = this.files.get(attachmentId);
    if (!file || file.owner?.sessionId !== session.id || file.state === 'failed') return undefined;
    const seconds = this.deployments.settings(session.deploymentId).attachmentUrlSeconds;
    return { url: this.files.presign(this.publicOrigin, file.id, seconds), name: file.name, mime: file.mime, size: file.bytes.length };
  }

  agentTyping(session: GuestSession): void {
    session.broadcast(push('StructuredMessage', this.#outboundEvent({ eventType: 'Typing', typing: { type: 'On', duration: 5000 } })));
  }

  /** The agent ends the interaction; in ReadOnly mode the guest must start anew to write again. */
  agentDisconnects(session: GuestSession, readOnly: boolean): void {
    session.readOnly = readOnly;
    const event = { eventType: 'Presence', presence: { type: 'Disconnect' } };
    const stored = session.record({
      direction: 'Outbound',
      type: 'Event',
      text: '',
      events: [event],
      ...(readOnly ? { metadata: { readOnly: 'true' } } : {}),
    });
    session.broadcast(push('StructuredMessage', this.wire(stored)));
    this.changed();
  }

  expire(session: GuestSession): void {
    session.expired = true;
    session.closeAll(1000, 'session expired', push('SessionExpiredEvent', {}));
    this.retire(session);
  }

  /** Drops every live socket without a word, as a network failure would. */
  dropConnections(): number {
    const count = this.#sockets.size;
    for (const socket of this.#sockets) socket.terminate();
    return count;
  }

  /** Refuses new connections for `ms` milliseconds, as an outage would: all, or one deployment's. */
  refuseConnections(ms: number, deploymentId = '*'): void {
    this.#refuseUntil.set(deploymentId, Date.now() + ms);
  }

  /** After Presence `Join` on an autostarted session: the deployment's bot greets, as a bot flow would. */
  autoStarted(session: GuestSession): void {
    const { autoStart, autoStartGreeting } = this.deployments.settings(session.deploymentId);
    if (!autoStart || autoStartGreeting === '') return;
    const greet = setTimeout(() => {
      if (session.isExpired() || session.closedByGuest) return;
      const stored = session.record({ direction: 'Outbound', type: 'Text', text: autoStartGreeting, originatingEntity: 'Bot', from: { nickname: 'Fernhill assistant' } });
      session.broadcast(push('StructuredMessage', this.wire(stored)));
      this.changed();
    }, 200);
    greet.unref();
  }

  #socketsOf(session: GuestSession): Set<WebSocket> {
    return new Set([...this.#sockets].filter((socket) => this.#connections.get(socket)?.session === session));
  }

  reset(): void {
    this.faults.reset();
    this.deployments.reset();
    this.files.reset();
    this.uploads.reset();
    this.#refuseUntil.clear();
    this.dropConnections();
    this.#sessions.clear();
    this.#byToken.clear();
    this.#byIdentity.clear();
    this.#authenticatedTokens.clear();
    this.signIns.reset();
    this.changed();
  }

  close(): void {
    clearInterval(this.#expirySweep);
    this.dropConnections();
    this.#wss.close();
    this.#listeners.clear();
  }

  #outboundEvent(event: object): Record<string, unknown> {
    return {
      id: crypto.randomUUID(),
      type: 'Event',
      direction: 'Outbound',
      channel: { time: new Date().toISOString() },
      events: [event],
    };
  }
}

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
