import { toStorageError, withTimeout, type StorageAdapter, type StorageError } from './storage-adapter.js';

export interface ChainListener {
  /** An adapter failed (its probe, or a write) and the chain moved on to the next. */
  fellBack(from: StorageAdapter, to: StorageAdapter, error: StorageError): void;
}

/**
 * An ordered list of stores, best first, ending in one that cannot fail. The first use
 * probes them in order, each within a time limit; a write that fails later moves the
 * chain on to the next store and writes there, so that nothing is lost.
 */
export class StorageChain {
  readonly #adapters: readonly StorageAdapter[];
  readonly #broken = new Set<StorageAdapter>();
  #chosen: Promise<StorageAdapter> | undefined;

  constructor(
    adapters: readonly StorageAdapter[],
    private readonly probeTimeoutMs: number,
    private readonly listener: ChainListener,
  ) {
    if (adapters.length === 0) throw new Error('a storage chain needs at least one adapter');
    this.#adapters = adapters;
  }

  /** The store in use, probing on first call. */
  current(): Promise<StorageAdapter> {
    this.#chosen ??= this.#choose();
    return this.#chosen;
  }

  async get(key: string): Promise<string | undefined> {
    return this.#withFallback((adapter) => withTimeout(adapter.get(key), this.probeTimeoutMs, adapter.name));
  }

  async set(key: string, value: string): Promise<void> {
    await this.#withFallback((adapter) => withTimeout(adapter.set(key, value), this.probeTimeoutMs, adapter.name));
  }

  /** Deletes from every store of the chain, whichever holds the key. */
  async deleteEverywhere(key: string): Promise<void> {
    await Promise.all(this.#adapters.map((adapter) => withTimeout(adapter.delete(key), this.probeTimeoutMs, adapter.name).catch(() => {})));
  }

  async #withFallback<T>(operation: (adapter: StorageAdapter) => Promise<T>): Promise<T> {
    for (;;) {
      const adapter = await this.current();
      try {
        return await operation(adapter);
      } catch (error) {
        this.#markBroken(adapter, toStorageError(error, adapter.name));
      }
    }
  }

  async #choose(): Promise<StorageAdapter> {
    for (const adapter of this.#usable()) {
      if (adapter === this.#last) return adapter;
      try {
        await withTimeout(adapter.probe(), this.probeTimeoutMs, adapter.name);
        return adapter;
      } catch (error) {
        this.#markBroken(adapter, toStorageError(error, adapter.name), false);
      }
    }
    return this.#last;
  }

  #markBroken(adapter: StorageAdapter, error: StorageError, rechoose = true): void {
    if (adapter === this.#last) throw error;
    this.#broken.add(adapter);
    const next = this.#usable()[0] ?? this.#last;
    this.listener.fellBack(adapter, next, error);
    if (rechoose) this.#chosen = this.#choose();
  }

  #usable(): StorageAdapter[] {
    return this.#adapters.filter((adapter) => !this.#broken.has(adapter));
  }

  get #last(): StorageAdapter {
    return this.#adapters.at(-1)!;
  }
}
