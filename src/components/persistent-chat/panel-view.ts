import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { messageKey } from '../../conversation/chat-message.js';
import type { ConversationSnapshot } from '../../conversation/conversation.js';
import { renderMessage } from './message-view.js';
import type { ChatStrings } from './strings.js';

export interface PanelState {
  readonly strings: ChatStrings;
  readonly snapshot: ConversationSnapshot | undefined;
  /** The settings let the widget connect at all. */
  readonly usable: boolean;
  /** The visitor asked to end the chat and is being asked to confirm. */
  readonly confirmingEnd: boolean;
}

export interface PanelActions {
  close(): void;
  askToEnd(): void;
  confirmEnd(): void;
  cancelEnd(): void;
  startNewChat(): void;
  retry(clientId: string): void;
  submit(event: SubmitEvent): void;
  composerKeydown(event: KeyboardEvent): void;
  composerInput(event: InputEvent): void;
  panelKeydown(event: KeyboardEvent): void;
}

/** The open panel: header, transcript, typing line, and the composer or the ended state. */
export function renderPanel(state: PanelState, actions: PanelActions): TemplateResult {
  const { strings, snapshot, usable } = state;
  const messages = snapshot?.messages ?? [];
  return html`
    <section class="panel" part="panel" id="panel" role="dialog" aria-label=${strings.title} @keydown=${actions.panelKeydown}>
      ${renderHeader(state, actions)}
      ${state.confirmingEnd ? renderEndConfirmation(strings, actions) : nothing}
      ${messages.length === 0
        ? html`<p class="transcript empty" part="transcript">${usable ? strings.emptyState : strings.unavailable}</p>`
        : html`<ol class="transcript" part="transcript" role="log" aria-live="polite" aria-relevant="additions" aria-label=${strings.transcriptLabel}>
            ${repeat(messages, messageKey, (message) => renderMessage(message, strings, actions.retry))}
          </ol>`}
      <div class="typing" aria-live="polite">${snapshot?.agentTyping ? strings.typing(snapshot.agentTyping.name) : nothing}</div>
      ${snapshot?.ended ? renderEnded(strings, actions) : renderComposer(strings, usable, actions)}
    </section>`;
}

function renderHeader({ strings, snapshot, usable }: PanelState, actions: PanelActions): TemplateResult {
  const state = usable ? (snapshot?.connection ?? 'idle') : 'unavailable';
  const elsewhere = snapshot?.elsewhere && snapshot.connection === 'connected';
  const status = !usable ? strings.unavailableStatus : elsewhere ? strings.connectedElsewhere : strings.connection[snapshot?.connection ?? 'idle'];
  const canEnd = usable && snapshot?.hasSession && !snapshot.ended;
  return html`
    <header part="header">
      <div class="titles">
        <h2>${strings.title}</h2>
        <p class="status" data-state=${state} role="status">${status}</p>
      </div>
      ${canEnd ? html`<button class="icon-button" part="end-button" type="button" aria-label=${strings.endChat} title=${strings.endChat} @click=${actions.askToEnd}>${endIcon}</button>` : nothing}
      <button class="icon-button" type="button" aria-label=${strings.minimise} title=${strings.minimise} @click=${actions.close}>${minimiseIcon}</button>
    </header>`;
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

function renderEnded(strings: ChatStrings, actions: PanelActions): TemplateResult {
  return html`
    <div class="ended" part="ended">
      <p>${strings.chatEnded}</p>
      <button type="button" class="send" @click=${actions.startNewChat}>${strings.startNewChat}</button>
    </div>`;
}

function renderComposer(strings: ChatStrings, usable: boolean, actions: PanelActions): TemplateResult {
  return html`
    <form part="composer" @submit=${actions.submit}>
      <textarea rows="1" maxlength="4096" aria-label=${strings.composerLabel} placeholder=${strings.composerPlaceholder}
        ?disabled=${!usable} @keydown=${actions.composerKeydown} @input=${actions.composerInput}></textarea>
      <button class="send" part="send-button" type="submit" ?disabled=${!usable}>${strings.send}</button>
    </form>`;
}

const minimiseIcon = html`<svg viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" aria-hidden="true"><path d="M6 12h12"/></svg>`;
const endIcon = html`<svg viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M9 4H6a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h3M15 16l4-4-4-4M19 12H9"/></svg>`;
