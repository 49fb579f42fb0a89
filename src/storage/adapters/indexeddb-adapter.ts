import { createStore, del, get, set, update, type UseStore } from 'idb-keyval';
import { roundTrip, toStorageError, type StorageAdapter } from '../storage-adapter.js';

const databaseName = 'persistent-chat';

/** The widget's IndexedDB store; opening it creates the database, so it is called on first use only. */
export function widgetStore(): UseStore {
  if (!globalThis.indexedDB) throw new Error('IndexedDB is not available');
  return createStore(databaseName, 'records');
}

/** IndexedDB through idb-keyval, in a database of its own: room for long transcripts. */
export class IndexedDbAdapter implements StorageAdapter {
  readonly name = 'indexeddb';
  readonly capabilities = { persistent: true, sharedAcrossSubdomains: false, maxValueBytes: 50_000_000 };
  #store: UseStore | undefined;

  /** Opening the database creates it, so that waits until the store is first used. */
  get #db(): UseStore {
    this.#store ??= widgetStore();
    return this.#store;
  }

  /** Whether our database exists, found without opening (and so creating) it. */
  static async exists(): Promise<boolean> {
    try {
      const databases = await globalThis.indexedDB?.databases?.();
      return databases?.some((database) => database.name === databaseName) ?? false;
    } catch {
      return false;
    }
  }

  probe(): Promise<void> {
    return roundTrip(this, 'persistent-chat:probe');
  }

  get(key: string): Promise<string | undefined> {
    return this.#attempt(() => get<string>(key, this.#db));
  }

  set(key: string, value: string): Promise<void> {
    return this.#attempt(() => set(key, value, this.#db));
  }

  delete(key: string): Promise<void> {
    return this.#attempt(() => del(key, this.#db));
  }

  /** One readwrite transaction: atomic even across tabs. */
  async update(key: string, change: (old: string | undefined) => string): Promise<string> {
    let next = '';
    await this.#attempt(() =>
      update<string>(key, (old) => (next = change(old)), this.#db),
    );
    return next;
  }

  async #attempt<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw toStorageError(error, this.name);
    }
  }
}
