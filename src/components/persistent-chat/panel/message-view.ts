import { html, nothing, type TemplateResult } from 'lit';
import type { ChatMessage, ChatReply, QuickReply } from '../../../base/chat-message.js';
import { isNotice } from '../../../conversation/notices.js';
import { timeOfDay } from './formatters.js';
import { linkify } from './linkify.js';
import { renderMarkdown } from './markdown.js';
import { renderAttachments, renderCards, renderDatePicker, renderListPicker, type RichActions } from './rich-content-view.js';
import type { ChatStrings } from '../strings.js';

export interface MessageActions extends RichActions {
  retry(clientId: string): void;
  chooseReply(reply: ChatReply): void;
}

/** How a message is shown: in which language, whether agent text is markdown, whether its choices can still be made. */
export interface MessageContext {
  readonly locale: string | undefined;
  readonly markdown: boolean;
  /** The message's choices (quick replies, cards' buttons, pickers) are the newest, and unanswered. */
  readonly open: boolean;
  /** How the deployment's agents leave (`conversationDisconnect.type`). */
  readonly disconnect?: 'read-only' | 'send' | undefined;
  /** This tab uploads the visitor's files (it holds the connection): it can cancel them. */
  readonly uploadsHere?: boolean;
}

/**
 * One transcript entry. Text goes through lit's escaping, and only http(s) addresses in
 * agent text become links: nothing the server sends is ever HTML.
 */
export function renderMessage(message: ChatMessage, strings: ChatStrings, context: MessageContext, actions: MessageActions): TemplateResult {
  const { locale } = context;
  if (message.author === 'notice') {
    // Where the deployment's agents end chats (read-only disconnect), an agent leaving is said so.
    const kind = isNotice(message) && message.notice === 'agent-left' && context.disconnect === 'read-only' ? 'agent-ended' : isNotice(message) ? message.notice : undefined;
    const text = kind && kind !== 'page' ? (strings.notices[kind] ?? message.text) : message.text;
    return html`<li class="notice" part="message notice" data-notice=${isNotice(message) ? message.notice : nothing}>${text}</li>`;
  }
  const mine = message.author === 'visitor';
  const who = mine ? strings.you : (message.senderName ?? strings.agent);
  return html`<li class="message ${mine ? 'mine' : 'theirs'}" part="message ${mine ? 'visitor-message' : 'agent-message'}" data-delivery=${message.delivery ?? nothing}>
    <span class="visually-hidden">${who}:</span>
    ${!mine && message.senderName ? html`<span class="sender" aria-hidden="true">${message.senderName}</span>` : nothing}
    ${renderText(message, context)}
    ${renderRich(message, strings, context, actions)}
    <span class="meta">${renderMeta(message, strings, locale, actions)}</span>
  </li>`;
}

/**
 * What the message holds besides text. A stored copy could be malformed (the cache is the
 * page's storage): whatever cannot be rendered shows the plain fallback, never breaks the panel.
 */
function renderRich(message: ChatMessage, strings: ChatStrings, { locale, open, uploadsHere = false }: MessageContext, actions: MessageActions): unknown {
  const unsupported = html`<p class="bubble unsupported" part="unsupported">${strings.rich.unsupported}</p>`;
  try {
    return html`${message.unsupported ? unsupported : nothing}
      ${message.attachments?.length ? renderAttachments(message.attachments, strings, locale, actions, uploadsHere) : nothing}
      ${message.cards?.length ? renderCards(message, message.cards, strings, open, actions) : nothing}
      ${message.datePicker ? renderDatePicker(message, message.datePicker, strings, locale, open, actions) : nothing}
      ${message.listPicker ? renderListPicker(message, message.listPicker, strings, open, actions) : nothing}
      ${message.quickReplies?.length ? renderQuickReplies(message, message.quickReplies, strings, actions, open) : nothing}`;
  } catch {
    return unsupported;
  }
}

/** The visitor's text as typed; an agent's with its addresses as links, or as markdown where the deployment says so. */
function renderText(message: ChatMessage, context: MessageContext): unknown {
  if (!message.text) return nothing;
  if (message.author === 'visitor') return html`<p class="bubble" dir="auto">${message.text}</p>`;
  if (context.markdown) return html`<div class="bubble markdown" dir="auto">${renderMarkdown(message.text)}</div>`;
  return html`<p class="bubble" dir="auto">${linkify(message.text)}</p>`;
}

/** Choices under the message; once one is chosen (or the visitor writes), the set is closed. */
function renderQuickReplies(message: ChatMessage, replies: readonly QuickReply[], strings: ChatStrings, actions: MessageActions, open: boolean): TemplateResult {
  return html`<div class="quick-replies" part="quick-replies" role="group" aria-label=${strings.quickReplies}>
    ${replies.map(
      (reply) =>
        html`<button type="button" part="quick-reply" ?disabled=${!open}
          @click=${() => actions.chooseReply({ ...reply, type: 'QuickReply', originatingMessageId: message.id })}>${reply.text}</button>`,
    )}
  </div>`;
}

function renderMeta(message: ChatMessage, strings: ChatStrings, locale: string | undefined, actions: MessageActions): unknown {
  if (message.delivery === 'sending') return html`${strings.sending}`;
  if (message.delivery === 'failed' && message.clientId) {
    const clientId = message.clientId;
    // A message with files says, in the visitor's language, why they did not go.
    const why = message.attachments?.some(({ state }) => state === 'failed') ? uploadFailure(message.failure, strings) : undefined;
    return html`${why ? html`<span class="failed-because" part="upload-failure">${why}</span>` : nothing}<span class="failed" title=${message.failure ?? ''}>${strings.failed}</span>
      <button class="retry" type="button" @click=${() => actions.retry(clientId)}>${strings.retry}</button>`;
  }
  const time = timeOfDay(locale).format(new Date(message.time));
  const sent = message.delivery === 'sent' ? html`<span class="sent"><span aria-hidden="true">✓</span><span class="visually-hidden">${strings.sent}</span></span>` : nothing;
  return html`<time datetime=${message.time}>${time}</time>${sent}`;
}

/**
 * Why a message's files were not sent, from its failure: the service's file error codes
 * (4001 to 4010), a cut or refused upload, or the visitor's own cancel.
 */
function uploadFailure(failure: string | undefined, strings: ChatStrings): string {
  const why = strings.files.failed;
  if (failure === 'cancelled') return why.cancelled;
  const code = /^(\d{3,4})\b/.exec(failure ?? '')?.[1];
  if (code === '4001') return why.type;
  if (code === '4002') return why.size;
  if (code === '4003') return why.content;
  if (code === '4004' || code === '4005') return why.name;
  if (code === '4008' || code === '4009' || code === '4010') return why.expired;
  if (failure?.includes('not kept')) return why.notKept;
  return why.other;
}
