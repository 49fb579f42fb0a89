import type { CardAction, ChatAttachment, ChatCard, ChatDatePicker, ChatListPicker, ChatMessage, QuickReply } from '../base/chat-message.js';
import { isRecord } from '../transport/guest-api-frames.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
export type RichParts = Pick<Mutable<ChatMessage>, 'quickReplies' | 'attachments' | 'cards' | 'carousel' | 'datePicker' | 'listPicker' | 'unsupported'>;

/** Content kinds read through the message's text: the visitor's answers, and text items. */
const silentKinds = new Set(['ButtonResponse', 'Text']);
const mediaTypes = new Set(['Image', 'Video', 'Audio', 'File', 'Link']);
const maxItems = 12;

/**
 * The `content` items of a message, as the widget shows them: attachments, cards (one, or
 * a carousel's), a time-slot picker, a list picker and quick replies. Malformed items are
 * left out; items of a kind this widget cannot show mark the message `unsupported`, so that
 * it says so instead of vanishing. Addresses are kept only when http(s).
 */
export function richPartsOf(content: unknown): RichParts {
  const parts: RichParts = {};
  const items = Array.isArray(content) ? content.filter(isRecord) : [];
  const attachments: ChatAttachment[] = [];
  const cards: ChatCard[] = [];
  const replies: QuickReply[] = [];
  for (const item of items) {
    const kind = item.contentType;
    // An item of a kind the widget shows, but malformed, is said to be there rather than left out.
    let shown = true;
    if (kind === 'Attachment') {
      const attachment = attachmentOf(item.attachment);
      if (attachment) attachments.push(attachment);
      shown = attachment !== undefined;
    } else if (kind === 'Card') {
      const card = cardOf(item.card);
      if (card) cards.push(card);
      shown = card !== undefined;
    } else if (kind === 'Carousel') {
      const inCarousel = (isRecord(item.carousel) && Array.isArray(item.carousel.cards) ? item.carousel.cards : []).map(cardOf).filter((card) => card !== undefined);
      cards.push(...inCarousel);
      parts.carousel = true;
      shown = inCarousel.length > 0;
    } else if (kind === 'QuickReply' && isRecord(item.quickReply) && nonEmpty(item.quickReply.text)) {
      const reply = item.quickReply;
      replies.push({ text: String(reply.text), payload: typeof reply.payload === 'string' ? reply.payload : String(reply.text) });
    } else if (kind === 'DatePicker') {
      parts.datePicker = datePickerOf(item.datePicker);
      shown = parts.datePicker !== undefined;
    } else if (kind === 'ListPicker') {
      parts.listPicker = listPickerOf(item.listPicker);
      shown = parts.listPicker !== undefined;
    } else if (typeof kind !== 'string' || !silentKinds.has(kind)) {
      shown = false;
    }
    if (!shown) parts.unsupported = true;
  }
  if (attachments.length > 0) parts.attachments = attachments.slice(0, maxItems);
  if (cards.length > 0) parts.cards = cards.slice(0, maxItems);
  else delete parts.carousel;
  if (replies.length > 0) parts.quickReplies = replies.slice(0, maxItems);
  if (!parts.datePicker) delete parts.datePicker;
  if (!parts.listPicker) delete parts.listPicker;
  return parts;
}

function attachmentOf(value: unknown): ChatAttachment | undefined {
  if (!isRecord(value) || typeof value.id !== 'string') return undefined;
  const url = httpUrl(value.url);
  if (!url) return undefined;
  const mediaType = mediaTypes.has(String(value.mediaType)) ? (value.mediaType as ChatAttachment['mediaType']) : 'File';
  // The schema names the size contentSizeBytes on requests; the service's frames and history say fileSize.
  const size = typeof value.fileSize === 'number' ? value.fileSize : value.contentSizeBytes;
  return {
    id: value.id,
    url,
    state: 'sent',
    name: nonEmpty(value.filename) ? String(value.filename) : url.split('/').pop()!.split('?')[0]!,
    mediaType,
    ...(typeof value.mime === 'string' ? { mime: value.mime } : {}),
    ...(typeof size === 'number' && size >= 0 ? { size } : {}),
  };
}

function cardOf(value: unknown): ChatCard | undefined {
  if (!isRecord(value) || !nonEmpty(value.title)) return undefined;
  const actions = (Array.isArray(value.actions) ? value.actions : []).map(actionOf).filter((action): action is CardAction => action !== undefined);
  const image = httpUrl(value.image);
  const defaultAction = actionOf(value.defaultAction);
  return {
    title: String(value.title),
    ...(nonEmpty(value.description) ? { description: String(value.description) } : {}),
    ...(image ? { image } : {}),
    ...(defaultAction?.kind === 'link' ? { link: defaultAction.value } : {}),
    actions: actions.slice(0, 6),
  };
}

function actionOf(value: unknown): CardAction | undefined {
  if (!isRecord(value) || !nonEmpty(value.text)) return undefined;
  if (value.type === 'Link') {
    const url = httpUrl(value.url);
    return url ? { kind: 'link', text: String(value.text), value: url } : undefined;
  }
  if (value.type === 'Postback' || value.type === 'Button') {
    return { kind: 'postback', text: String(value.text), value: typeof value.payload === 'string' ? value.payload : String(value.text) };
  }
  return undefined;
}

function datePickerOf(value: unknown): ChatDatePicker | undefined {
  if (!isRecord(value) || !Array.isArray(value.availableTimes)) return undefined;
  const slots = value.availableTimes
    .filter(isRecord)
    .filter((slot) => typeof slot.dateTime === 'string' && !Number.isNaN(Date.parse(slot.dateTime)))
    .map((slot) => ({ dateTime: String(slot.dateTime), ...(typeof slot.duration === 'number' ? { duration: slot.duration } : {}) }))
    .slice(0, 50);
  if (slots.length === 0) return undefined;
  return { ...(nonEmpty(value.title) ? { title: String(value.title) } : {}), ...(nonEmpty(value.subtitle) ? { subtitle: String(value.subtitle) } : {}), slots };
}

function listPickerOf(value: unknown): ChatListPicker | undefined {
  if (!isRecord(value) || !Array.isArray(value.sections)) return undefined;
  const received = isRecord(value.receivedMessage) ? value.receivedMessage : {};
  const sections = value.sections
    .filter(isRecord)
    .map((section) => ({
      title: nonEmpty(section.title) ? String(section.title) : '',
      multiple: section.multipleSelection === true,
      items: (Array.isArray(section.items) ? section.items.filter(isRecord) : [])
        .filter((item) => typeof item.id === 'string' && nonEmpty(item.title))
        .map((item) => {
          const image = httpUrl(item.imageUrl);
          return { id: String(item.id), title: String(item.title), ...(nonEmpty(item.subtitle) ? { subtitle: String(item.subtitle) } : {}), ...(image ? { image } : {}) };
        })
        .slice(0, 30),
    }))
    .filter((section) => section.items.length > 0);
  if (sections.length === 0) return undefined;
  return {
    title: nonEmpty(received.title) ? String(received.title) : '',
    ...(nonEmpty(received.subtitle) ? { subtitle: String(received.subtitle) } : {}),
    ...(nonEmpty(received.buttonLabel) ? { buttonLabel: String(received.buttonLabel) } : {}),
    sections,
  };
}

function nonEmpty(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

/** Only http(s) addresses are kept; anything else (javascript:, data:) is dropped. */
export function httpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
