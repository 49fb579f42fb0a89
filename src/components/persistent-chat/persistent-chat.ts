import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { ChatMessage } from '../../base/chat-message.js';
import type { SessionHooks } from '../../storage/adapters/hooks-adapter.js';
import type { AuthMode, AuthProvider } from '../../auth/auth-provider.js';
import type { StorageStatus } from '../../storage/session-store.js';
import { defaultSettings, readSettings, settingNames, settingSpecs, type SettingName, type SettingValues } from '../../session/session-settings.js';
import { UnreadableJson } from '../../session/json-setting.js';
import { SessionController, type SessionHost } from './session-controller.js';
import { settingProperties } from './setting-properties.js';
import type { OpenPanel } from './panel/index.js';
import { PanelLoader } from './panel-loader.js';
import { persistentChatStyles } from './persistent-chat.styles.js';
import { ChatOwnershipEvent } from '../../events/chat-events.js';
import { englishStrings, translationFor, type ChatStrings } from './strings.js';
import { errorText } from '../../base/error-text.js';
import type { Translation } from './translation.js';
import { givesNoTexts } from './page-texts.js';
import { chatIcon, closeIcon } from './launcher-icons.js';
import { Invitations, type InvitationHost } from './invitations.js';
import { LazyChunk } from '../../base/lazy-chunk.js';

