import type { ChatMessage } from '../base/chat-message.js';
import type { SendOutcome } from '../base/outbox-entry.js';
import type { Conversation } from '../conversation/conversation.js';
import type { SharedStatus } from '../conversation/conversation-peers.js';
import type { TabCoordinator } from '../tabs/tab-coordinator.js';
import { isMirrorMessage, type MirrorMessage, type OwnerStatus } from './mirror-messages.js';
import type { TabMirrorListener } from './tab-mirror.js';

/** The newest messages a joining tab is sent: as many as a restore reads from history (20 pages of 50). */
const snapshotMessages = 1000;

type Outgoing = MirrorMessage extends infer M ? (M extends MirrorMessage ? Omit<M, 'from'> : never) : never;

/** What a tab's mirror lends the code that answers the other tabs. */
export interface MirrorSide {
  readonly conversation: Conversation;
  readonly coordinator: TabCoordinator;
  readonly listener: TabMirrorListener;
  /** The follower's messages handed to the owner, waiting to be settled. */
  readonly relays: ReadonlyMap<string, (outcome: SendOutcome) => void>;
  post(message: Outgoing): void;
  /** Says how the visitor left the panel in this tab, if they changed it. */
  tellPanel(): void;
  ownerStatus(status: SharedStatus): OwnerStatus;
  /** The waiting relays give up and go again (to a new owner). */
  retryRelays(): void;
}

/**
 * Answers what another tab said (checked first: only same-origin pages can post on the
 * channel, but a message is still checked before use). Part of the election's chunk: a tab
 * hears nothing before that code has arrived.
 */
export function receiveFromTab(side: MirrorSide, message: unknown): void {
  if (!isMirrorMessage(message)) return;
  const { conversation, coordinator, listener } = side;
  const owner = coordinator.owner;
  switch (message.type) {
    case 'hello':
      // Any tab may hold the newest change of the panel (made before the others listened).
      side.tellPanel();
      if (owner) {
        side.post({
          type: 'snapshot',
          to: message.from,
          messages: [...conversation.snapshot.messages].filter((each) => each.delivery !== 'sending').slice(-snapshotMessages),
          status: side.ownerStatus(conversation.sharedStatus),
          ...listener.panelState(),
        });
      }
      return;
    case 'snapshot':
      if (message.to !== coordinator.tabId || owner) return;
      heardFromOwner(side, message.from, message.status.visible);
      // The status first: it says which session the messages are of.
      conversation.applyRemoteStatus(message.status);
      conversation.applyRemoteMessages(message.messages, { live: false });
      listener.panelChanged(message.panel);
      return listener.unreadChanged(message.unread);
    case 'status':
      if (owner) return;
      // An owner this tab has not heard from may have won after this tab said hello: greet it, for its snapshot.
      if (heardFromOwner(side, message.from, message.status.visible)) side.post({ type: 'hello' });
      return conversation.applyRemoteStatus(message.status);
    case 'put':
      if (!owner) conversation.applyRemoteMessages(message.messages, { live: true });
      return;
    case 'ended':
      if (!owner) conversation.applyRemoteEnd(message.notice);
      return;
    case 'send':
      if (owner && message.to === coordinator.tabId) {
        const { clientId, text, writtenAt, attributes, reply, files } = message;
        // Sent unless this tab turns out to have lost the connection meanwhile.
        void coordinator.confirmOwner().then((still) => {
          if (still) void conversation.sendFromPeer({ clientId, text, ...(writtenAt ? { writtenAt } : {}), ...(attributes ? { attributes } : {}), ...(reply ? { reply } : {}), ...(files ? { files } : {}) });
        });
      }
      return;
    case 'end':
      if (owner) conversation.endChat();
      return;
    case 'typing':
      if (owner) conversation.visitorTyping();
      return;
    case 'settled':
      return settled(side, message.clientId, message.message);
    case 'activate':
      if (owner) conversation.adopt(message.token);
      return;
    case 'panel':
      return listener.panelChanged(message.panel);
    case 'unread':
      if (!owner) listener.unreadChanged(message.count);
      return;
    case 'read':
      if (owner) listener.readElsewhere();
      return;
    default:
      return;
  }
}

/**
 * Another tab speaks as the owner; returns whether it is a new one. If so, what this tab
 * handed the last owner may have gone with it: the waiting relays give up now and go again,
 * to the new owner, at once rather than after the relay's time limit (a reload meanwhile
 * would otherwise lose them).
 */
function heardFromOwner({ coordinator, retryRelays }: MirrorSide, ownerId: string, visible: boolean): boolean {
  const changed = coordinator.ownerId !== ownerId;
  coordinator.noteOwner(ownerId, visible);
  if (changed) retryRelays();
  return changed;
}

function settled({ relays }: MirrorSide, clientId: string, message: ChatMessage): void {
  relays.get(clientId)?.(message.delivery === 'failed' ? { kind: 'rejected', reason: message.failure ?? 'refused' } : { kind: 'acknowledged' });
}
