import type { ChatMessage } from '../base/chat-message.js';

/** The widget's own transcript notices; the UI shows each through its strings table. */
export type NoticeKind = 'agent-left' | 'interaction-completed' | 'session-expired' | 'session-cleared' | 'signed-in' | 'signed-out' | 'signing-in-again' | 'sign-in-needed' | 'page';

export interface NoticeMessage extends ChatMessage {
  readonly author: 'notice';
  readonly notice: NoticeKind;
}

/**
 * A notice. The UI shows it by its `notice` kind, in the page's language; `text` is the
 * English (`notice-texts.ts`) where the notice reaches the page's `chat-message` listeners
 * (it comes from the server, with the connection's code), and the page's own for `page`.
 */
export function notice(kind: NoticeKind, id: string, time = new Date().toISOString(), text = ''): NoticeMessage {
  return { id, author: 'notice', notice: kind, text, time };
}

export function isNotice(message: ChatMessage): message is NoticeMessage {
  return message.author === 'notice' && 'notice' in message;
}

/**
 * Whether the chat stands ended, read from the transcript so that every tab and every
 * restore agree: its newest entry is the agent leaving (in synchronous chat) or the
 * conversation being cleared, and the visitor has not started a new chat since.
 */
export function endingOf(messages: readonly ChatMessage[], asyncChat: boolean, dismissedId: string | undefined): { reason: 'agent' | 'cleared'; id: string } | undefined {
  const newest = [...messages]
    .reverse()
    .find((message) => (message.delivery === undefined || message.delivery === 'sent') && !(isNotice(message) && message.notice === 'page'));
  if (!newest || !isNotice(newest) || newest.id === dismissedId) return undefined;
  if (newest.notice === 'session-cleared') return { reason: 'cleared', id: newest.id };
  if (newest.notice === 'agent-left' && !asyncChat) return { reason: 'agent', id: newest.id };
  return undefined;
}

/** Whether the chat has ended, and the visitor's "start a new chat" that moves past it. */
export class ChatEnding {
  #dismissed: string | undefined;
  #current: 'agent' | 'cleared' | undefined;

  constructor(public asyncChat: boolean) {}

  get current(): 'agent' | 'cleared' | undefined {
    return this.#current;
  }

  /** Reads the transcript again; returns the reason when the chat has just ended. */
  update(messages: readonly ChatMessage[]): 'agent' | 'cleared' | undefined {
    const ended = endingOf(messages, this.asyncChat, this.#dismissed)?.reason;
    const justEnded = ended !== undefined && ended !== this.#current;
    this.#current = ended;
    return justEnded ? ended : undefined;
  }

  /** The visitor starts a new chat: the ending they saw no longer counts. */
  dismiss(messages: readonly ChatMessage[]): void {
    this.#dismissed = endingOf(messages, this.asyncChat, this.#dismissed)?.id ?? this.#dismissed;
    this.#current = undefined;
  }
}
