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
  endChat: 'End chat',
  endChatQuestion: 'End this chat? The conversation will be closed.',
  endChatConfirm: 'End chat',
  endChatCancel: 'Keep chatting',
  chatEnded: 'This chat has ended.',
  startNewChat: 'Start a new chat',
  notices: {
    'agent-left': 'The agent has left the conversation.',
    'interaction-completed': 'Thank you for your query. Please do not respond to this automated message if you do not have additional questions.',
    'session-expired': 'Your previous conversation has expired. Send a message to start a new one.',
    'session-cleared': 'This conversation has been closed.',
  } as Record<string, string>,
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
