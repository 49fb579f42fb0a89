import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ChatMessage, ChatReply } from '../../../base/chat-message.js';
import type { ConversationSnapshot } from '../../../conversation/conversation.js';
import type { ThirdPartyNotice } from '../../../hub/hub-link.js';
import { fileSize, timeOfDay } from './formatters.js';
import type { ComposerFiles, StagedFile } from './composer-files.js';
import type { FileRefusal } from '../../../uploads/file-profile.js';
import type { OutgoingFile } from '../../../base/outbox-entry.js';
import { localPreviews } from './local-previews.js';
import { fileDetails } from './rich-content-view.js';
import { uploadProgressBar } from './upload-progress-bar.js';
import { withPanelTexts } from './panel-strings.js';
import { renderMessage } from './message-view.js';
import { onEscape } from '../keyboard.js';
import type { ChatStrings } from '../strings.js';
import { relativeDay, transcriptRows, type TranscriptRow } from './transcript-rows.js';

export interface PanelState {
  readonly strings: ChatStrings;
  readonly locale: string | undefined;
  readonly snapshot: ConversationSnapshot | undefined;
  /** The settings let the widget connect at all. */
  readonly usable: boolean;
  /** The visitor asked to end the chat and is being asked to confirm. */
  readonly confirmingEnd: boolean;
  /** How many of the newest messages are rendered; older ones wait behind "show earlier". */
  readonly shown: number;
  /** The visitor scrolled up and messages arrived below. */
  readonly newBelow: boolean;
  /** The newest message, for screen readers (the log itself is silent: see `renderTranscript`). */
  readonly announcement: string;
  /** Tell the visitor the chat cannot follow them to the organisation's other sites; `access`: they can allow it. */
  readonly thirdPartyNotice: ThirdPartyNotice | undefined;
  /** The files chosen for the next message (`allowed`: whether the visitor may send any). */
  readonly files: ComposerFiles | undefined;
}

export interface PanelActions {
  close(): void;
  askToEnd(): void;
  confirmEnd(): void;
  cancelEnd(): void;
  startNewChat(): void;
  retry(clientId: string): void;
  chooseReply(reply: ChatReply): void;
  /** A fresh address for an attachment whose own has expired. */
  refreshAttachment(id: string): Promise<string | undefined>;
  /** Cancels the message a file being uploaded belongs to. */
  cancelUpload(attachmentId: string): void;
  showNewest(): void;
  showEarlier(): void;
  scrolled(): void;
  submit(event: SubmitEvent): void;
  /** What the visitor is typing, to keep as a draft. */
  draftChanged(text: string): void;
}

/** The open panel: header, banner, transcript, typing line, and the composer or the ended state. */
export function renderPanel(given: PanelState, actions: PanelActions): TemplateResult {
  const state = { ...given, strings: withPanelTexts(given.strings), files: given.files?.allowed ? given.files : undefined };
  const { strings, snapshot } = state;
  return html`
    <section class="panel" part="panel" id="panel" role="dialog" aria-label=${strings.title}
      @keydown=${(event: KeyboardEvent) => onEscape(event, state.confirmingEnd ? actions.cancelEnd : actions.close)}
      @dragenter=${(event: DragEvent) => state.files?.dragEntered(event)} @dragover=${(event: DragEvent) => state.files?.dragOver(event)}
      @dragleave=${() => state.files?.dragLeft()} @drop=${(event: DragEvent) => state.files?.dropped(event)}>
      ${renderHeader(state, actions)}
      ${state.confirmingEnd ? renderEndConfirmation(strings, actions) : nothing}
      ${renderBanner(state)}
      ${renderThirdPartyNotice(state)}
      ${renderTranscript(state, actions)}
      ${state.newBelow ? html`<button class="new-below" part="new-messages" type="button" @click=${actions.showNewest}>${strings.newMessages} ↓</button>` : nothing}
      ${snapshot?.expiresAt && !snapshot.ended
        ? html`<p class="expiry" part="expiry-notice" role="status">${strings.rich.expiring(timeOfDay(state.locale).format(new Date(snapshot.expiresAt)))}</p>`
        : nothing}
      <div class="typing">${snapshot?.agentTyping ? strings.typing(snapshot.agentTyping.name) : nothing}</div>
      <div class="visually-hidden" role="status" aria-live="polite">${state.announcement}</div>
      ${snapshot?.ended ? renderEnded(snapshot.ended, strings, actions) : renderComposer(state, actions)}
      ${state.files?.dragging && !snapshot?.ended ? html`<div class="drop-target" part="drop-target" aria-hidden="true"><p>${strings.files.dropHere}</p></div>` : nothing}
    </section>`;
}

