import { errorText } from '../base/error-text.js';
import { HubError, type HubClient } from './hub-client.js';
import { maxHubValueLength } from './hub-protocol.js';
import { roundTrip, StorageError, type StorageAdapter } from '../storage/storage-adapter.js';

/**
 * The storage hub as a store: a cookie and localStorage on the hub's own domain, reached
 * through its iframe. Usable only where the browser gives the hub the same storage on every
 * site (third-party storage allowed, or the hub on the page's own site).
 */
export class IframeAdapter implements StorageAdapter {
  readonly name = 'iframe';
  readonly capabilities = { persistent: false, sharedAcrossSubdomains: true, maxValueBytes: maxHubValueLength };

  /** `days`: how long the hub keeps what it is given; without, until the browser session ends. */
  constructor(
    private readonly hub: HubClient,
    private readonly days?: number,
  ) {}

  async probe(): Promise<void> {
    const welcome = await this.#call(() => this.hub.ready());
    if (welcome.storage !== 'unpartitioned') {
      const why = welcome.storage === 'blocked' ? 'this browser blocks its storage' : 'this browser keeps its storage apart for each site';
      throw new StorageError('unavailable', this.name, `the hub at ${this.hub.origin} cannot share the session across sites: ${why}`);
    }
    await roundTrip(this, 'persistent-chat:probe');
  }

  async get(key: string): Promise<string | undefined> {
    const value = await this.#call(() => this.hub.request({ op: 'get', key }));
    return typeof value === 'string' ? value : undefined;
  }

  async set(key: string, value: string): Promise<void> {
    if (value.length > maxHubValueLength) throw new StorageError('too-large', this.name, `${value.length} characters is more than the hub takes (${maxHubValueLength})`);
    await this.#call(() => this.hub.request({ op: 'set', key, value, ...(this.days ? { days: this.days } : {}) }));
  }

  async delete(key: string): Promise<void> {
    await this.#call(() => this.hub.request({ op: 'delete', key }));
  }

  async #call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      const message = errorText(error);
      throw new StorageError(error instanceof HubError && error.kind === 'timeout' ? 'timeout' : 'unavailable', this.name, message);
    }
  }
}
