import type { Election, ElectionListener } from './election.js';

interface Lease {
  tabId: string;
  expiresAt: number;
}

const leaseMs = 4000;
const renewMs = 1000;
const settleMs = 60;

/**
 * For browsers or origins without Web Locks: ownership is a lease in localStorage that the
 * owner renews every second. A tab takes an expired lease, then reads it back after a
 * moment, so that of two tabs writing at once only the last one written wins.
 */
export class LeaseElection implements Election {
  #owner = false;
  #competing = false;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly key: string,
    private readonly tabId: string,
    private readonly listener: ElectionListener,
  ) {}

  get owner(): boolean {
    return this.#owner;
  }

  async confirm(): Promise<boolean> {
    return this.#owner && this.#read()?.tabId === this.tabId;
  }

  compete(): void {
    if (this.#competing) return;
    this.#competing = true;
    this.#timer = setInterval(() => void this.#tick(), renewMs);
    globalThis.addEventListener('storage', this.#onStorage);
    void this.#tick();
  }

  steal(): void {
    this.#write({ tabId: this.tabId, expiresAt: Date.now() + leaseMs });
    void this.#tick();
  }

  withdraw(): void {
    this.#competing = false;
    clearInterval(this.#timer);
    globalThis.removeEventListener('storage', this.#onStorage);
    if (this.#read()?.tabId === this.tabId) this.#remove();
    this.#owner = false;
  }

  dispose(): void {
    this.withdraw();
  }

  async #tick(): Promise<void> {
    if (!this.#competing) return;
    const lease = this.#read();
    const now = Date.now();
    if (lease?.tabId === this.tabId) {
      this.#write({ tabId: this.tabId, expiresAt: now + leaseMs });
      return this.#become(true);
    }
    if (lease && lease.expiresAt > now) return this.#become(false);
    // Without storage no tab can see another: each one owns its own connection.
    if (!this.#write({ tabId: this.tabId, expiresAt: now + leaseMs })) return this.#become(true);
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    this.#become(this.#competing && this.#read()?.tabId === this.tabId);
  }

  #become(owner: boolean): void {
    if (owner === this.#owner) return;
    this.#owner = owner;
    if (owner) this.listener.won();
    else this.listener.lost();
  }

  readonly #onStorage = (event: StorageEvent): void => {
    if (event.key === this.key) void this.#tick();
  };

  #read(): Lease | undefined {
    try {
      const value: unknown = JSON.parse(localStorage.getItem(this.key) ?? 'null');
      if (typeof value === 'object' && value !== null && typeof (value as Lease).tabId === 'string' && typeof (value as Lease).expiresAt === 'number') {
        return value as Lease;
      }
    } catch {
      // Unreadable or unavailable storage: treated as no lease.
    }
    return undefined;
  }

  #write(lease: Lease): boolean {
    try {
      localStorage.setItem(this.key, JSON.stringify(lease));
      return true;
    } catch {
      return false;
    }
  }

  #remove(): void {
    try {
      localStorage.removeItem(this.key);
    } catch {
      // Nothing to clean up.
    }
  }
}