function renderHeader({ strings, snapshot, usable }: PanelState, actions: PanelActions): TemplateResult {
  const state = usable ? (snapshot?.connection ?? 'idle') : 'unavailable';
  const elsewhere = snapshot?.elsewhere && snapshot.connection === 'connected';
  const status = !usable ? strings.unavailableStatus : elsewhere ? strings.connectedElsewhere : strings.connection[snapshot?.connection ?? 'idle'];
  const canEnd = usable && snapshot?.hasSession && !snapshot.ended;
  const agent = [...(snapshot?.messages ?? [])].reverse().find((message) => message.author === 'agent' && message.senderName);
  return html`
    <header part="header">
      <slot name="header">
        ${agent?.avatarUrl ? html`<img class="avatar" part="avatar" src=${agent.avatarUrl} alt="" referrerpolicy="no-referrer" />` : nothing}
        <div class="titles">
          <h2>${agent?.senderName ?? strings.title}</h2>
          <p class="status" data-state=${state}>${status}</p>
        </div>
      </slot>
      ${canEnd ? html`<button class="icon-button" part="end-button" type="button" aria-label=${strings.endChat} title=${strings.endChat} @click=${actions.askToEnd}>${endIcon}</button>` : nothing}
      <button class="icon-button" type="button" aria-label=${strings.minimise} title=${strings.minimise} @click=${actions.close}>${minimiseIcon}</button>
    </header>`;
}

/** Connecting, reconnecting or offline, said where the visitor reads; and which tab holds the chat. */
function renderBanner({ strings, snapshot, usable }: PanelState): unknown {
  if (!usable || !snapshot?.hasSession) return nothing;
  const { connection, elsewhere } = snapshot;
  if (connection === 'connected' && !elsewhere) return nothing;
  const text = connection === 'connected' ? strings.connectedElsewhere : strings.connection[connection];
  return html`<div class="banner" part="connection-banner" data-state=${connection === 'connected' ? 'elsewhere' : connection} role="status">${text}</div>`;
}

/** The Storage Access button is the hub's own (a click inside its frame is what browsers ask for): it is mounted in `.access`. */
function renderThirdPartyNotice({ strings, thirdPartyNotice }: PanelState): unknown {
  if (!thirdPartyNotice) return nothing;
  return html`<div class="third-party" part="third-party-notice" role="note">
    <p>${thirdPartyNotice === 'links' ? strings.thirdPartyLinks : strings.thirdPartyNotice}</p>
    ${thirdPartyNotice === 'access' ? html`<div class="access"></div>` : nothing}
    ${thirdPartyNotice === 'refused' ? html`<p role="status">${strings.thirdPartyRefused}</p>` : nothing}
  </div>`;
}

/**
 * The newest messages, as a `role="log"` that is silent itself: older rows rendered when
 * the visitor scrolls back must not be read out as new. New messages are announced
 * through the panel's status region instead. Only the newest `shown` messages are in the
 * page, so a transcript of thousands renders as fast as a short one.
 */
function renderTranscript(state: PanelState, actions: PanelActions): TemplateResult {
  const { strings, snapshot, usable } = state;
  const messages = snapshot?.messages ?? [];
  if (messages.length === 0) {
    return html`<div class="transcript empty" part="transcript"><slot name="empty-state">${usable ? strings.emptyState : strings.unavailable}</slot></div>`;
  }
  const hidden = Math.max(0, messages.length - state.shown);
  const rows = transcriptRows(messages.slice(hidden), (date) => relativeDay(date, strings, state.locale));
  const openChoices = openChoicesKey(rows);
  const markdown = snapshot?.features?.markdown === true;
  const renderRow = (row: TranscriptRow): TemplateResult =>
    row.kind === 'day'
      ? html`<li class="day"><span>${row.label}</span></li>`
      : renderMessage(row.message, strings, { locale: state.locale, markdown, open: row.key === openChoices, disconnect: snapshot?.features?.disconnect, uploadsHere: snapshot?.elsewhere === false }, actions);
  return html`<div class="transcript" part="transcript" role="log" aria-live="off" aria-label=${strings.transcriptLabel} tabindex="0" @scroll=${actions.scrolled}>
    ${hidden > 0 ? html`<div class="earlier"><button type="button" part="show-earlier" @click=${actions.showEarlier}>${strings.showEarlier(hidden)}</button></div>` : nothing}
    <ol class="rows">${repeat(rows, (row) => row.key, renderRow)}</ol>
  </div>`;
}

/** The newest agent message with choices, while the visitor has not written since: its choices stay open. */
function openChoicesKey(rows: readonly TranscriptRow[]): string | undefined {
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i]!;
    if (row.kind !== 'message') continue;
    if (row.message.author === 'visitor') return undefined;
    if (offersChoices(row.message)) return row.key;
  }
  return undefined;
}

function offersChoices(message: ChatMessage): boolean {
  return Boolean(message.quickReplies?.length || message.cards?.some((card) => card.actions.some((action) => action.kind === 'postback')) || message.datePicker || message.listPicker);
}

function renderEndConfirmation(strings: ChatStrings, actions: PanelActions): TemplateResult {
  return html`
    <div class="confirm" part="end-confirmation" role="alertdialog" aria-label=${strings.endChat}>
      <p>${strings.endChatQuestion}</p>
      <div class="confirm-actions">
        <button type="button" class="danger" @click=${actions.confirmEnd}>${strings.endChatConfirm}</button>
        <button type="button" class="quiet" @click=${actions.cancelEnd}>${strings.endChatCancel}</button>
      </div>
    </div>`;
}

