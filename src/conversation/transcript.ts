import { messageKey, type ChatMessage } from '../base/chat-message.js';

export type PutResult = 'added' | 'updated' | 'unchanged';

interface Entry {
  message: ChatMessage;
  /** Arrival order, which breaks ties between equal times. */
  sequence: number;
}

/**
 * The conversation's messages, each once, ordered by the server's time. A message is
 * recognised by its server id, or by the client id it was sent with, so that the live echo,
 * a history page and the local copy of the same message merge into one entry.
 */
export class Transcript {
  readonly #entries = new Map<string, Entry>();
  readonly #keyByServerId = new Map<string, string>();
  #sequence = 0;
  /** The entries in display order, kept up to date as messages are added; rebuilt when one moves. */
  #order: Entry[] | undefined = [];
  #sorted: ChatMessage[] | undefined;

  get size(): number {
    return this.#entries.size;
  }

  has(idOrClientId: string): boolean {
    return this.#keyByServerId.has(idOrClientId) || this.#entries.has(idOrClientId);
  }

  get(idOrClientId: string): ChatMessage | undefined {
    return this.#entries.get(this.#keyByServerId.get(idOrClientId) ?? idOrClientId)?.message;
  }

  put(message: ChatMessage): PutResult {
    const key = this.#keyByServerId.get(message.id) ?? (message.clientId && this.#entries.has(message.clientId) ? message.clientId : undefined);
    const existing = key === undefined ? undefined : this.#entries.get(key);
    if (!existing) {
      const newKey = messageKey(message);
      const entry = { message, sequence: this.#sequence++ };
      this.#entries.set(newKey, entry);
      if (message.delivery !== 'sending' && message.delivery !== 'failed') this.#keyByServerId.set(message.id, newKey);
      this.#insertSorted(entry);
      return 'added';
    }
    const merged = mergeMessages(existing.message, message);
    if (sameMessage(existing.message, merged)) return 'unchanged';
    const moved = orderTime(existing.message) !== orderTime(merged);
    existing.message = merged;
    if (merged.delivery !== 'sending' && merged.delivery !== 'failed') this.#keyByServerId.set(merged.id, key!);
    this.#sorted = undefined;
    // Acknowledgement gives a message the server's time: only then must the order be rebuilt.
    if (moved) this.#order = undefined;
    return 'updated';
  }

  /**
   * Keeps the order as messages arrive: almost always after the last one (an append), else
   * by binary search, so that a long conversation does not sort itself for every message.
   */
  #insertSorted(entry: Entry): void {
    const order = this.#order;
    this.#sorted = undefined;
    if (!order) return;
    let low = 0;
    let high = order.length;
    if (high > 0 && compare(order[high - 1]!, entry) <= 0) low = high;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compare(order[middle]!, entry) <= 0) low = middle + 1;
      else high = middle;
    }
    order.splice(low, 0, entry);
  }

  /** Changes a message that has not reached the server yet (found by its client id). */
  updateLocal(clientId: string, change: Partial<Pick<ChatMessage, 'delivery' | 'failure'>>): ChatMessage | undefined {
    const entry = this.#entries.get(clientId);
    if (!entry) return undefined;
    entry.message = { ...entry.message, ...change };
    this.#order = undefined;
    this.#sorted = undefined;
    return entry.message;
  }

  clear(): void {
    this.#entries.clear();
    this.#keyByServerId.clear();
    this.#order = [];
    this.#sorted = undefined;
  }

  /** Every message, oldest first; messages the server has not acknowledged come last, in the order typed. */
  messages(): readonly ChatMessage[] {
    this.#order ??= [...this.#entries.values()].sort(compare);
    this.#sorted ??= this.#order.map((entry) => entry.message);
    return this.#sorted;
  }
}

function compare(a: Entry, b: Entry): number {
  return orderTime(a.message) - orderTime(b.message) || a.sequence - b.sequence;
}

function orderTime(message: ChatMessage): number {
  return message.delivery === 'sending' || message.delivery === 'failed' ? Number.POSITIVE_INFINITY : Date.parse(message.time);
}

/** The server's copy wins for id, time and text; the local copy keeps what only it knows. */
function mergeMessages(local: ChatMessage, incoming: ChatMessage): ChatMessage {
  // A copy still sending (another tab's, heard late) never takes the place of the server's: its id would hide the server's from history.
  if (local.delivery === 'sent' && incoming.delivery === 'sending') return local;
  const acknowledged = incoming.delivery === 'sent' || local.delivery === 'sent' || incoming.author !== 'visitor';
  const merged: ChatMessage = { ...local, ...incoming };
  if (local.clientId !== undefined) Object.assign(merged, { clientId: local.clientId });
  if (acknowledged && merged.author === 'visitor') Object.assign(merged, { delivery: 'sent', failure: undefined });
  return merged;
}

function sameMessage(a: ChatMessage, b: ChatMessage): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof ChatMessage>;
  for (const key of keys) if (a[key] !== b[key]) return false;
  return true;
}
