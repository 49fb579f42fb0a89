import { html, nothing, type TemplateResult } from 'lit';
import type { ChatMessage } from '../../conversation/chat-message.js';
import { isNotice } from '../../conversation/notices.js';
import type { ChatStrings } from './strings.js';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** One transcript entry. Text goes through lit's escaping: nothing the server sends is ever HTML. */
export function renderMessage(message: ChatMessage, strings: ChatStrings, onRetry: (clientId: string) => void): TemplateResult {
  if (message.author === 'notice') {
    const text = isNotice(message) && message.notice !== 'page' ? (strings.notices[message.notice] ?? message.text) : message.text;
    return html`<li class="notice" part="message notice" data-notice=${isNotice(message) ? message.notice : nothing}>${text}</li>`;
  }
  const mine = message.author === 'visitor';
  const who = mine ? strings.you : (message.senderName ?? strings.agent);
  return html`<li class="message ${mine ? 'mine' : 'theirs'}" part="message ${mine ? 'visitor-message' : 'agent-message'}" data-delivery=${message.delivery ?? nothing}>
    <span class="visually-hidden">${who}:</span>
    ${!mine && message.senderName ? html`<span class="sender" aria-hidden="true">${message.senderName}</span>` : nothing}
    <p class="bubble">${message.text}</p>
    <span class="meta">${renderMeta(message, strings, onRetry)}</span>
  </li>`;
}

function renderMeta(message: ChatMessage, strings: ChatStrings, onRetry: (clientId: string) => void): unknown {
  const time = html`<time datetime=${message.time}>${timeFormat.format(new Date(message.time))}</time>`;
  if (message.delivery === 'sending') return html`${strings.sending}`;
  if (message.delivery === 'failed' && message.clientId) {
    const clientId = message.clientId;
    return html`<span class="failed" title=${message.failure ?? ''}>${strings.failed}</span>
      <button class="retry" type="button" @click=${() => onRetry(clientId)}>${strings.retry}</button>`;
  }
  return time;
}