/**
 * The chat has ended. One the agent ended stays readable here; the visitor may start a new
 * chat (the old one is erased first) or erase it from this device.
 */
function renderEnded(reason: 'agent' | 'cleared', strings: ChatStrings, actions: PanelActions): TemplateResult {
  return html`
    <div class="ended" part="ended">
      <p>${strings.chatEnded}</p>
      <div class="ended-actions">
        ${reason === 'agent' ? html`<button type="button" class="quiet" part="erase-button" @click=${actions.confirmEnd}>${strings.eraseConversation}</button>` : nothing}
        <button type="button" class="send" @click=${actions.startNewChat}>${strings.startNewChat}</button>
      </div>
    </div>`;
}

function renderComposer({ strings, usable, files, locale, snapshot }: PanelState, actions: PanelActions): TemplateResult {
  const staged = files?.staged ?? [];
  const accept = snapshot?.features?.files?.types.join(',');
  return html`
    <form part="composer" @submit=${actions.submit}>
      ${staged.length > 0 ? renderStaged(staged, files!, strings, locale) : nothing}
      ${files
        ? html`<input class="file-input" type="file" multiple hidden accept=${accept || nothing} @change=${(event: Event) => chosen(event, files)} />
            <button class="icon-button attach" part="attach-button" type="button" aria-label=${strings.files.attach} title=${strings.files.attach} ?disabled=${!usable}
              @click=${(event: MouseEvent) => ((event.currentTarget as HTMLElement).previousElementSibling as HTMLInputElement).click()}>${attachIcon}</button>`
        : nothing}
      <textarea rows="1" maxlength="4096" aria-label=${strings.composerLabel} placeholder=${strings.composerPlaceholder}
        ?disabled=${!usable} @keydown=${submitOnEnter} @paste=${(event: ClipboardEvent) => files?.pasted(event)}
        @input=${(event: InputEvent) => actions.draftChanged((event.target as HTMLTextAreaElement).value)}></textarea>
      <button class="send" part="send-button" type="submit" ?disabled=${!usable}>${strings.send}</button>
    </form>`;
}

/** The chosen files, above the text: each with its thumbnail or its details, why it cannot go if it cannot, and a button to remove it. */
function renderStaged(staged: readonly StagedFile[], files: ComposerFiles, strings: ChatStrings, locale: string | undefined): TemplateResult {
  return html`<ul class="staged" part="staged-files" aria-label=${strings.files.chosen}>
    ${repeat(
      staged,
      ({ file }) => file.id,
      ({ file, refusal, uploading }) => {
        const preview = localPreviews.get(file.id);
        return html`<li class="staged-file" part="staged-file" data-state=${refusal ? 'refused' : 'ready'}>
          ${preview ? html`<img class="thumbnail" src=${preview} alt="" />` : nothing}
          <span class="staged-text">
            <span class="file-name">${file.name}</span>
            ${refusal
              ? html`<span class="refusal" part="file-refusal" role="alert">${refusalText(refusal, file, strings, locale)}</span>`
              : html`<span class="file-details">${fileDetails(file, locale)}</span>`}
            ${uploading ? uploadProgressBar(file.id, strings.files.uploading(file.name)) : nothing}
          </span>
          <button class="remove" type="button" aria-label=${strings.files.remove(file.name)} title=${strings.files.remove(file.name)} @click=${() => files.remove(file.id)}>×</button>
        </li>`;
      },
    )}
  </ul>`;
}

function chosen(event: Event, files: ComposerFiles): void {
  const input = event.target as HTMLInputElement;
  files.add(input.files ?? []);
  // The same file may be chosen again (after removing it).
  input.value = '';
}

/** Why a file cannot go, in the visitor's language: "PDF files can't be sent here", "This file is over 10 MB". */
function refusalText(refusal: FileRefusal, file: OutgoingFile, strings: ChatStrings, locale: string | undefined): string {
  const refused = strings.files.refused;
  switch (refusal.kind) {
    case 'off':
      return refused.off;
    case 'empty':
      return refused.empty;
    case 'type':
      return refused.type(fileDetails({ name: file.name, mime: file.mime }, locale) || file.mime);
    case 'size':
      return refused.size(fileSize(refusal.maxKB * 1000, locale));
    case 'extension':
      return refused.extension(refusal.extension);
  }
}

/** Enter sends, Shift+Enter starts a new line, and Enter that ends an IME composition does neither. */
function submitOnEnter(event: KeyboardEvent): void {
  if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
  event.preventDefault();
  (event.target as HTMLTextAreaElement).form?.requestSubmit();
}

const attachIcon = html`<svg viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M21 11.5l-8.6 8.6a5.5 5.5 0 0 1-7.8-7.8l8.6-8.6a3.7 3.7 0 0 1 5.2 5.2l-8.6 8.6a1.8 1.8 0 0 1-2.6-2.6l7.9-7.9"/></svg>`;
const minimiseIcon = html`<svg viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" aria-hidden="true"><path d="M6 12h12"/></svg>`;
const endIcon = html`<svg viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M9 4H6a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h3M15 16l4-4-4-4M19 12H9"/></svg>`;
