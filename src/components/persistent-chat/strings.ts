import type { ConnectionState } from '../../transport/connection-state.js';

/** Every piece of text the widget shows, so that a page can translate or reword it. */
export const englishStrings = {
  launcherOpen: 'Open chat',
  launcherClose: 'Close chat',
  launcherUnread: (count: number) => `Open chat, ${count} unread ${count === 1 ? 'message' : 'messages'}`,
  title: 'Chat with us',
  minimise: 'Minimise chat',
  transcriptLabel: 'Conversation',
  composerLabel: 'Message',
  composerPlaceholder: 'Write a message…',
  send: 'Send',
  sending: 'Sending…',
  sent: 'Sent',
  failed: 'Not sent',
  retry: 'Try again',
  you: 'You',
  agent: 'Agent',
  typing: (name: string | undefined) => `${name ?? 'The agent'} is typing…`,
  newMessageTitle: (count: number) => `(${count}) New message${count === 1 ? '' : 's'}`,
  emptyState: 'Ask us anything. We usually answer within a few minutes.',
  unavailableStatus: 'Unavailable',
  unavailable: 'Chat is unavailable on this page right now.',
  connectedElsewhere: 'Connected in another tab',
  connection: {
    idle: 'We are here to help',
    connecting: 'Connecting…',
    connected: 'Connected',
    reconnecting: 'Reconnecting…',
    offline: 'Offline: messages will be sent when the connection is back',
  } satisfies Record<ConnectionState, string>,
};

export type ChatStrings = typeof englishStrings;
