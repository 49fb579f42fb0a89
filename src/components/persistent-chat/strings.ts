import { LazyChunk } from '../../base/lazy-chunk.js';
import { englishNotices } from '../../conversation/notices.js';
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
  today: 'Today',
  yesterday: 'Yesterday',
  newMessages: 'New messages',
  showEarlier: (count: number) => `Show earlier messages (${count})`,
  quickReplies: 'Suggested answers',
  dismissTeaser: 'Dismiss',
  newMessageTitle: (count: number) => `(${count}) New message${count === 1 ? '' : 's'}`,
  emptyState: 'Ask us anything. We usually answer within a few minutes.',
  unavailableStatus: 'Unavailable',
  unavailable: 'Chat is unavailable on this page right now.',
  endChat: 'End chat',
  endChatQuestion: 'End this chat? The conversation will be closed.',
  endChatConfirm: 'End chat',
  endChatCancel: 'Keep chatting',
  chatEnded: 'This chat has ended.',
  startNewChat: 'Start a new chat',
  panelLoading: 'Loading the chat…',
  panelFailed: 'The chat could not be loaded. Check your connection and try again.',
  // The model's own notice texts, by kind (a `page` notice shows the page's own text instead).
  notices: { ...englishNotices } as Record<string, string>,
  typing: (name: string | undefined) => `${name ?? 'The agent'} is typing…`,
  rich: {
    unsupported: 'This message can’t be shown here.',
    carousel: 'Cards',
    timeSlots: 'Available times',
    choose: 'Choose',
    opensInNewTab: '(opens in a new tab)',
    expiring: (time: string) => `This chat will close at ${time} unless you send a message.`,
  },
  connectedElsewhere: 'Connected in another tab',
  thirdPartyNotice: 'To continue this chat on our other websites, this browser needs to allow third-party cookies.',
  thirdPartyAllow: 'Allow for this chat',
  thirdPartyRefused: 'This browser did not allow it. The chat carries on here.',
  connection: {
    idle: 'We are here to help',
    connecting: 'Connecting…',
    connected: 'Connected',
    reconnecting: 'Reconnecting…',
    offline: 'Offline: messages will be sent when the connection is back',
  } satisfies Record<ConnectionState, string>,
};

export type ChatStrings = typeof englishStrings;

/** The built-in translations, each a chunk of its own, fetched only for a page in that language. */
const translations: Record<string, LazyChunk<{ strings: ChatStrings }>> = {
  fr: new LazyChunk(() => import('./translations/fr.js')),
};

/** The primary language of a tag (`fr` for `fr-CA`), if the widget has a translation for it. */
export function translationFor(lang: string | undefined): string | undefined {
  const primary = (lang ?? '').toLowerCase().split('-')[0] ?? '';
  return Object.hasOwn(translations, primary) ? primary : undefined;
}

/** Fetches the built-in translation for `language` (from `translationFor`). */
export async function loadTranslation(language: string): Promise<ChatStrings> {
  return (await translations[language]!.load()).strings;
}
