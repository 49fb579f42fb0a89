/** Who a transcript entry comes from; `notice` is the widget's own text (an agent left, a session expired). */
export type MessageAuthor = 'visitor' | 'agent' | 'bot' | 'notice';

/** A choice an agent or bot offers with its message; choosing it sends a `ButtonResponse`. */
export interface QuickReply {
  readonly text: string;
  readonly payload: string;
}

/**
 * The visitor's answer to what an agent or bot offered, sent as a `ButtonResponse`: a quick
 * reply, a card's button (`Button`), a time slot (`DatePicker`) or list items (`ListPicker`).
 */
export interface ChatReply {
  /** What the visitor sees as their message. */
  readonly text: string;
  readonly payload: string;
  readonly type?: 'QuickReply' | 'Button' | 'DatePicker' | 'ListPicker';
  /** The id of the message that offered the choice. */
  readonly originatingMessageId?: string;
}

/** Where a file is: on its way (`uploading`), refused (`failed`), or on the server (`sent`, with its address). */
export type AttachmentState = 'uploading' | 'sent' | 'failed';

/** A file in a message: an image shown in place, anything else as a chip to open. */
export interface ChatAttachment {
  readonly id: string;
  /** The server's download address (presigned: it expires, and is fetched anew when opened). None until sent. */
  readonly url?: string;
  readonly state: AttachmentState;
  readonly name: string;
  readonly mediaType: 'Image' | 'Video' | 'Audio' | 'File' | 'Link';
  readonly mime?: string;
  /** Bytes. */
  readonly size?: number;
}

/** A card's button: a link opens its address; a postback answers with its payload. */
export interface CardAction {
  readonly kind: 'link' | 'postback';
  readonly text: string;
  /** The address of a link, the payload of a postback. */
  readonly value: string;
}

export interface ChatCard {
  readonly title: string;
  readonly description?: string;
  readonly image?: string;
  /** Where the card itself leads (its `defaultAction`, when a link). */
  readonly link?: string;
  readonly actions: readonly CardAction[];
}

/** Time slots to choose from (Genesys "date picker"): times in UTC, shown in the visitor's zone. */
export interface ChatDatePicker {
  readonly title?: string;
  readonly subtitle?: string;
  readonly slots: ReadonlyArray<{ readonly dateTime: string; readonly duration?: number }>;
}

export interface ChatListPicker {
  readonly title: string;
  readonly subtitle?: string;
  readonly buttonLabel?: string;
  readonly sections: ReadonlyArray<{
    readonly title: string;
    readonly multiple: boolean;
    readonly items: ReadonlyArray<{ readonly id: string; readonly title: string; readonly subtitle?: string; readonly image?: string }>;
  }>;
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
  readonly attachments?: readonly ChatAttachment[];
  /** One card, or a carousel's cards. */
  readonly cards?: readonly ChatCard[];
  readonly carousel?: boolean;
  readonly datePicker?: ChatDatePicker;
  readonly listPicker?: ChatListPicker;
  /** The message holds content this widget cannot show: a plain fallback is shown instead. */
  readonly unsupported?: boolean;
}

/** A stable key across acknowledgement (when `id` changes from the local id to the server's). */
export function messageKey(message: ChatMessage): string {
  return message.clientId ?? message.id;
}
