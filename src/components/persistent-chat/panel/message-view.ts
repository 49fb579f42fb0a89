import { html, nothing, type TemplateResult } from 'lit';
import type { ChatMessage, QuickReply } from '../../../base/chat-message.js';
import { isNotice } from '../../../conversation/notices.js';
import { timeOfDay } from './formatters.js';
import { linkify } from './linkify.js';
import type { ChatStrings } from '../strings.js';

export interface MessageActions {
  retry(clientId: string): void;
  chooseReply(reply: QuickReply): void;
}

/**
 * One transcript entry. Text goes through lit's escaping, and only http(s) addresses in
 * agent text become links: nothing the server sends is ever HTML.
 */
export function renderMessage(message: ChatMessage, strings: ChatStrings, locale: string | undefined, actions: MessageActions, repliesOpen: boolean): TemplateResult {
  if (message.author === 'notice') {
    const text = isNotice(message) && message.notice !== 'page' ? (strings.notices[message.notice] ?? message.text) : message.text;
    return html`<li class="notice" part="message notice" data-notice=${isNotice(message) ? message.notice : nothing}>${text}</li>`;
  }
  const mine = message.author === 'visitor';
  const who = mine ? strings.you : (message.senderName ?? strings.agent);
  return html`<li class="message ${mine ? 'mine' : 'theirs'}" part="message ${mine ? 'visitor-message' : 'agent-message'}" data-delivery=${message.delivery ?? nothing}>
    <span class="visually-hidden">${who}:</span>
    ${!mine && message.senderName ? html`<span class="sender" aria-hidden="true">${message.senderName}</span>` : nothing}
    ${message.text ? html`<p class="bubble" dir="auto">${mine ? message.text : linkify(message.text)}</p>` : nothing}
    ${message.quickReplies?.length ? renderQuickReplies(message.quickReplies, strings, actions, repliesOpen) : nothing}
    <span class="meta">${renderMeta(message, strings, locale, actions)}</span>
  </li>`;
}

/** Choices under the message; once one is chosen (or the visitor writes), the set is closed. */
function renderQuickReplies(replies: readonly QuickReply[], strings: ChatStrings, actions: MessageActions, open: boolean): TemplateResult {
  return html`<div class="quick-replies" part="quick-replies" role="group" aria-label=${strings.quickReplies}>
    ${replies.map((reply) => html`<button type="button" part="quick-reply" ?disabled=${!open} @click=${() => actions.chooseReply(reply)}>${reply.text}</button>`)}
  </div>`;
}

function renderMeta(message: ChatMessage, strings: ChatStrings, locale: string | undefined, actions: MessageActions): unknown {
  if (message.delivery === 'sending') return html`${strings.sending}`;
  if (message.delivery === 'failed' && message.clientId) {
    const clientId = message.clientId;
    return html`<span class="failed" title=${message.failure ?? ''}>${strings.failed}</span>
      <button class="retry" type="button" @click=${() => actions.retry(clientId)}>${strings.retry}</button>`;
  }
  const time = timeOfDay(locale).format(new Date(message.time));
  const sent = message.delivery === 'sent' ? html`<span class="sent"><span aria-hidden="true">✓</span><span class="visually-hidden">${strings.sent}</span></span>` : nothing;
  return html`<time datetime=${message.time}>${time}</time>${sent}`;
}
