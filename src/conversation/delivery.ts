import type { ChatMessage } from '../base/chat-message.js';
import { Outbox, type EntrySender, type OutboxEntry } from './outbox.js';

/**
 * Gets the visitor's messages to the server, each once however often it is asked for, and
 * keeps the promises that `send()` returns until each message is acknowledged or refused.
 */
export class Delivery {
  readonly #outbox: Outbox;
  readonly #waiting = new Map<string, Array<(message: ChatMessage) => void>>();

  constructor(sendOnce: EntrySender, rejected: (entry: OutboxEntry, reason: string) => void, messagesPerSecond: number) {
    this.#outbox = new Outbox(sendOnce, { acknowledged: () => {}, rejected }, { messagesPerSecond });
  }

  get pending(): readonly OutboxEntry[] {
    return this.#outbox.pending;
  }

  /** Queues `entry` (once) and resolves with the message when the server has settled it. */
  send(entry: OutboxEntry): Promise<ChatMessage> {
    const settled = new Promise<ChatMessage>((resolve) => this.#waiting.set(entry.clientId, [...(this.#waiting.get(entry.clientId) ?? []), resolve]));
    this.#outbox.add(entry);
    return settled;
  }

  /** The server acknowledged or refused this message. */
  settled(message: ChatMessage): void {
    if (!message.clientId) return;
    for (const resolve of this.#waiting.get(message.clientId) ?? []) resolve(message);
    this.#waiting.delete(message.clientId);
  }

  /** Entries that waited longer elsewhere (the last owner's queue) go first, in their order; their promises stay where they were. */
  putFirst(entries: readonly OutboxEntry[]): void {
    this.#outbox.putFirst(entries);
  }

  /** Takes an entry back before it is sent (the visitor cancelled it); its promises settle as it then stands. */
  withdraw(clientId: string): OutboxEntry | undefined {
    return this.#outbox.withdraw(clientId);
  }

  resume(): void {
    this.#outbox.resume();
  }

  pause(): void {
    this.#outbox.pause();
  }

  /** Forgets messages the server turns out to have already (found in history after a reconnect). */
  discardDelivered(current: (clientId: string) => ChatMessage | undefined): void {
    const delivered = this.pending.map((entry) => current(entry.clientId)).filter((message) => message?.delivery === 'sent');
    this.#outbox.discard(new Set(delivered.map((message) => message!.clientId!)));
    for (const message of delivered) this.settled(message!);
  }

  /**
   * Hands the open promises over (the conversation is being replaced): each is resolved by
   * its successor with the message's real outcome.
   */
  release(): Map<string, Array<(message: ChatMessage) => void>> {
    this.#outbox.pause();
    const waiting = new Map(this.#waiting);
    this.#waiting.clear();
    return waiting;
  }

  /** Resolves every open promise with the message as it stands (the conversation is going away). */
  abandon(current: (clientId: string) => ChatMessage | undefined): void {
    this.#outbox.pause();
    for (const [clientId, waiting] of this.#waiting) {
      const message = current(clientId);
      if (message) for (const resolve of waiting) resolve(message);
    }
    this.#waiting.clear();
  }
}
