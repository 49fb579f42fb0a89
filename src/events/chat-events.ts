import type { ConfigProblemCode } from '../config/chat-config.js';
import type { ChatMessage } from '../conversation/chat-message.js';
import type { ConversationProblemCode } from '../conversation/conversation.js';

const eventInit = { bubbles: true, composed: true } as const;

/** Every `chat-error` code, from configuration and from the conversation. */
export type ChatErrorCode = ConfigProblemCode | ConversationProblemCode;

export interface ChatErrorDetail {
  readonly code: ChatErrorCode;
  readonly message: string;
}

/** The element is configured and its session state is loaded. */
export class ChatReadyEvent extends CustomEvent<Record<string, never>> {
  constructor() {
    super('chat-ready', { ...eventInit, detail: {} });
  }
}

/** A message arrived, or one the visitor sent was acknowledged by the server. */
export class ChatMessageEvent extends CustomEvent<{ readonly message: ChatMessage }> {
  constructor(message: ChatMessage) {
    super('chat-message', { ...eventInit, detail: { message } });
  }
}

/** Something went wrong; the widget keeps working as far as it can. */
export class ChatErrorEvent extends CustomEvent<ChatErrorDetail> {
  constructor(detail: ChatErrorDetail) {
    super('chat-error', { ...eventInit, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'chat-ready': ChatReadyEvent;
    'chat-message': ChatMessageEvent;
    'chat-error': ChatErrorEvent;
  }
}
