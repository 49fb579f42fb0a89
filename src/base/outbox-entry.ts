import type { ChatReply } from './chat-message.js';

/** A visitor message waiting for the server to acknowledge it. */
export interface OutboxEntry {
  readonly clientId: string;
  readonly text: string;
  /** The guest attributes and page context of the tab where it was written, fitted to the budget. */
  readonly attributes?: Readonly<Record<string, string>>;
  /** An answer the visitor chose (a quick reply, a card's button, a slot, list items): sent as a `ButtonResponse`. */
  readonly reply?: ChatReply;
  /**
   * When the visitor wrote it (epoch ms, this browser's clock): after a lost echo, history is
   * searched from this moment for a message that says the same (the server may not keep its id).
   */
  readonly writtenAt?: number;
}

/** What became of one attempt to send an entry. */
export type SendOutcome =
  | { kind: 'acknowledged' }
  | { kind: 'retry-after'; ms: number }
  | { kind: 'rejected'; reason: string }
  | { kind: 'disconnected' };
