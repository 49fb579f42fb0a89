import type { Conversation } from '../conversation/conversation.js';
import type { ConversationPeers, PeerEvent, SharedStatus } from '../conversation/conversation-peers.js';
import type { OutboxEntry, SendOutcome } from '../base/outbox-entry.js';
import type { TabHub } from '../tabs/tab-channel.js';
import { LazyChunk } from '../base/lazy-chunk.js';
import type { TabCoordinator, TabCoordinatorListener } from '../tabs/tab-coordinator.js';
import type { MirrorMessage, OwnerStatus } from './mirror-messages.js';
import type { MirrorSide } from './mirror-receiver.js';
import type { PanelChange } from './panel-state.js';

export interface TabMirrorListener {
  ownershipChanged(owner: boolean): void;
  /** A tab opened or closed the panel (the newest change wins). */
  panelChanged(change: PanelChange): void;
  /** The owner's unread count. */
  unreadChanged(count: number): void;
  /** In the owner: a follower showed the visitor everything. */
  readElsewhere(): void;
  /** How this tab has the panel: for a tab that joins, and for all when this tab becomes owner. */
  panelState(): { panel: PanelChange; unread: number };
}

/** How long a follower waits for the owner to settle a relayed message before trying again. */
const relayTimeoutMs = 10_000;
/**
 * No owner known, or no answer from it: the owner is being chosen or changed on the way.
 * Try again shortly; whether the connection is down is for the owner's status to say.
 */
const noAnswer: SendOutcome = { kind: 'retry-after', ms: 500 };

/**
 * The election's code, and the answers to the other tabs, are a chunk of their own, fetched
 * as the first tab object is made: a tab hears and says nothing until it has arrived, which a
 * tab that joins late already copes with.
 */
const coordinatorCode = new LazyChunk(() => import('./tab-sync.js'));

/** How long a tab that could not fetch the election's code waits before it tries again. */
const retryCoordinatorMs = 10_000;
/**
 * What a tab keeps to say while it cannot talk yet: the visitor's own acts (the panel, read,
 * engaged, end), not an owner's status, which would be stale by then. A few, not a backlog.
 */
const sayLater = new Set<MirrorMessage['type']>(['panel', 'read', 'activate', 'end']);
const maxWaiting = 20;

type Outgoing = MirrorMessage extends infer M ? (M extends MirrorMessage ? Omit<M, 'from'> : never) : never;

/**
 * Keeps the conversations of one widget in step across the browser's tabs: the owner
 * publishes, the followers mirror and hand it what the visitor writes. Who the owner is,
 * the `TabCoordinator` decides; this is the chat that travels beside it.
 */
export class TabMirror implements ConversationPeers {
  readonly #listener: TabMirrorListener;
  readonly #relays = new Map<string, (outcome: SendOutcome) => void>();
  readonly #namespace: string;
  readonly #options: { useLocks?: boolean; mayPersist?: () => boolean };
  #coordinator: TabCoordinator | undefined;
  /** The election's code could not arrive (yet): this tab holds the connection on its own, as where tabs cannot talk at all. */
  #alone = false;
  #retry: ReturnType<typeof setTimeout> | undefined;
  /** What this tab said before it could talk (the election's code on its way): said once it can, in order. */
  readonly #waiting: Outgoing[] = [];
  #stopped = false;
  #conversation: Conversation | undefined;

  constructor(namespace: string, listener: TabMirrorListener, options: { useLocks?: boolean; mayPersist?: () => boolean } = {}) {
    this.#listener = listener;
    this.#namespace = namespace;
    this.#options = options;
    void coordinatorCode.load().catch(() => {});
  }

  get owner(): boolean {
    return this.#coordinator?.owner ?? this.#alone;
  }

  get lastFocused(): boolean {
    return this.#coordinator?.lastFocused ?? true;
  }