/**
 * A chat with a contact centre over the Genesys Cloud Web Messaging Guest API, kept alive
 * across page loads.
 *
 * @summary Embeddable chat launcher and panel.
 *
 * @attr deployment-id - The Web Messaging deployment id (required).
 * @attr region - A Genesys Cloud domain such as `mypurecloud.com` or `euw2.pure.cloud`.
 * @attr endpoint - A full `ws://` or `wss://` Guest API URL; overrides `region`.
 * @attr name - Keeps several widgets on one site apart (default `default`).
 * @attr storage - `auto` (default), or one of `cookie`, `local`, `indexeddb`, `iframe`, `memory`, `hooks`.
 * @attr cookie-domain - `auto` (default: the highest domain the browser accepts), `none` (this host only), or a parent domain.
 * @attr iframe-url - The address of your storage hub (`hub.html`), which carries the session to your other domains where the browser allows it.
 * @attr third-party-notice - Tells the visitor when their browser keeps the chat from following them to your other sites.
 * @attr consent - `granted` (default), `pending` (memory only until granted) or `denied` (memory only; stored data is deleted).
 * @attr persist - How long the conversation is kept on this device: `session` (default: until the browser closes), `days:N` (N days after its last activity), or `none` (memory only).
 * @attr guest-attributes - Guest attributes for the contact centre: a flat JSON object (the `guestAttributes` property takes the object).
 * @attr context-attributes - Page context sent with them: `auto` (source, url, referrer, pageTitle), `none`, a list of those, plus `full-url` to keep query strings.
 * @attr attributes-endpoint - A path on this site that checks guest attributes: it gets `{ sessionId, attributes }` by POST once a session starts and when they change.
 * @attr auth - `optional` or `required`: the page signs its visitors in (give the `auth` property a provider); a signed-in visitor's conversation follows them to every device and domain. `required`: no chat until signed in.
 * @attr async - Asynchronous chat: when the agent ends an interaction the chat stays open, with a notice.
 * @attr auto-open - Opens the chat this many seconds after the first page of a visit, unless the visitor closed an auto-opened chat before.
 * @attr theme - `auto` (default) follows the visitor's light or dark preference; `light` and `dark` force one.
 * @attr uploads - `auto` (default): the visitor may send files where the deployment takes them; `off`: never.
 * @attr notify - Flash the page title on a new agent message while the page is hidden (once per browser: in the tab that owns the chat).
 * @attr open - Reflects whether the panel is open.
 * @attr ready - Reflected once the element is configured and its session state is loaded.
 * @attr owner - Reflected on the one tab of the browser that holds the live connection (read-only).
 *
 * @fires chat-ready - The element is configured and its session state is loaded.
 * @fires chat-message - A message arrived, or one the visitor sent was acknowledged; `detail.message`.
 * @fires chat-error - Something went wrong; `detail: { code, message }`. The widget keeps working as far as it can.
 * @fires chat-ended - The chat ended: `detail.reason` is `agent` (the agent closed a synchronous chat) or `cleared` (the visitor ended it).
 * @fires chat-ownership - This tab started or stopped holding the live connection; `detail.owner`.
 * @fires chat-storage - Where the session is kept: `detail: { adapter, scope, cacheAdapter, reason? }`.
 * @fires chat-authenticated - The visitor is signed in (`auth`): `detail: { sub, name }`, as the service verified them.
 * @fires chat-signed-out - The visitor signed out (`signOut()`, `detail.reason` `visitor`) or was signed out on another device (`service`); their conversation was erased from this device.
 * @fires chat-third-party - What the storage hub can do in this browser, once it is asked (consent granted, and the visitor engaged or has a conversation): `detail: { available, storage, access }`.
 *
 * @slot launcher-icon - Replaces the launcher's chat icon.
 * @slot teaser - An invitation shown beside the launcher; the visitor can open the chat from it or dismiss it (remembered).
 * @slot header - Replaces the title and status in the panel's header.
 * @slot empty-state - Shown in the panel before the first message.
 *
 * @csspart launcher - The round button that opens and closes the chat.
 * @csspart badge - The unread count on the launcher.
 * @csspart teaser - The invitation bubble beside the launcher.
 * @csspart panel - The chat panel.
 * @csspart header - The panel's header with title and connection status.
 * @csspart transcript - The list of messages.
 * @csspart message - Every transcript entry (also `visitor-message`, `agent-message` or `notice`).
 * @csspart composer - The form with the text box.
 * @csspart attach-button - The composer's button to attach files.
 * @csspart staged-file - A file chosen for the next message (`file-refusal`: why it cannot be sent).
 * @csspart drop-target - What shows while files are dragged over the panel.
 * @csspart upload-attachment - A visitor's file on its way, in its message (with `upload-progress` and `cancel-upload`).
 * @csspart send-button - The send button.
 * @csspart end-button - The header button that ends the chat.
 * @csspart end-confirmation - The question before the chat is ended.
 * @csspart ended - What replaces the composer once the chat has ended.
 *
 * @cssproperty --chat-accent - Brand colour of the launcher, header and the visitor's messages.
 * @cssproperty --chat-accent-contrast - Text on the accent colour.
 * @cssproperty --chat-surface - Panel background.
 * @cssproperty --chat-text - Main text colour.
 * @cssproperty --chat-radius - Corner radius of the panel.
 * @cssproperty --chat-font - Font family.
 * @cssproperty --chat-launcher-size - Diameter of the launcher.
 * @cssproperty --chat-offset - Distance from the viewport's corner.
 * @cssproperty --chat-panel-width - Width of the panel.
 * @cssproperty --chat-panel-height - Height of the panel.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the interface below
export class PersistentChat extends LitElement implements SessionHost, InvitationHost {
  static override styles = persistentChatStyles;
  /** The settings (`session/session-settings.ts` lists them, with what a change to each does). */
  static override properties = {
    ...settingProperties(),
    opened: { type: Boolean, reflect: true, attribute: 'open' },
    announcement: { state: true },
  };

  /** Whether the panel is open; use `open()` and `close()` to change it. */
  opened = false;
  private announcement = '';

  get #composer(): HTMLTextAreaElement | null {
    return this.renderRoot?.querySelector('textarea') ?? null;
  }

  readonly #chat = new SessionController(this).session;
  /** The settings as checked: what the page gave, or the default where it gave the wrong type. */
  #settings: SettingValues = defaultSettings();
  /** The wrong-typed settings reported last time: each is reported once, when it is given. */
  #settingProblems = new Set<string>();
  /** The open panel's behaviour: made with the panel's code. */
  #open: OpenPanel | undefined;
  readonly #invitations = new Invitations(
    this,
    (flag) => this.#chat.said(flag),
    (flag) => this.#chat.remember(flag),
  );
  readonly #panel = new PanelLoader(
    this,
    () => (this.constructor as typeof LitElement).elementStyles,
    (message) => this.#chat.report({ code: 'panel-unavailable', message }),
  );
  /** The texts in the page's language, and the page's own: their code is a chunk, fetched only when the page needs more than the built-in English. */
  readonly #translation = new LazyChunk<Translation>(async () => new (await import('./translation.js')).Translation(this, (message) => this.#chat.warn(message)));
  /** Flashes the page's title (`notify`): a chunk of its own, fetched the first time it flashes. */
  readonly #titleAlert = new LazyChunk(async () => new (await import('./title-alert.js')).TitleAlert((count) => this.#strings.newMessageTitle(count)));

  constructor() {
    super();
    for (const name of settingNames) (this as Record<SettingName, unknown>)[name] = settingSpecs[name].initial;
  }

  /** The language of the widget: its own `lang`, else the page's. */
  get #locale(): string | undefined {
    return this.lang || document.documentElement.lang || undefined;
  }

  #owner = false;
  #restoreDraft = true;
  #focusAfterUpdate: 'composer' | 'launcher' | undefined;

  /** `lang` is the element's native attribute, not a lit property: a page that switches language is followed too. */
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang' && old !== value) this.requestUpdate();
  }

  /** Whether the element is configured and its session state is loaded (the `ready` attribute). */
  get ready(): boolean {
    return this.#chat.ready;
  }

  /** Where the session is kept, and how far it reaches (the last `chat-storage` detail). */
  get storageStatus(): StorageStatus {
    return this.#chat.storageStatus;
  }

  get #strings(): ChatStrings {
    const translation = this.#translation.value;
    if (translation) return translation.withPageStrings(translation.stringsFor(this.#locale), this.strings, (message) => this.#chat.report({ code: 'invalid-property', message }));
    // English, until the code for another language or the page's own texts is here (and for good if it cannot come).
    if (translationFor(this.#locale) || !givesNoTexts(this.strings)) {
      this.#translation.load().then(
        () => this.requestUpdate(),
        (error: unknown) => this.#chat.warn(`the widget's texts could not be loaded (${errorText(error)}); showing English`),
      );
    }
    return englishStrings;
  }

  /** The texts' code, or a translation, on its way. */
  get #textsLoading(): Promise<unknown> | undefined {
    return this.#translation.loading ?? this.#translation.value?.loading;
  }

  /**
   * Merges `attributes` (a flat object) into the guest attributes, which go with the visitor's
   * next message. Call it any time, even before `chat-ready`; nothing set is dropped. Rejects
   * a malformed object (TypeError), or one that would exceed the session's byte budget
   * (RangeError, and `chat-error` with `attributes-too-large`).
   */
  setGuestAttributes(attributes: Record<string, string | number | boolean>): Promise<void> {
    return this.#chat.setGuestAttributes(attributes);
  }

  /**
   * Signs the visitor out (`auth`): the sign-in is revoked on every device of theirs, their
   * conversation is erased from this device (every tab), and `chat-signed-out` fires. Call it
   * when your site signs its user out. Never rejects: a sign-out the service does not confirm
   * is reported (`chat-error` `auth-sign-out-failed`), and the conversation is erased anyway.
   */
  signOut(): Promise<void> {
    this.#configureIfPending();
    return this.#chat.signOut();
  }

  /** Ends the chat for good, without asking (the header's end button asks first). */
  endChat(): void {
    this.#open?.stopAskingToEnd();
    this.#chat.endChat();
  }

  /** Adds a notice of the page's own to the transcript, as Genesys' `WebChat.injectMessage` does. */
  injectMessage(text: string): ChatMessage {
    if (typeof text !== 'string' || text.trim() === '') throw new TypeError('injectMessage(text) needs a non-empty string');
    this.#configureIfPending();
    const injected = this.#chat.inject(text);
    if (!injected) throw new Error('<persistent-chat> cannot inject a message: set deployment-id and region or endpoint first');
    return injected;
  }

  /**
   * `url` with a hand-off of the visitor's conversation, for a navigation the page makes
   * itself (a router, `location.assign`): where it goes to a linked site (`linked-domains`)
   * and the visitor has a conversation, the conversation follows; otherwise `url` as it was.
   */
  decorate(url: string): string {
    return this.#chat.decorate(url);
  }

  /** Resolves once `chat-ready` has fired, however late it is called. */
  whenReady(): Promise<void> {
    return this.#chat.whenReady();
  }

  /** Opens the panel and connects (starting a session if the visitor has none yet). */
  open(): void {
    if (!this.opened) this.#focusAfterUpdate = 'composer';
    this.opened = true;
    this.#configureIfPending();
    this.#chat.activate();
    this.#chat.openChanged(true);
  }

  /** Minimises the panel; the conversation carries on. */
  close(): void {
    if (this.opened && this.shadowRoot?.activeElement) this.#focusAfterUpdate = 'launcher';
    if (this.opened) this.#invitations.closing();
    this.opened = false;
    this.#chat.openChanged(false);
  }

  protected override firstUpdated(): void {
    void this.whenReady().then(() => {
      this.#invitations.scheduleAutoOpen(this.#settings.autoOpen);
      // A visitor with a conversation is likely to open it: fetch the panel once the page is idle.
      if (this.#chat.snapshot?.hasSession) this.#panel.loadWhenIdle();
    });
  }

  /** Also waits for the page's translation, and for the panel's code while the panel is open and it is on its way. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const complete = await super.getUpdateComplete();
    const loading = this.#textsLoading ?? (this.opened ? this.#panel.loading : undefined);
    if (!loading) return complete;
    await loading;
    return this.getUpdateComplete();
  }

  /** @internal Opened for the visitor, not by them (`auto-open`): no focus taken, no session until they write. */
  openForVisitor(): void {
    this.opened = true;
    this.#chat.openChanged(true);
  }

  /** Whether this tab holds the browser's live connection for this chat (the `owner` attribute). */
  get owner(): boolean {
    return this.#owner;
  }

  /** @internal The panel was left open on an earlier page, or another tab opened or closed it. */
  showOpen(open: boolean): void {
    this.opened = open;
  }

  /** @internal A message from the agent arrived: announce it, and alert the visitor if asked to, from one tab only. */
  agentMessageArrived(message: ChatMessage): void {
    this.announcement = `${message.senderName ?? this.#strings.agent}: ${message.text}`;
    if (this.opened) this.#open?.arrived();
    if (this.#settings.notify && this.#owner) void this.#titleAlert.load().then((alert) => alert.raise(), () => {});
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#titleAlert.value?.stop();
  }

  /** @internal */
  ownerChanged(owner: boolean): void {
    if (owner === this.#owner) return;
    this.#owner = owner;
    this.toggleAttribute('owner', owner);
    this.dispatchEvent(new ChatOwnershipEvent(owner));
  }

  /**
   * Sends `text` as the visitor. Resolves with the message once the server acknowledged it
   * (`delivery: 'sent'`) or refused it (`'failed'`); it never rejects for network reasons.
   */
  send(text: string): Promise<ChatMessage> {
    if (typeof text !== 'string' || text.trim() === '') {
      throw new TypeError('send(text) needs a non-empty string');
    }
    this.#configureIfPending();
    const sent = this.#chat.send(text);
    if (!sent) throw new Error('<persistent-chat> cannot send: set deployment-id and region or endpoint first');
    return sent;
  }

  /**
   * Sends a file as the visitor, with `text` in the same message if given. Resolves with the
   * message once the server acknowledged it or refused it. Rejects with a `TypeError` for a
   * file the deployment does not take (its type or extension, an empty file, or files at
   * all), a `RangeError` for one over its size, an `AbortError` if `signal` aborts first.
   */
  sendFile(file: File | Blob, options?: { text?: string; signal?: AbortSignal }): Promise<ChatMessage> {
    this.#configureIfPending();
    return import('../../uploads/send-files.js').then(({ sendFile }) => sendFile(this.#chat, this.#settings.uploads, file, options));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // On opening only: after a failed fetch the visitor asks again (the frame's button).
    if (changed.has('opened') && this.opened) void this.#panel.load();
    if (!this.hasUpdated || settingNames.some((key) => changed.has(key))) this.#configure();
    if (changed.has('guestAttributes')) {
      const value = this.#settings.guestAttributes;
      if (value instanceof UnreadableJson) this.#chat.declareAttributes(undefined, 'guest-attributes', 'it is not valid JSON');
      else this.#chat.declareAttributes(value, this.hasAttribute('guest-attributes') ? 'guest-attributes' : 'guestAttributes');
    }
  }

  /**
   * Checks the settings and hands them to the session, which changes what it can in place.
   * A value of the wrong type is reported once, when it is given, and its default used.
   */
  #configure(): void {
    const { values, problems } = readSettings(this as unknown as Record<SettingName, unknown>);
    this.#settings = values;
    const messages = new Set(problems.map((problem) => problem.message));
    for (const message of messages) if (!this.#settingProblems.has(message)) this.#chat.report({ code: 'invalid-property', message });
    this.#settingProblems = messages;
    this.#chat.configure(values);
  }

  /**
   * The element configures itself in its first update, a microtask after it joins the page,
   * so that attributes set just after appending it are not reported missing first. A page
   * that calls the API before then gets it configured on the spot.
   */
  #configureIfPending(): void {
    if (!this.hasUpdated && this.isConnected) this.#configure();
  }

  protected override updated(): void {
    this.toggleAttribute('ready', this.#chat.ready);
    // The third-party notice may ask for the Storage Access button (the hub's code mounts it).
    this.#chat.hub?.showAccessButton(this.renderRoot, this.#strings.thirdPartyAllow, (granted) => this.#chat.accessAnswered(granted));
    const composer = this.#composer;
    const draft = this.#chat.snapshot?.draft ?? '';
    if (composer && composer.value === '' && draft !== '' && this.#restoreDraft) composer.value = draft;
    this.#restoreDraft = !composer;
    const focus = this.#focusAfterUpdate;
    this.#focusAfterUpdate = undefined;
    if (focus === 'launcher') this.renderRoot.querySelector<HTMLElement>('.launcher')?.focus();
    if (focus === 'composer') {
      if (composer) composer.focus();
      // The panel's code (or the page's translation) is still on its way: focus the composer once it is shown.
      else if (this.opened && (this.#panel.loading || this.#textsLoading)) this.#focusAfterUpdate = focus;
    }
  }

  protected override render(): unknown {
    const strings = this.#strings;
    const unread = this.opened ? 0 : this.#chat.unread;
    const label = this.opened ? strings.launcherClose : unread > 0 ? strings.launcherUnread(unread) : strings.launcherOpen;
    return html`
      ${this.opened ? this.#renderPanel(strings) : nothing}
      <button class="launcher" part="launcher" type="button" aria-expanded=${this.opened ? 'true' : 'false'} aria-controls="panel"
        aria-label=${label} @click=${this.#toggle} @pointerenter=${this.#prefetchPanel} @focus=${this.#prefetchPanel}>
        <slot name="launcher-icon">${this.opened ? closeIcon : chatIcon}</slot>
        ${unread > 0 ? html`<span class="badge" part="badge" aria-hidden="true">${unread > 99 ? '99+' : unread}</span>` : nothing}
      </button>
      ${this.#invitations.renderTeaser(this.#chat.ready, strings.dismissTeaser, () => this.open())}`;
  }

  /** The open panel; until its code has arrived (or when it could not), a frame that says so. */
  #renderPanel(strings: ChatStrings): unknown {
    // Not in English first and then in the page's language: the frame waits for both.
    const panel = this.#textsLoading ? undefined : this.#panel.module;
    if (panel) return (this.#open ??= new panel.OpenPanel(this, this.#chat, () => this.#settings)).render(strings, this.#locale, this.announcement);
    return this.#panel.renderPending(strings, this);
  }

  /** @internal The composer takes focus after the next update (a new chat was started). */
  focusComposer(): void {
    this.#focusAfterUpdate = 'composer';
  }

  /** The visitor is about to open the chat (pointer over the launcher, or focus on it): fetch the panel's code now. */
  readonly #prefetchPanel = (): void => {
    void this.#panel.load();
  };

  #toggle(): void {
    if (this.opened) this.close();
    else this.open();
  }

}

/**
 * The settings' types, from the one list of them (`static properties` declares them to lit).
 * The few whose type is finer than the list's are narrowed here, for pages written in TypeScript.
 */
type TypedSettings = Omit<SettingValues, 'strings' | 'sessionHooks' | 'theme' | 'auth' | 'authMode'> & {
  /** The page's sign-in, for a signed-in visitor: `{ getAuthCode(), reAuthenticate?(), user? }` (see `auth/auth-provider.ts`). */
  auth: AuthProvider | undefined;
  /** The `auth` attribute: `optional`, `required`, or empty (no sign-in on this page). */
  authMode: AuthMode | '';
  /** Replaces any of the widget's texts (English by default), to reword or translate it. */
  strings: Partial<ChatStrings>;
  /** The page's own `load()` / `save(data)` for `storage="hooks"`. */
  sessionHooks: SessionHooks | undefined;
  /** `auto` follows the visitor's light or dark preference; `light` and `dark` force one. */
  theme: 'auto' | 'light' | 'dark';
};

// The class gets its setting properties from the list at run time; this gives them their types.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface PersistentChat extends TypedSettings {}
