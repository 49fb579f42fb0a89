import type { OutboxEntry, SendOutcome } from '../base/outbox-entry.js';

export type { OutboxEntry, SendOutcome } from '../base/outbox-entry.js';

/** How much slower than the documented rate the outbox sends: 30 %, so 2 per second leave 650 ms apart. */
export const pacingMargin = 1.3;

export type EntrySender = (entry: OutboxEntry) => Promise<SendOutcome>;

export interface OutboxListener {
  acknowledged(entry: OutboxEntry): void;
  rejected(entry: OutboxEntry, reason: string): void;
}

/**
 * Sends queued messages one at a time, in order, no faster than the server allows.
 * Only one message is ever in flight, so a rate-limit answer or a dropped connection
 * can never reorder the conversation; an entry leaves the queue only when the server
 * has acknowledged or refused it.
 */
export class Outbox {
  readonly #queue: OutboxEntry[] = [];
  readonly #minIntervalMs: number;
  #lastSentAt = Number.NEGATIVE_INFINITY;
  #online = false;
  #pumping = false;
  /** Counts `resume()` calls: a resume while a send is in flight must not be undone by its answer. */
  #resumed = 0;

  constructor(
    private readonly sender: EntrySender,
    private readonly listener: OutboxListener,
    { messagesPerSecond = 2 }: { messagesPerSecond?: number } = {},
  ) {
    // A margin under the documented rate: timers and the network are not exact, and the
    // server counts a sliding second (three messages 500 ms apart can land within 999 ms).
    this.#minIntervalMs = (1000 / messagesPerSecond) * pacingMargin;
  }

  get pending(): readonly OutboxEntry[] {
    return this.#queue;
  }

  add(entry: OutboxEntry): void {
    if (this.#queue.some((each) => each.clientId === entry.clientId)) return;
    this.#queue.push(entry);
    void this.#pump();
  }

  /** Puts `entries` ahead of the queue, in their order (those already queued move up). */
  putFirst(entries: readonly OutboxEntry[]): void {
    const moved = new Set(entries.map((entry) => entry.clientId));
    this.#queue.splice(0, this.#queue.length, ...entries, ...this.#queue.filter((entry) => !moved.has(entry.clientId)));
    void this.#pump();
  }

  /** Drops entries the server turns out to have already (found in history after a reconnect). */
  discard(clientIds: ReadonlySet<string>): OutboxEntry[] {
    const dropped = this.#queue.filter((entry) => clientIds.has(entry.clientId));
    for (const entry of dropped) this.#queue.splice(this.#queue.indexOf(entry), 1);
    return dropped;
  }

  /** Takes an entry back (the visitor cancelled it); one being sent is not sent on (`#pump` sees it gone). */
  withdraw(clientId: string): OutboxEntry | undefined {
    return this.discard(new Set([clientId]))[0];
  }

  /** The connection is ready: send what waits. */
  resume(): void {
    this.#online = true;
    this.#resumed += 1;
    void this.#pump();
  }

  /** The connection is gone: keep everything, send nothing. */
  pause(): void {
    this.#online = false;
  }

  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (this.#online && this.#queue.length > 0) {
        await this.#sleep(this.#lastSentAt + this.#minIntervalMs - Date.now());
        // Taken back or found delivered while waiting its turn: nothing may be left to send.
        const entry = this.#queue[0];
        if (!this.#online || !entry) break;
        this.#lastSentAt = Date.now();
        const resumedBefore = this.#resumed;
        const outcome = await this.sender(entry);
        if (this.#queue[0] !== entry) continue;
        if (outcome.kind === 'acknowledged') {
          this.#queue.shift();
          this.listener.acknowledged(entry);
        } else if (outcome.kind === 'rejected') {
          this.#queue.shift();
          this.listener.rejected(entry, outcome.reason);
        } else if (outcome.kind === 'retry-after') {
          await this.#sleep(outcome.ms);
        } else if (this.#resumed === resumedBefore) {
          // Offline until resumed; had the connection come back while this send was out, try again now.
          this.#online = false;
        }
      }
    } finally {
      this.#pumping = false;
    }
  }

  #sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => setTimeout(resolve, ms));
  }
}
