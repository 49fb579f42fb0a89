import type { ReactiveControllerHost, TemplateResult } from 'lit';
import type { ChatMessage } from '../../../base/chat-message.js';
import type { ChatSession } from '../../../session/chat-session.js';
import type { SettingValues } from '../../../session/session-settings.js';
import type { ChatStrings } from '../strings.js';
import { ComposerFiles } from './composer-files.js';
import { renderPanel, type PanelActions } from './panel-view.js';
import { TranscriptScroll } from './transcript-scroll.js';

/** What the open panel needs of the element. */
export interface PanelElement extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
  close(): void;
  endChat(): void;
  send(text: string): Promise<ChatMessage>;
  /** The composer takes focus after the next update. */
  focusComposer(): void;
}

/**
 * The open panel's behaviour: what its buttons and the composer do, where the transcript is
 * scrolled, the files chosen for the next message. It comes with the panel's code (its
 * chunk), so that the element itself stays a shell: a launcher, and this once it is here.
 */
export class OpenPanel {
  #confirmingEnd = false;
  readonly #scroll: TranscriptScroll;
  readonly #files: ComposerFiles;

  constructor(
    private readonly element: PanelElement,
    private readonly chat: ChatSession,
    private readonly settings: () => SettingValues,
  ) {
    this.#scroll = new TranscriptScroll(
      element,
      () => element.renderRoot.querySelector<HTMLElement>('.transcript') ?? undefined,
      () => settings().windowSize,
      () => chat.snapshot?.messages.length ?? 0,
    );
    this.#files = new ComposerFiles(element, chat, () => settings().uploads);
  }

  render(strings: ChatStrings, locale: string | undefined, announcement: string): TemplateResult {
    const { chat } = this;
    return renderPanel(
      {
        strings,
        locale,
        snapshot: chat.snapshot,
        usable: chat.configured,
        confirmingEnd: this.#confirmingEnd,
        shown: this.#scroll.shown,
        newBelow: this.#scroll.newBelow,
        announcement,
        thirdPartyNotice: chat.thirdPartyNotice(this.settings().thirdPartyNotice),
        files: this.#files,
      },
      this.#actions,
    );
  }

  /** A message arrived while the panel is open. */
  arrived(): void {
    this.#scroll.arrived();
  }

  /** The chat ended, or the visitor thought better of ending it: no more asking. */
  stopAskingToEnd(): void {
    this.#askToEnd(false);
  }

  #askToEnd(asking: boolean): void {
    this.#confirmingEnd = asking;
    this.element.requestUpdate();
  }

  readonly #actions: PanelActions = {
    close: () => this.element.close(),
    askToEnd: () => this.#askToEnd(true),
    confirmEnd: () => this.element.endChat(),
    cancelEnd: () => this.#askToEnd(false),
    startNewChat: () => {
      this.element.focusComposer();
      this.chat.startNewChat();
    },
    retry: (clientId) => this.chat.retry(clientId),
    refreshAttachment: (id) => this.chat.attachmentUrl(id),
    cancelUpload: (id) => this.chat.cancelUpload(id),
    chooseReply: (reply) => {
      this.#scroll.pin();
      void this.chat.send(reply.text, reply);
    },
    showNewest: () => this.#scroll.showNewest(),
    showEarlier: () => this.#scroll.showEarlier(),
    scrolled: () => this.#scroll.scrolled(),
    submit: (event) => this.#submit(event),
    draftChanged: (text) => this.chat.setDraft(text),
  };

  /** Send: the text, with the chosen files if any (one message). */
  #submit(event: SubmitEvent): void {
    event.preventDefault();
    const composer = this.element.renderRoot.querySelector('textarea');
    const text = composer?.value ?? '';
    const files = this.#files.sendable;
    if (!composer || (text.trim() === '' && !files) || !this.chat.configured) return;
    composer.value = '';
    this.#scroll.pin();
    if (files) this.#files.send(text);
    else void this.element.send(text);
  }
}
