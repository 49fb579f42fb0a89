/** Who a transcript entry comes from; `notice` is the widget's own text (an agent left, a session expired). */
export type MessageAuthor = 'visitor' | 'agent' | 'bot' | 'notice';

/** A choice an agent or bot offers with its message; choosing it sends a `ButtonResponse`. */
export interface QuickReply {
  readonly text: string;
  readonly payload: string;
}

/** A visitor's message: `sending` until the server's echo acknowledges it. */
export type DeliveryState = 'sending' | 'sent' | 'failed';

/** One entry of the transcript, the same whether it arrived live, from history, or was typed here. */
export interface ChatMessage {
  /** The server's id once known; before that, the id this browser gave the message. */
  readonly id: string;
  /** The id this browser gave a message it sent: its `tracingId`, and `clientMessageId` in its metadata. */
  readonly clientId?: string;
  readonly author: MessageAuthor;
  /** Plain text. It is never interpreted as HTML. */
  readonly text: string;
  /** ISO 8601: the server's `channel.time`, or the local clock for what the server has not seen. */
  readonly time: string;
  readonly senderName?: string;
  readonly avatarUrl?: string;
  readonly delivery?: DeliveryState;
  /** Why a message could not be sent, when `delivery` is `failed`. */
  readonly failure?: string;
  /** Choices offered with an agent's or bot's message. */
  readonly quickReplies?: readonly QuickReply[];
}

/** A stable key across acknowledgement (when `id` changes from the local id to the server's). */
export function messageKey(message: ChatMessage): string {
  return message.clientId ?? message.id;
}
