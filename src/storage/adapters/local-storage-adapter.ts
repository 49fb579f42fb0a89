import { roundTrip, toStorageError, type StorageAdapter } from '../storage-adapter.js';

/** localStorage: per origin, persistent, about 5 MB. Even reading `window.localStorage` can throw. */
export class LocalStorageAdapter implements StorageAdapter {
  readonly name = 'local';
  readonly capabilities = { persistent: true, sharedAcrossSubdomains: false, maxValueBytes: 2_000_000 };

  probe(): Promise<void> {
    return roundTrip(this, 'persistent-chat:probe');
  }

  async get(key: string): Promise<string | undefined> {
    return this.#attempt(() => globalThis.localStorage.getItem(key) ?? undefined);
  }

  async set(key: string, value: string): Promise<void> {
    this.#attempt(() => globalThis.localStorage.setItem(key, value));
  }

  async delete(key: string): Promise<void> {
    this.#attempt(() => globalThis.localStorage.removeItem(key));
  }

  /** Atomic within this page: nothing else runs between the read and the write. */
  async update(key: string, change: (old: string | undefined) => string): Promise<string> {
    return this.#attempt(() => {
      const next = change(globalThis.localStorage.getItem(key) ?? undefined);
      globalThis.localStorage.setItem(key, next);
      return next;
    });
  }

  #attempt<T>(operation: () => T): T {
    try {
      return operation();
    } catch (error) {
      throw toStorageError(error, this.name);
    }
  }
}
