import type { HubClient } from './hub-client.js';
import type { Election, ElectionListener } from '../tabs/election.js';
import type { TabChannel, TabHub } from '../tabs/tab-channel.js';

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

/** The tabs of every origin on the hub's site: the hub's channel carries their messages. */
function hubTabChannel(hub: HubClient, name: string, receive: (data: unknown) => void): TabChannel {
  const stop = hub.listen((event) => {
    if (event.event === 'broadcast' && event.name === name) receive(event.data);
  });
  void hub.request({ op: 'subscribe', name }).catch(() => {});
  return {
    post: (message) => void hub.request({ op: 'broadcast', name, data: message }).catch(() => {}),
    close: stop,
  };
}

/** The tabs' election and channel, run by a hub on the page's own site. */
export function hubTabs(hub: HubClient): TabHub {
  return {
    election: (name, listener) => new HubElection(hub, name, listener),
    channel: (name, receive) => hubTabChannel(hub, name, receive),
  };
}