  /** Starts electing and listening, for this conversation (created with this object as its peers). */
  start(conversation: Conversation, options: { hub?: TabHub | undefined } = {}): void {
    this.#conversation = conversation;
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.#startCoordinator(options);
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#retry);
    this.#waiting.length = 0;
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#coordinator?.stop();
    for (const resolve of this.#relays.values()) resolve({ kind: 'disconnected' });
    this.#relays.clear();
  }

  /**
   * Once the election's code is here: competes, then says what was said meanwhile. If the code
   * cannot arrive, this tab holds the connection alone for now, and tries again later: with
   * the code, it steps down first (closing its socket) and competes like any tab.
   */
  #startCoordinator(options: { hub?: TabHub | undefined }): void {
    coordinatorCode.load().then(
      async ({ TabCoordinator, receiveFromTab }) => {
        if (this.#stopped) return;
        if (this.#alone) {
          this.#alone = false;
          await this.#unlink();
          if (this.#stopped) return;
        }
        const coordinator = new TabCoordinator(this.#namespace, this.#coordinatorListener(receiveFromTab), this.#options);
        this.#coordinator = coordinator;
        coordinator.start(options);
        for (const message of this.#waiting.splice(0)) this.#post(message);
      },
      () => {
        if (this.#stopped) return;
        if (!this.#alone) {
          this.#alone = true;
          this.#becameOwner();
        }
        this.#retry = setTimeout(() => this.#startCoordinator(options), retryCoordinatorMs);
      },
    );
  }

  #coordinatorListener(receive: (side: MirrorSide, message: unknown) => void): TabCoordinatorListener {
    return {
      becameOwner: () => this.#becameOwner(),
      becameFollower: () => this.#unlink(),
      arrived: () => {
        this.#post({ type: 'hello' });
        // The visitor may have opened or closed the panel before this tab could tell anyone.
        this.#tellPanel();
      },
      received: (message) => {
        const conversation = this.#conversation;
        const coordinator = this.#coordinator;
        if (!conversation || !coordinator) return;
        receive(
          {
            conversation,
            coordinator,
            listener: this.#listener,
            relays: this.#relays,
            post: (reply) => this.#post(reply),
            tellPanel: () => this.#tellPanel(),
            ownerStatus: (status) => this.#ownerStatus(status),
            retryRelays: () => {
              for (const resolve of [...this.#relays.values()]) resolve(noAnswer);
            },
          },
          message,
        );
      },
    };
  }

  #becameOwner(): void {
    this.#conversation?.link();
    this.#listener.ownershipChanged(true);
    // A tab that joined while no tab owned has not heard how the panel is: say it now.
    const { panel, unread } = this.#listener.panelState();
    this.sharePanel(panel);
    this.shareUnread(unread);
  }

  async #unlink(): Promise<void> {
    // The socket closes first; the page hears of it after ownership is released.
    const unlinked = this.#conversation?.unlink();
    await Promise.resolve();
    this.#listener.ownershipChanged(false);
    await unlinked;
  }

  sharePanel(panel: PanelChange): void {
    this.#post({ type: 'panel', panel });
  }

  /** Says how the visitor left the panel in this tab, if they changed it here or a tab told of a change. */
  #tellPanel(): void {
    const { panel } = this.#listener.panelState();
    if (panel.at > 0) this.sharePanel(panel);
  }

  /** The owner's count, for every tab. */
  shareUnread(count: number): void {
    if (this.owner) this.#post({ type: 'unread', count });
  }

  /** A follower showed the visitor everything: asks the owner to count from 0. */
  markRead(): void {
    if (!this.owner) this.#post({ type: 'read' });
  }

  relay(entry: OutboxEntry): Promise<SendOutcome> {
    const coordinator = this.#coordinator;
    const owner = coordinator?.ownerId;
    if (!coordinator || !owner || owner === coordinator.tabId) return Promise.resolve(noAnswer);
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish(noAnswer), relayTimeoutMs);
      const finish = (outcome: SendOutcome) => {
        clearTimeout(timer);
        this.#relays.delete(entry.clientId);
        resolve(outcome);
      };
      this.#relays.get(entry.clientId)?.({ kind: 'disconnected' });
      this.#relays.set(entry.clientId, finish);
      this.#handTo(owner, entry);
    });
  }

  offer(entry: OutboxEntry): void {
    const owner = this.#coordinator?.ownerId;
    if (owner && owner !== this.#coordinator?.tabId) this.#handTo(owner, entry);
  }

  #handTo(owner: string, entry: OutboxEntry): void {
    // As it is, files too: a BroadcastChannel carries a Blob by structured clone. The owner checks every field.
    this.#post({ type: 'send', to: owner, ...entry });
  }

  publish(event: PeerEvent): void {
    switch (event.kind) {
      case 'put':
        return this.#post({ type: 'put', messages: event.messages });
      case 'status':
        return this.#post({ type: 'status', status: this.#ownerStatus(event.status) });
      case 'ended':
        return this.#post({ type: 'ended', notice: event.notice });
      case 'settled':
        return this.#post({ type: 'settled', clientId: event.clientId, message: event.message });
      case 'activate':
        return this.#post({ type: 'activate', token: event.token });
      case 'end':
        return this.#post({ type: 'end' });
      case 'typing':
        return this.#post({ type: 'typing' });
    }
  }

  #ownerStatus(status: SharedStatus): OwnerStatus {
    return { ...status, visible: document.visibilityState === 'visible' };
  }

  readonly #onVisibility = (): void => {
    if (this.owner && this.#conversation) this.publish({ kind: 'status', status: this.#conversation.sharedStatus });
  };

  #post(message: Outgoing): void {
    if (this.#coordinator) this.#coordinator.post(message);
    else if (!this.#stopped && sayLater.has(message.type) && this.#waiting.length < maxWaiting) this.#waiting.push(message);
  }
}
