/** Where the ids of accepted hand-offs are kept until they expire: one key for every widget on the origin. */
export const receiptsKey = 'pchat_handoffs';

/**
 * The hand-offs this device accepted, by id, until each expires: a code opened again (reload,
 * back, a tab reopened from the history) is refused. Kept in localStorage where the widget may
 * store anything (consent granted, a persistent store), so that every tab of the origin
 * knows; otherwise in this page's memory only. Each entry is a random id and its expiry,
 * nothing else, and is erased once expired.
 */
export class HandoffReceipts {
  readonly #memory = new Map<string, number>();

  constructor(private readonly persistent: boolean) {}

  has(id: string, now = Date.now()): boolean {
    return (this.#memory.get(id) ?? this.#read(now)[id] ?? 0) > now;
  }

  add(id: string, expiresAt: number, now = Date.now()): void {
    this.#memory.set(id, expiresAt);
    if (!this.persistent) return;
    try {
      localStorage.setItem(receiptsKey, JSON.stringify({ ...this.#read(now), [id]: expiresAt }));
    } catch {
      // Storage refused (quota, disabled): this page still remembers it.
    }
  }

  /** The unexpired receipts in localStorage; expired ones are erased on the way. */
  #read(now: number): Record<string, number> {
    if (!this.persistent) return {};
    try {
      const parsed: unknown = JSON.parse(localStorage.getItem(receiptsKey) ?? '{}');
      const fresh = Object.fromEntries(Object.entries(parsed as Record<string, unknown>).filter((entry): entry is [string, number] => typeof entry[1] === 'number' && entry[1] > now));
      if (Object.keys(fresh).length === 0) localStorage.removeItem(receiptsKey);
      return fresh;
    } catch {
      return {};
    }
  }
}
