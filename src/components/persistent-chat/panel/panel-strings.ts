import { englishNotices } from '../../../conversation/notice-texts.js';
import type { ConnectionState } from '../../../transport/connection-state.js';
import type { ChatStrings } from '../strings.js';

/**
 * The open panel's English texts. They come with the panel's code: a page whose visitor
 * never opens the chat does not load them. (The launcher's are in `../strings.ts`.)
 */
export const panelStrings = {
  transcriptLabel: 'Conversation',
  composerLabel: 'Message',
  composerPlaceholder: 'Write a message…',
  send: 'Send',
  sending: 'Sending…',
  sent: 'Sent',
  failed: 'Not sent',
  you: 'You',
  today: 'Today',
  yesterday: 'Yesterday',
  newMessages: 'New messages',
  showEarlier: (count: number) => `Show earlier messages (${count})`,
  quickReplies: 'Suggested answers',
  emptyState: 'Ask us anything. We usually answer within a few minutes.',
  unavailableStatus: 'Unavailable',
  unavailable: 'Chat is unavailable on this page right now.',
  endChat: 'End chat',
  endChatQuestion: 'End this chat? The conversation will be closed.',
  endChatConfirm: 'End chat',
  endChatCancel: 'Keep chatting',
  chatEnded: 'This chat has ended.',
  startNewChat: 'Start a new chat',
  eraseConversation: 'Erase this conversation from this device',
  // The model's own notice texts, by kind (a `page` notice shows the page's own text instead).
  notices: { ...englishNotices, 'agent-ended': 'The agent has ended this chat.' } as Record<string, string>,
  typing: (name: string | undefined) => `${name ?? 'The agent'} is typing…`,
  rich: {
    unsupported: 'This message can’t be shown here.',
    carousel: 'Cards',
    timeSlots: 'Available times',
    choose: 'Choose',
    opensInNewTab: '(opens in a new tab)',
    expiring: (time: string) => `This chat will close at ${time} unless you send a message.`,
  },
  files: {
    attach: 'Attach files',
    chosen: 'Files to send',
    dropHere: 'Drop files here to send them',
    remove: (name: string) => `Remove ${name}`,
    uploading: (name: string) => `Uploading ${name}`,
    cancel: 'Cancel',
    failed: {
      cancelled: 'Cancelled',
      type: 'This type of file isn’t accepted',
      size: 'This file is too large',
      content: 'This file didn’t pass the security check',
      name: 'This file’s name isn’t accepted',
      expired: 'The upload expired: try again',
      notKept: 'The file wasn’t kept on this device: attach it again',
      other: 'The file couldn’t be uploaded',
    },
    refused: {
      off: 'Files can’t be sent here',
      empty: 'This file is empty',
      type: (type: string) => `${type} files can’t be sent here`,
      size: (limit: string) => `This file is over ${limit}`,
      extension: (extension: string) => `${extension} files can’t be sent here`,
    },
  },
  connectedElsewhere: 'Connected in another tab',
  thirdPartyNotice: 'To continue this chat on our other websites, this browser needs to allow third-party cookies.',
  thirdPartyRefused: 'This browser did not allow it. The chat carries on here.',
  thirdPartyLinks: 'This chat continues on our other websites when you open them from the links on this one.',
  connection: {
    idle: 'We are here to help',
    connecting: 'Connecting…',
    connected: 'Connected',
    reconnecting: 'Reconnecting…',
    offline: 'Offline: messages will be sent when the connection is back',
  } satisfies Record<ConnectionState, string>,
};

export type PanelStrings = typeof panelStrings;

const completed = new WeakMap<object, ChatStrings>();

/**
 * The texts the panel shows: those it is given (a translation, the page's own, or English as
 * the embed has it, without the panel's) over the panel's English. Kept per table given.
 */
export function withPanelTexts(given: ChatStrings): ChatStrings {
  let strings = completed.get(given);
  if (!strings) {
    strings = { ...panelStrings, ...given };
    completed.set(given, strings);
  }
  return strings;
}
