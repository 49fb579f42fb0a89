import type { ConnectionState } from '../transport/connection-state.js';
import type { SessionRecord } from '../storage/session-record.js';
import type { ChatMessage } from '../base/chat-message.js';
import type { DeploymentFeatures } from '../base/deployment-features.js';
import type { OutboxEntry, SendOutcome } from './outbox.js';

/** What the conversation that holds the connection tells the other tabs about it. */
export interface SharedStatus {
  readonly connection: ConnectionState;
  readonly typing: { readonly name: string | undefined } | undefined;
  readonly readOnly: boolean;
  readonly token: string | undefined;
  /** Messages waiting to be sent, so that a tab taking over can send them. */
  readonly pending: readonly OutboxEntry[];
  /** Fingerprint of the attribute set the server last acknowledged. */
  readonly sentAttributes?: string | undefined;
  /** The session's `maxCustomDataBytes`. */
  readonly attributeBudget: number;
  /** The session record (identifiers and flags), so that a tab taking over can keep it. */
  readonly record?: SessionRecord | undefined;
  /** What the deployment's configuration allows. */
  readonly features?: DeploymentFeatures | undefined;
  /** The session expires soon, at this time, unless the visitor writes. */
  readonly expiresAt?: number | undefined;
}

export type PeerEvent =
  | { kind: 'put'; messages: ChatMessage[] }
  | { kind: 'status'; status: SharedStatus }
  | { kind: 'ended'; notice: ChatMessage }
  | { kind: 'settled'; clientId: string; message: ChatMessage }
  | { kind: 'activate'; token: string }
  /** The visitor ended the chat in a tab that does not hold the connection. */
  | { kind: 'end' }
  /** The visitor is typing in a tab that does not hold the connection. */
  | { kind: 'typing' };

/** The other tabs showing the same conversation (see `tabs/`). */
export interface ConversationPeers {
  /** Hands a visitor's message to the tab that holds the connection; resolves with what became of it. */
  relay(entry: OutboxEntry): Promise<SendOutcome>;
  /**
   * Hands a message to the tab that holds the connection at once, ahead of the paced relay,
   * so that it is in that tab's outbox (and stored) even if this tab goes away the next
   * moment. The holder queues each message once, however often it is handed over.
   */
  offer(entry: OutboxEntry): void;
  publish(event: PeerEvent): void;
}

/** What a tab that does not hold the connection knows of the one that does. */
export class OwnerView {
  #status: SharedStatus | undefined;

  get status(): SharedStatus | undefined {
    return this.#status;
  }

  update(status: SharedStatus): void {
    this.#status = status;
  }

  /** Taking over: what the owner left (its pending messages, its token), and forget it. */
  takeOver(): SharedStatus | undefined {
    const last = this.#status;
    this.#status = undefined;
    return last;
  }

  /** The connection as this tab shows it: the owner's, or `connecting` until the owner has said. */
  connection(hasSession: boolean): ConnectionState {
    return this.#status?.connection ?? (hasSession ? 'connecting' : 'idle');
  }
}
