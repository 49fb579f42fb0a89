import { randomUUID } from 'node:crypto';
import type { EmulatorOptions } from './emulator-options.js';
import type { VerifiedIdentity } from './identity.js';
import { push, type ServerFrame } from './server-frames.js';

/** One side of a live connection, as a session sees it. */
export interface GuestLink {
  /** Open, not closing: a socket whose closing handshake has begun (either side) carries nothing more. */
  readonly live: boolean;
  send(frame: ServerFrame): void;
  close(code: number, reason: string): void;
  /** Cuts the connection without a closing handshake, as a network failure would. */
  drop(): void;
}

export interface StoredMessage {
  id: string;
  /** The deployment of the session it belongs to (download addresses follow its settings). */
  deploymentId?: string;
  direction: 'Inbound' | 'Outbound';
  type: 'Text' | 'Structured' | 'Event';
  text: string;
  time: string;
  originatingEntity?: 'Human' | 'Bot';
  from?: { nickname: string; image?: string; firstName?: string; lastName?: string };
  /** Server metadata (a Disconnect's `readOnly`), always on the wire. */
  metadata?: Record<string, string>;
  /** The guest's own `message.metadata`: in its live echo, not in history (the real service keeps it there unconfirmed). */
  clientMetadata?: Record<string, string>;
  content?: unknown[];
  events?: unknown[];
}

/**
 * A guest session, keyed by the guest's token; the `id` shown to agents is a separate opaque
 * value. A signed-in visitor's session belongs to their identity: each device's token joins it.
 */
export class GuestSession {
  readonly id = randomUUID();
  /** The tokens that restore this session: the guest's, or one per device of a signed-in visitor. */
  readonly tokens = new Set<string>();
  /** Who the identity provider says the visitor is (authenticated sessions only). */
  identity: VerifiedIdentity | undefined;
  readonly messages: StoredMessage[] = [];
  readonly customAttributes: Record<string, string> = {};
  /** Set by the site's backend through the platform API (`PATCH …/participants/{id}/attributes`). */
  readonly participantAttributes: Record<string, string> = {};
  /** The customer participant's id on the conversation, as the platform API names it. */
  readonly customerParticipantId = randomUUID();
  readonly #links: GuestLink[] = [];
  readonly #recentSends: number[] = [];
  #lastTime = 0;
  maxConcurrentConnections = 0;
  /** How many messages carried custom attributes: a client should send them only when they change. */
  attributeUpdates = 0;
  readOnly = false;
  expired = false;
  /** The guest left with `closeSession`: the conversation is over for the agent. */
  closedByGuest = false;
  /** Messages refused as over the rate. */
  rateLimited = 0;
  /** When the guest last sent a Typing event, and how many it sent. */
  visitorTypingAt: number | undefined;
  typingEvents = 0;
  expiresAt: number;

  constructor(
    readonly token: string,
    readonly deploymentId: string,
    private readonly options: EmulatorOptions,
    /** The deployment's session lifetime after the last message. */
    readonly durationSeconds: number,
  ) {
    this.expiresAt = Date.now() + durationSeconds * 1000;
    this.tokens.add(token);
  }

  get connectionCount(): number {
    return this.#links.length;
  }

  /** Adds a connection, evicting the oldest with `ConnectionClosedEvent` past the cap. */
  attach(link: GuestLink): void {
    if (this.#links.includes(link)) return;
    this.#links.push(link);
    while (this.#links.length > this.options.maxConnectionsPerSession) {
      const oldest = this.#links.shift()!;
      oldest.send(push('ConnectionClosedEvent', {}));
      oldest.close(1000, 'session connection limit reached');
    }
    // Counted among live sockets: one a leaving page has started to close (its close frame is
    // here, the TCP connection not yet gone) is no longer a connection the session speaks on.
    this.maxConcurrentConnections = Math.max(this.maxConcurrentConnections, this.#links.filter((each) => each.live).length);
  }

  detach(link: GuestLink): void {
    const index = this.#links.indexOf(link);
    if (index >= 0) this.#links.splice(index, 1);
  }

  broadcast(frame: ServerFrame): void {
    for (const link of [...this.#links]) link.send(frame);
  }

  /** Closes every connection, telling each one first with `frame` when given. */
  closeAll(code: number, reason: string, frame?: ServerFrame): void {
    for (const link of this.#links.splice(0)) {
      if (frame) link.send(frame);
      link.close(code, reason);
    }
  }

  dropAll(): number {
    const links = this.#links.splice(0);
    for (const link of links) link.drop();
    return links.length;
  }

  closeOthers(keep: GuestLink, body: Record<string, string> = {}): void {
    for (const link of this.#links.filter((each) => each !== keep)) {
      this.detach(link);
      link.send(push('ConnectionClosedEvent', body));
      link.close(1000, 'closed by another connection');
    }
  }

  /**
   * Sliding one-second window, counted strictly (a message exactly 1000 ms after another is
   * still in its second): returns seconds to wait when over the limit, else 0.
   */
  takeSendSlot(now = Date.now()): number {
    while (this.#recentSends.length > 0 && now - this.#recentSends[0]! > 1000) this.#recentSends.shift();
    if (this.#recentSends.length >= this.options.messagesPerSecond) {
      this.rateLimited += 1;
      return Math.max(1, Math.ceil((this.#recentSends[0]! + 1000 - now) / 1000));
    }
    this.#recentSends.push(now);
    return 0;
  }

  record(message: Omit<StoredMessage, 'id' | 'time'>): StoredMessage {
    // Each message of a session gets a later time than the one before, even within a
    // millisecond: clients order by channel.time, as the Guest API does not promise order.
    this.#lastTime = Math.max(Date.now(), this.#lastTime + 1);
    const stored: StoredMessage = { id: randomUUID(), time: new Date(this.#lastTime).toISOString(), deploymentId: this.deploymentId, ...message };
    this.messages.push(stored);
    this.touch();
    return stored;
  }

  /** A message extends the session's life, as Genesys counts it from the last message. */
  touch(): void {
    this.expiresAt = Date.now() + this.durationSeconds * 1000;
  }

  get expirationEpochSeconds(): number {
    return Math.floor(this.expiresAt / 1000);
  }

  isExpired(now = Date.now()): boolean {
    return this.expired || now >= this.expiresAt;
  }
}

/** UTF-8 bytes of every key and value, which is how the Guest API counts `maxCustomDataBytes`. */
export function customAttributeBytes(attributes: Record<string, string>): number {
  let bytes = 0;
  for (const [key, value] of Object.entries(attributes)) {
    bytes += Buffer.byteLength(key, 'utf8') + Buffer.byteLength(value, 'utf8');
  }
  return bytes;
}
