import type { HubClient } from '../hub/hub-client.js';
import type { Election, ElectionListener } from './election.js';

/**
 * Ownership held through a same-site hub: the hub frame holds the Web Lock for this page,
 * so that pages on the site's different sub-domains (different origins, so different lock
 * managers) compete for one lock. The browser releases it when this page, and with it the
 * frame, closes or crashes.
 */
export class HubElection implements Election {
  #owner = false;
  #disposed = false;
  readonly #stop: () => void;

  constructor(
    private readonly hub: HubClient,
    private readonly name: string,
    listener: ElectionListener,
  ) {
    this.#stop = hub.listen((event) => {
      if (event.event === 'lock-won' && event.name === name && !this.#disposed) {
        this.#owner = true;
        listener.won();
      } else if (event.event === 'lock-lost' && event.name === name && this.#owner) {
        this.#owner = false;
        listener.lost();
      }
    });
  }

  get owner(): boolean {
    return this.#owner;
  }

  compete(): void {
    if (!this.#disposed) this.#send('compete');
  }

  steal(): void {
    if (!this.#disposed && !this.#owner) this.#send('steal');
  }

  withdraw(): void {
    this.#owner = false;
    this.#send('withdraw');
  }

  async confirm(): Promise<boolean> {
    if (!this.#owner) return false;
    const held = await this.hub.request({ op: 'lock', name: this.name, mode: 'confirm' }).catch(() => false);
    return this.#owner && held === true;
  }

  dispose(): void {
    this.#disposed = true;
    this.withdraw();
    this.#stop();
  }

  #send(mode: 'compete' | 'steal' | 'withdraw'): void {
    void this.hub.request({ op: 'lock', name: this.name, mode }).catch(() => {});
  }
}
