import type { ConversationListener } from '../conversation/conversation.js';
import type { ChatErrorDetail } from '../events/chat-events.js';
import { ChatEndedEvent, ChatMessageEvent, ChatStorageEvent } from '../events/chat-events.js';
import type { SessionStore, StorageStatus } from '../storage/session-store.js';
import type { ChatSessionListener } from './chat-session.js';
import type { PartsListener } from './session-parts.js';
import type { SharedPanel } from './shared-panel.js';

/** Where the session is kept while there is none (no settings that allow a chat). */
export const unavailableStatus: StorageStatus = { adapter: 'memory', scope: 'memory', cacheAdapter: 'memory' };

/**
 * What the parts of a chat say, taken to where it matters: the element (`view`), the panel
 * that every tab shares, and the page's events; problems go to `reporter`.
 */
export function partsListener(
  view: ChatSessionListener,
  panel: SharedPanel,
  reporter: { warn(message: string): void; report(problem: ChatErrorDetail): void; loggedOut(): void },
  store: () => SessionStore | undefined,
): PartsListener {
  const conversation: ConversationListener = {
    changed: () => view.changed(),
    messageAdded: (message) => {
      panel.arrived(message);
      if (message.author === 'agent' || message.author === 'bot') view.agentMessageArrived(message);
      view.dispatch(new ChatMessageEvent(message));
    },
    problem: (problem) => reporter.report(problem),
    warn: (message) => reporter.warn(message),
    ended: (reason) => view.dispatch(new ChatEndedEvent(reason)),
    loggedOut: () => reporter.loggedOut(),
  };
  return {
    store: {
      statusChanged: (status) => view.dispatch(new ChatStorageEvent(status)),
      degraded: (reason) => {
        reporter.warn(reason);
        view.dispatch(new ChatStorageEvent({ ...(store()?.status ?? unavailableStatus), reason }));
      },
    },
    tabs: {
      ownershipChanged: (owner) => {
        if (owner) panel.becameOwner();
        view.ownerChanged(owner);
        view.changed();
      },
      panelChanged: (change) => panel.panelChanged(change),
      unreadChanged: (count) => panel.unreadChanged(count),
      readElsewhere: () => panel.readElsewhere(),
      panelState: () => panel.panelState(),
    },
    conversation,
  };
}
