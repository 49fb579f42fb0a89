import { LockElection } from '../../tabs/lock-election.js';

export interface HubTabsListener {
  lockWon(name: string): void;
  lockLost(name: string): void;
  heard(name: string, data: unknown): void;
}

/**
 * Tab ownership and tab messages for pages on the hub's own site. The hub's Web Locks and
 * BroadcastChannels belong to the hub's origin, so the hubs inside `www.shop.example` and
 * `help.shop.example` share them where the pages themselves could not. A lock held here is
 * released by the browser when the page (and so this frame) closes or crashes.
 */
export class HubTabs {
  readonly #elections = new Map<string, LockElection>();
  readonly #channels = new Map<string, BroadcastChannel>();

  constructor(private readonly listener: HubTabsListener) {}

  lock(name: string, mode: 'compete' | 'steal' | 'withdraw' | 'confirm'): Promise<boolean> | void {
    const election = this.#election(name);
    switch (mode) {
      case 'compete':
        return election.compete();
      case 'steal':
        return election.steal();
      case 'withdraw':
        return election.withdraw();
      case 'confirm':
        return election.confirm();
    }
  }

  subscribe(name: string): void {
    this.#channel(name);
  }

  broadcast(name: string, data: unknown): void {
    this.#channel(name).postMessage(data);
  }

  #election(name: string): LockElection {
    let election = this.#elections.get(name);
    if (!election) {
      election = new LockElection(`persistent-chat-hub:${name}`, { won: () => this.listener.lockWon(name), lost: () => this.listener.lockLost(name) });
      this.#elections.set(name, election);
    }
    return election;
  }

  #channel(name: string): BroadcastChannel {
    let channel = this.#channels.get(name);
    if (!channel) {
      channel = new BroadcastChannel(`persistent-chat-hub:${name}`);
      channel.addEventListener('message', (event: MessageEvent) => this.listener.heard(name, event.data));
      this.#channels.set(name, channel);
    }
    return channel;
  }
}
