import { html, nothing, type TemplateResult } from 'lit';
import type { ChatAttachment, ChatCard, ChatDatePicker, ChatListPicker, ChatMessage, ChatReply } from '../../../base/chat-message.js';
import type { ChatStrings } from '../strings.js';
import { fileSize, slotTime } from './formatters.js';
import { safeHref } from './linkify.js';
import { localPreviews } from './local-previews.js';
import { uploadProgressBar } from './upload-progress-bar.js';

export interface RichActions {
  chooseReply(reply: ChatReply): void;
  /** Cancels the message a file on its way belongs to (`ChatSession.cancelUpload`). */
  cancelUpload(attachmentId: string): void;
  /** A fresh address for an attachment (the Guest API's `getAttachment`), when this tab can ask for one. */
  refreshAttachment(id: string): Promise<string | undefined>;
}

/**
 * Download addresses are presigned and expire (about 10 minutes): one that has, or is about
 * to, is fetched anew before it opens. The expiry is read from the address itself
 * (`X-Amz-Date` and `X-Amz-Expires`, as S3 presigns them); an address without them is opened as is.
 */
export function hasExpired(address: string, now = Date.now()): boolean {
  const query = new URL(address).searchParams;
  const issued = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(query.get('X-Amz-Date') ?? '');
  const seconds = Number(query.get('X-Amz-Expires'));
  if (!issued || !Number.isFinite(seconds)) return false;
  const [, year, month, day, hour, minute, second] = issued.map(Number) as number[];
  return Date.UTC(year!, month! - 1, day, hour, minute, second) + (seconds - 15) * 1000 < now;
}

function opener(attachment: ChatAttachment, url: string, actions: RichActions): (event: MouseEvent) => void {
  return (event) => {
    if (!hasExpired(url)) return;
    event.preventDefault();
    void actions.refreshAttachment(attachment.id).then((fresh) => {
      const href = safeHref(fresh ?? url);
      if (href) globalThis.open(href, '_blank', 'noopener');
    });
  };
}

/** An image whose address expired (a transcript read from the cache) is fetched anew, once. */
function reloadImage(attachment: ChatAttachment, actions: RichActions): (event: Event) => void {
  return (event) => {
    const image = event.currentTarget as HTMLImageElement;
    if (image.dataset.refreshed) return;
    image.dataset.refreshed = 'true';
    void actions.refreshAttachment(attachment.id).then((fresh) => {
      if (fresh && safeHref(fresh)) image.src = fresh;
    });
  };
}

/**
 * Attachments: images shown in place (bounded), other files as a chip with name, size and
 * type. The visitor's own files, until the server has them, show their local thumbnail and
 * the upload's progress (or that they were not sent: the message offers to try again).
 */
export function renderAttachments(attachments: readonly ChatAttachment[], strings: ChatStrings, locale: string | undefined, actions: RichActions, uploadsHere = false): TemplateResult {
  return html`<div class="attachments" part="attachments">
    ${attachments.map((attachment) => {
      const href = attachment.url === undefined ? undefined : safeHref(attachment.url);
      if (!href) return attachment.state === 'sent' ? nothing : renderOnItsWay(attachment, strings, locale, uploadsHere ? actions : undefined);
      // The server's copy is here: the local thumbnail is not needed any more.
      localPreviews.drop(attachment.id);
      const open = opener(attachment, href, actions);
      if (attachment.mediaType === 'Image') {
        return html`<a class="image" part="attachment image-attachment" href=${href} target="_blank" rel="noopener noreferrer" @click=${open}>
          <img src=${href} alt=${attachment.name} loading="lazy" @error=${reloadImage(attachment, actions)} />
        </a>`;
      }
      return html`<a class="file" part="attachment file-attachment" href=${href} target="_blank" rel="noopener noreferrer" download=${attachment.name} @click=${open}>
        <span class="file-name">${attachment.name}</span><span class="file-details">${fileDetails(attachment, locale)}</span>
        <span class="visually-hidden">${strings.rich.opensInNewTab}</span>
      </a>`;
    })}
  </div>`;
}

function renderOnItsWay(attachment: ChatAttachment, strings: ChatStrings, locale: string | undefined, actions: RichActions | undefined): TemplateResult {
  const preview = localPreviews.get(attachment.id);
  const uploading = attachment.state === 'uploading';
  return html`<div class="file upload" part="attachment upload-attachment" data-state=${attachment.state}>
    ${preview ? html`<img class="thumbnail" src=${preview} alt="" />` : nothing}
    <span class="file-name">${attachment.name}</span><span class="file-details">${fileDetails(attachment, locale)}</span>
    ${uploading ? uploadProgressBar(attachment.id, strings.files.uploading(attachment.name)) : html`<span class="file-failed">${strings.failed}</span>`}
    ${uploading && actions
      ? html`<button class="cancel-upload" part="cancel-upload" type="button" aria-label=${`${strings.files.cancel}: ${attachment.name}`} @click=${() => actions.cancelUpload(attachment.id)}>${strings.files.cancel}</button>`
      : nothing}
  </div>`;
}

