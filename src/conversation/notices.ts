import type { ChatMessage } from './chat-message.js';

/** The widget's own transcript notices; the UI shows each through its strings table. */
export type NoticeKind = 'agent-left' | 'session-expired' | 'session-cleared';

export interface NoticeMessage extends ChatMessage {
  readonly author: 'notice';
  readonly notice: NoticeKind;
}

const englishNotices: Record<NoticeKind, string> = {
  'agent-left': 'The agent has left the conversation.',
  'session-expired': 'Your previous conversation has expired. Send a message to start a new one.',
  'session-cleared': 'This conversation has been closed.',
};

export function notice(kind: NoticeKind, id: string, time = new Date().toISOString()): NoticeMessage {
  return { id, author: 'notice', notice: kind, text: englishNotices[kind], time };
}

export function isNotice(message: ChatMessage): message is NoticeMessage {
  return message.author === 'notice' && 'notice' in message;
}
