import type { StorageAdapter } from '../storage-adapter.js';

/** Lives as long as the page: the last resort, and the place for data before consent. */
export class MemoryAdapter implements StorageAdapter {
  readonly name = 'memory';
  readonly capabilities = { persistent: false, sharedAcrossSubdomains: false, maxValueBytes: Number.POSITIVE_INFINITY };
  readonly #values = new Map<string, string>();

  async probe(): Promise<void> {}

  async get(key: string): Promise<string | undefined> {
    return this.#values.get(key);
  }

  async set(key: string, value: string): Promise<void> {
    this.#values.set(key, value);
  }

  async delete(key: string): Promise<void> {
    this.#values.delete(key);
  }

  async update(key: string, change: (old: string | undefined) => string): Promise<string> {
    const next = change(this.#values.get(key));
    this.#values.set(key, next);
    return next;
  }

  entries(): Array<[string, string]> {
    return [...this.#values];
  }
}
