import { LazyChunk } from '../../base/lazy-chunk.js';
import type { AdapterCapabilities, AdapterName, StorageAdapter } from '../storage-adapter.js';

/**
 * A store whose code only some sites need (`storage="hooks"`): it is fetched, as a chunk of
 * its own, on the store's first use. A fetch that fails fails that use, as a broken store
 * would, and the chain falls back.
 */
export class LazyAdapter implements StorageAdapter {
  readonly #adapter: LazyChunk<StorageAdapter>;

  constructor(
    readonly name: AdapterName,
    readonly capabilities: AdapterCapabilities,
    load: () => Promise<StorageAdapter>,
  ) {
    this.#adapter = new LazyChunk(load);
  }

  async probe(): Promise<void> {
    return (await this.#adapter.load()).probe();
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.#adapter.load()).get(key);
  }

  async set(key: string, value: string): Promise<void> {
    return (await this.#adapter.load()).set(key, value);
  }

  async delete(key: string): Promise<void> {
    return (await this.#adapter.load()).delete(key);
  }
}

/** The page's `sessionHooks` as a store, its code fetched when first used. */
export function hooksAdapter(hooks: import('./hooks-adapter.js').SessionHooks): StorageAdapter {
  return new LazyAdapter('hooks', { persistent: true, sharedAcrossSubdomains: false, maxValueBytes: Number.POSITIVE_INFINITY }, async () => {
    const { HooksAdapter } = await import('./hooks-adapter.js');
    return new HooksAdapter(hooks);
  });
}
