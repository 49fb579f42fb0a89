import { errorText } from '../../base/error-text.js';
import { StorageError, type StorageAdapter } from '../storage-adapter.js';

/** A page's own place for session data: `load()` returns what `save()` was given last. */
export interface SessionHooks {
  load(): Record<string, string> | undefined | null | Promise<Record<string, string> | undefined | null>;
  save(data: Record<string, string>): void | Promise<void>;
}

/**
 * Keeps every key in one object that the page loads and saves, so a site can hold session
 * data in its own database. Whatever the hooks throw is caught and classified.
 */
export class HooksAdapter implements StorageAdapter {
  readonly name = 'hooks';
  readonly capabilities = { persistent: true, sharedAcrossSubdomains: false, maxValueBytes: Number.POSITIVE_INFINITY };
  #data: Promise<Record<string, string>> | undefined;

  constructor(private readonly hooks: SessionHooks) {}

  async probe(): Promise<void> {
    if (typeof this.hooks?.load !== 'function' || typeof this.hooks?.save !== 'function') {
      throw new StorageError('unavailable', this.name, 'sessionHooks needs load() and save(data) functions');
    }
    await this.#loaded();
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.#loaded())[key];
  }

  async set(key: string, value: string): Promise<void> {
    const data = await this.#loaded();
    data[key] = value;
    await this.#save(data);
  }

  async delete(key: string): Promise<void> {
    const data = await this.#loaded();
    if (!(key in data)) return;
    delete data[key];
    await this.#save(data);
  }

  #loaded(): Promise<Record<string, string>> {
    this.#data ??= (async () => {
      try {
        const loaded = await this.hooks.load();
        if (loaded === undefined || loaded === null) return {};
        if (typeof loaded !== 'object' || Object.values(loaded).some((value) => typeof value !== 'string')) {
          throw new Error('load() must return an object of strings, or nothing');
        }
        return { ...loaded };
      } catch (error) {
        this.#data = undefined;
        throw new StorageError('unavailable', this.name, `sessionHooks.load() failed: ${errorText(error)}`);
      }
    })();
    return this.#data;
  }

  async #save(data: Record<string, string>): Promise<void> {
    try {
      await this.hooks.save({ ...data });
    } catch (error) {
      throw new StorageError('unavailable', this.name, `sessionHooks.save() failed: ${errorText(error)}`);
    }
  }
}