/** "48 kB · PNG" */
export function fileDetails({ size, mime, name }: { size?: number | undefined; mime?: string | undefined; name: string }, locale: string | undefined): string {
  // The extension where it is a short one ("PDF", "DOCX"), else the type's second half.
  const extension = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : '';
  const type = (extension && extension.length <= 5 ? extension : (mime?.split('/')[1] ?? '')).toUpperCase();
  return [size === undefined ? '' : fileSize(size, locale), type].filter(Boolean).join(' · ');
}

/** One card, or a carousel of them (a horizontally scrolled, keyboard-reachable row). */
export function renderCards(message: ChatMessage, cards: readonly ChatCard[], strings: ChatStrings, open: boolean, actions: RichActions): TemplateResult {
  const row = cards.map(
    (card) => html`<article class="card" part="card">
      ${card.image && safeHref(card.image) ? html`<img src=${safeHref(card.image)!} alt="" loading="lazy" />` : nothing}
      <h3>${card.link && safeHref(card.link) ? html`<a href=${safeHref(card.link)!} target="_blank" rel="noopener noreferrer">${card.title}</a>` : card.title}</h3>
      ${card.description ? html`<p dir="auto">${card.description}</p>` : nothing}
      <div class="card-actions">
        ${card.actions.map((action) =>
          action.kind === 'link'
            ? safeHref(action.value)
              ? html`<a part="card-link" href=${safeHref(action.value)!} target="_blank" rel="noopener noreferrer">${action.text}</a>`
              : nothing
            : html`<button type="button" part="card-button" ?disabled=${!open}
                @click=${() => actions.chooseReply({ text: action.text, payload: action.value, type: 'Button', originatingMessageId: message.id })}>${action.text}</button>`,
        )}
      </div>
    </article>`,
  );
  return message.carousel
    ? html`<div class="cards carousel" part="carousel" role="group" aria-label=${strings.rich.carousel} tabindex="0">${row}</div>`
    : html`<div class="cards">${row}</div>`;
}

/** Time slots, shown in the visitor's zone; choosing one answers with its UTC time, as the official SDK does. */
export function renderDatePicker(message: ChatMessage, picker: ChatDatePicker, strings: ChatStrings, locale: string | undefined, open: boolean, actions: RichActions): TemplateResult {
  return html`<div class="picker" part="date-picker" role="group" aria-label=${picker.title ?? strings.rich.timeSlots}>
    ${picker.title ? html`<p class="picker-title">${picker.title}</p>` : nothing}
    ${picker.subtitle ? html`<p class="picker-subtitle">${picker.subtitle}</p>` : nothing}
    <div class="slots">
      ${picker.slots.map((slot) => {
        const label = slotTime(locale).format(new Date(slot.dateTime));
        return html`<button type="button" part="time-slot" ?disabled=${!open}
          @click=${() => actions.chooseReply({ text: label, payload: slot.dateTime, type: 'DatePicker', originatingMessageId: message.id })}>${label}</button>`;
      })}
    </div>
  </div>`;
}

/** Sections of items to pick (one, or several where a section allows it), sent with one button. */
export function renderListPicker(message: ChatMessage, picker: ChatListPicker, strings: ChatStrings, open: boolean, actions: RichActions): TemplateResult {
  const choose = (event: Event) => {
    const root = (event.currentTarget as HTMLElement).closest('.picker')!;
    const chosen = [...root.querySelectorAll<HTMLInputElement>('input:checked')];
    if (chosen.length === 0) return;
    actions.chooseReply({
      text: chosen.map((input) => input.dataset.title).join(', '),
      payload: chosen.map((input) => input.value).join(','),
      type: 'ListPicker',
      originatingMessageId: message.id,
    });
  };
  return html`<div class="picker" part="list-picker">
    ${picker.title ? html`<p class="picker-title">${picker.title}</p>` : nothing}
    ${picker.subtitle ? html`<p class="picker-subtitle">${picker.subtitle}</p>` : nothing}
    ${picker.sections.map(
      (section, index) => html`<fieldset ?disabled=${!open}>
        ${section.title ? html`<legend>${section.title}</legend>` : nothing}
        ${section.items.map(
          (item) => html`<label part="list-item">
            <input type=${section.multiple ? 'checkbox' : 'radio'} name=${`${message.id}-${index}`} value=${item.id} data-title=${item.title} />
            <span>${item.title}${item.subtitle ? html`<small>${item.subtitle}</small>` : nothing}</span>
          </label>`,
        )}
      </fieldset>`,
    )}
    <button type="button" part="list-picker-send" ?disabled=${!open} @click=${choose}>${picker.buttonLabel ?? strings.rich.choose}</button>
  </div>`;
}
