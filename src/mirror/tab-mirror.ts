import type { ChatMessage } from '../base/chat-message.js';
import type { Conversation } from '../conversation/conversation.js';
import type { ConversationPeers, PeerEvent, SharedStatus } from '../conversation/conversation-peers.js';
import type { OutboxEntry, SendOutcome } from '../base/outbox-entry.js';
import type { TabHub } from '../tabs/tab-channel.js';
import { TabCoordinator } from '../tabs/tab-coordinator.js';
import { isMirrorMessage, type MirrorMessage, type OwnerStatus } from './mirror-messages.js';

export interface TabMirrorListener {
  ownershipChanged(owner: boolean): void;
  /** Another tab opened or closed the panel, or the unread count changed there. */
  uiChanged(open: boolean, unread: number): void;
}

/** How long a follower waits for the owner to settle a relayed message before trying again. */
const relayTimeoutMs = 10_000;
/**
 * No owner known, or no answer from it: the owner is being chosen or changed on the way.
 * Try again shortly; whether the connection is down is for the owner's status to say.
 */
const noAnswer: SendOutcome = { kind: 'retry-after', ms: 500 };
/** The newest messages a joining tab is sent: as many as a restore reads from history (20 pages of 50). */
const snapshotMessages = 1000;

type Outgoing = MirrorMessage extends infer M ? (M extends MirrorMessage ? Omit<M, 'from'> : never) : never;

/**
 * Keeps the conversations of one widget in step across the browser's tabs: the owner
 * publishes, the followers mirror and hand it what the visitor writes. Who the owner is,
 * the `TabCoordinator` decides; this is the chat that travels beside it.
 */
export class TabMirror implements ConversationPeers {
  readonly #coordinator: TabCoordinator;
  readonly #listener: TabMirrorListener;
  readonly #relays = new Map<string, (outcome: SendOutcome) => void>();
  #conversation: Conversation | undefined;

  constructor(namespace: string, listener: TabMirrorListener, options: { useLocks?: boolean; mayPersist?: () => boolean } = {}) {
    this.#listener = listener;
    this.#coordinator = new TabCoordinator(
      namespace,
      {
        becameOwner: () => {
          this.#conversation?.link();
          this.#listener.ownershipChanged(true);
        },
        becameFollower: async () => {
          // The socket closes first; the page hears of it after ownership is released.
          const unlinked = this.#conversation?.unlink();
          await Promise.resolve();
          this.#listener.ownershipChanged(false);
          await unlinked;
        },
        arrived: () => this.#post({ type: 'hello' }),
        received: (message) => {
          if (isMirrorMessage(message)) this.#received(message);
        },
      },
      options,
    );
  }

  get owner(): boolean {
    return this.#coordinator.owner;
  }

  get lastFocused(): boolean {
    return this.#coordinator.lastFocused;
  }

  /** Starts electing and listening, for this conversation (created with this object as its peers). */
  start(conversation: Conversation, options: { hub?: TabHub | undefined } = {}): void {
    this.#conversation = conversation;
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.#coordinator.start(options);
  }

  stop(): void {
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#coordinator.stop();
    for (const resolve of this.#relays.values()) resolve({ kind: 'disconnected' });
    this.#relays.clear();
  }

  shareUi(open: boolean, unread: number): void {
    this.#post({ type: 'ui', open, unread });
  }

  relay(entry: OutboxEntry): Promise<SendOutcome> {
    const owner = this.#coordinator.ownerId;
    if (!owner || owner === this.#coordinator.tabId) return Promise.resolve(noAnswer);
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
    const owner = this.#coordinator.ownerId;
    if (owner && owner !== this.#coordinator.tabId) this.#handTo(owner, entry);
  }

  #handTo(owner: string, entry: OutboxEntry): void {
    this.#post({
      type: 'send',
      to: owner,
      clientId: entry.clientId,
      text: entry.text,
      ...(entry.attributes ? { attributes: { ...entry.attributes } } : {}),
      ...(entry.reply ? { reply: { ...entry.reply } } : {}),
    });
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
    }
  }

  #received(message: MirrorMessage): void {
    const conversation = this.#conversation;
    if (!conversation) return;
    const owner = this.#coordinator.owner;
    switch (message.type) {
      case 'hello':
        if (owner) {
          this.#post({
            type: 'snapshot',
            to: message.from,
            messages: [...conversation.snapshot.messages].filter((each) => each.delivery !== 'sending').slice(-snapshotMessages),
            status: this.#ownerStatus(conversation.sharedStatus),
          });
        }
        return;
      case 'snapshot':
        if (message.to !== this.#coordinator.tabId || owner) return;
        this.#coordinator.noteOwner(message.from, message.status.visible);
        conversation.applyRemoteMessages(message.messages, { live: false });
        return conversation.applyRemoteStatus(message.status);
      case 'status':
        if (owner) return;
        this.#coordinator.noteOwner(message.from, message.status.visible);
        return conversation.applyRemoteStatus(message.status);
      case 'put':
        if (!owner) conversation.applyRemoteMessages(message.messages, { live: true });
        return;
      case 'ended':
        if (!owner) conversation.applyRemoteEnd(message.notice);
        return;
      case 'send':
        if (owner && message.to === this.#coordinator.tabId) {
          const { clientId, text, attributes, reply } = message;
          void this.#sendFromPeer(conversation, { clientId, text, ...(attributes ? { attributes } : {}), ...(reply ? { reply } : {}) });
        }
        return;
      case 'end':
        if (owner) conversation.endChat();
        return;
      case 'settled':
        return this.#settled(message.clientId, message.message);
      case 'activate':
        if (owner) conversation.adopt(message.token);
        return;
      case 'ui':
        return this.#listener.uiChanged(message.open, message.unread);
      default:
        return;
    }
  }

  /** Sends a follower's message, unless this tab turns out to have lost the connection meanwhile. */
  async #sendFromPeer(conversation: Conversation, entry: OutboxEntry): Promise<void> {
    if (await this.#coordinator.confirmOwner()) void conversation.sendFromPeer(entry);
  }

  #settled(clientId: string, message: ChatMessage): void {
    const resolve = this.#relays.get(clientId);
    if (!resolve) return;
    resolve(message.delivery === 'failed' ? { kind: 'rejected', reason: message.failure ?? 'refused' } : { kind: 'acknowledged' });
  }

  #ownerStatus(status: SharedStatus): OwnerStatus {
    return { ...status, visible: document.visibilityState === 'visible' };
  }

  readonly #onVisibility = (): void => {
    if (this.#coordinator.owner && this.#conversation) this.publish({ kind: 'status', status: this.#conversation.sharedStatus });
  };

  #post(message: Outgoing): void {
    this.#coordinator.post(message);
  }
}
