import type { ChatMessage, ChatReply } from '../base/chat-message.js';
import type { OutboxEntry, OutgoingFile } from '../base/outbox-entry.js';
import type { ChatSessionListener } from './chat-session-listener.js';

export type { ChatSessionListener };
import { resolveChatConfig, type ConfigProblem } from '../config/chat-config.js';
import { resolveStorageSettings, type Persistence } from '../config/storage-config.js';
import type { OtherSites } from './other-sites.js';
import { settleAsTheyStand } from '../conversation/handover.js';
import type { ConversationHandover, ConversationSnapshot } from '../conversation/conversation.js';
import type { NoticeKind } from '../conversation/notices.js';
import { LazyChunk } from '../base/lazy-chunk.js';
import { ChatErrorEvent, ChatReadyEvent, type ChatErrorDetail } from '../events/chat-events.js';
import type { HubLink, ThirdPartyNotice } from '../hub/hub-link.js';
import { arrivedHandoff, type ArrivedHandoff } from '../handoff/arrived-handoff.js';
import type { SessionHooks } from '../storage/adapters/hooks-adapter.js';
import type { SessionStore, StorageStatus, VisitorFlag } from '../storage/session-store.js';
import { within } from '../base/time-limit.js';
import type { HubGate } from './hub-gate.js';
import { PageAttributes } from './page-attributes.js';
import { PageContextSetting } from './page-context-setting.js';
import { SharedPanel } from './shared-panel.js';
import { buildParts, disposeParts, elsewhereWaitMs, type SessionParts } from './session-parts.js';
import { partsListener, unavailableStatus } from './parts-listener.js';
import type { MessagingAuth } from '../auth/messaging-auth.js';
import type { AuthMode, AuthProvider } from '../auth/auth-provider.js';
import { errorText } from '../base/error-text.js';
import { settingSpecs, settingsThat, type SettingName, type SettingValues } from './session-settings.js';

/** The hub and link hand-offs (see `OtherSites`): a chunk, fetched once either is wanted. */
const otherSitesCode = new LazyChunk(() => import('./other-sites.js'));
/** The code for signed-in visitors (`auth/`): a chunk, fetched only where a page has `auth`. */
const authCode = new LazyChunk(() => import('../auth/signed-in-visitor.js'));
/** The gate to the hub matters only where there is one: its code is a chunk, fetched then. */
const hubGateCode = new LazyChunk(() => import('./hub-gate.js'));
/** The settings whose change means other parts (storage, another conversation). */
const rebuildingSettings = [...settingsThat('new-conversation'), ...settingsThat('moves-conversation')];
const identitySettings = settingsThat('new-conversation');

type SessionSettings = Pick<SettingValues, SettingName>;

/**
 * One visitor's chat on this page, whatever its settings do meanwhile: builds the store,
 * tabs, hub link and conversation from the settings, changes what it can in place, and
 * when a change needs new parts, carries over everything the visitor has not yet seen
 * delivered. It holds the ready state and is the element's only door to the chat.
 */
export class ChatSession {
  readonly #listener: ChatSessionListener;
  /** The warnings given: one console warning per distinct problem, however often it happens. */
  readonly #warned = new Set<string>();
  readonly #attributes = new PageAttributes(
    () => this.#parts?.conversation,
    (problem) => this.report(problem),
  );
  #settings: SessionSettings | undefined;
  #parts: SessionParts | undefined;
  /** The hub and link hand-offs of the current parts, once their code has arrived (see `#reach`). */
  #otherSites: OtherSites | undefined;
  #reaching: Promise<OtherSites | undefined> | undefined;
  /** Whether the current parts asked for the hub already (`undefined` while their store is still looking for a stored conversation). */
  #hubAsked: boolean | undefined = false;
  /** The visitor engaged with this widget, here or (the gate heard) in another tab of this origin. */
  #engaged = false;
  /** Tells and hears the other tabs of the origin about it, where there is a hub (`HubGate`). */
  #hubGate: HubGate | undefined;
  #connected = false;
  #configProblems: readonly ConfigProblem[] = [];
  #ready = false;
  #readyWaiters: Array<() => void> = [];
  #flags: ReadonlySet<VisitorFlag> = new Set();
  readonly #context = new PageContextSetting((problem) => this.report(problem));
  /** What the last parts left, for the next ones, while there are none (the element left the page). */
  #parked: ConversationHandover | undefined;
  /** Counts the element's departures: one that is not followed by a return within the task is for good. */
  #leaves = 0;

  readonly #panel: SharedPanel;
  /** The signed-in visitor's JWTs for the current parts (`auth`), once their code has arrived. */
  #auth: Promise<MessagingAuth | undefined> | undefined;

  constructor(listener: ChatSessionListener) {
    this.#listener = listener;
    const view = { show: (open: boolean) => listener.showOpen(open), isOpen: () => listener.isOpen(), changed: () => listener.changed() };
    this.#panel = new SharedPanel(view, () => this.#parts);
  }

  get snapshot(): ConversationSnapshot | undefined {
    return this.#parts?.conversation.snapshot;
  }

  /** Whether the settings let the widget connect at all. */
  get configured(): boolean {
    return this.#parts !== undefined;
  }

  get ready(): boolean {
    return this.#ready;
  }

  whenReady(): Promise<void> {
    return this.#ready ? Promise.resolve() : new Promise((resolve) => this.#readyWaiters.push(resolve));
  }

  get storageStatus(): StorageStatus {
    return this.#parts?.store.status ?? unavailableStatus;
  }

  get configProblems(): readonly ConfigProblem[] {
    return this.#configProblems;
  }

  get unread(): number {
    return this.#panel.unread;
  }

  /** The storage hub, once its code has arrived: for the Storage Access button. */
  get hub(): HubLink | undefined {
    return this.#otherSites?.hub;
  }

  /** With `third-party-notice`: what the panel tells the visitor about the hub, if anything. */
  thirdPartyNotice(enabled: boolean): ThirdPartyNotice | undefined {
    return this.hub?.notice(enabled, this.#settings!.linkedDomains, !!this.#parts?.conversation.hasMessages);
  }

  /** `url` with a hand-off of the visitor's conversation, where it goes to a linked site (see `HandoffLink`). */
  decorate(url: string): string {
    return this.#otherSites?.decorate(url) ?? url;
  }

  /** The visitor answered the Storage Access prompt: granted, the conversation moves to where the hub now reaches; refused, say so. */
  accessAnswered(granted: boolean): void {
    const hub = this.hub;
    if (granted && hub) this.#rebuild({ sameConversation: true });
    else hub?.refused();
  }

  /** Applies the element's settings: each change as `session-settings` classifies it. */
  configure(settings: SessionSettings): void {
    const previous = this.#settings;
    this.#settings = { ...settings };
    const changed = (names: readonly SettingName[]) => !previous || names.some((name) => previous[name] !== settings[name]);
    if (changed(['contextAttributes'])) this.#context.apply(settings.contextAttributes);
    if (changed(rebuildingSettings)) return this.#rebuild({ sameConversation: !changed(identitySettings) });
    const conversation = this.#parts?.conversation;
    if (changed(['consent'])) this.#applyConsent(settings.consent);
    if (changed(['asyncChat'])) conversation?.setAsyncChat(settings.asyncChat);
    if (changed(['attributesEndpoint'])) conversation?.setAttributesEndpoint(settings.attributesEndpoint.trim() || undefined);
    if (changed(['auth'])) void this.#auth?.then((auth) => auth?.providerChanged());
  }

  /** Signs the visitor out (`auth`): the sign-in is revoked, and their conversation erased from this device. */
  signOut(reason: 'visitor' | 'service' = 'visitor'): Promise<void> {
    const conversation = this.#parts?.conversation;
    // Without the code (offline), the conversation is erased all the same.
    return authCode.load().then(({ signOut }) => signOut(this.#auth, conversation, reason, this), () => conversation?.signedOut());
  }

  /** @internal The service logged the signed-in visitor out (a sign-out on another of their devices). */
  loggedOut(): void {
    void this.signOut('service');
  }

  connect(): void {
    this.#connected = true;
    this.#panel.connect();
    if (this.#settings && !this.#parts) this.#rebuild({ sameConversation: true });
  }

  disconnect(): void {
    this.#connected = false;
    this.#panel.disconnect();
    this.#hubGate?.dispose();
    // Kept for the element's return (frameworks move nodes: out and back in one task), so that
    // nothing the visitor wrote is dropped. If it does not come back by the next task, the open
    // send() promises settle as the messages stand (stored in the outbox, they are sent on a
    // later page) rather than waiting for an element that has gone.
    this.#parked = this.#teardown(true);
    const leaving = ++this.#leaves;
    setTimeout(() => {
      if (leaving === this.#leaves && !this.#connected && this.#parked) this.#parked = settleAsTheyStand(this.#parked);
    });
  }

  /** The visitor engaged (opened the chat or wrote): make sure there is a session and a connection. */
  activate(): void {
    this.#engage();
    this.#parts?.conversation.activate();
  }

  send(text: string, reply?: ChatReply, files?: OutboxEntry['files']): Promise<ChatMessage> | undefined {
    this.#engage();
    return this.#parts?.conversation.send(text, reply, files);
  }

  /** Starts uploading a chosen file before its message (`Conversation.preupload`). */
  preupload(file: OutgoingFile): boolean {
    return this.#parts?.conversation.preupload(file) ?? false;
  }

  /** Cancels the message a file being uploaded belongs to (`Conversation.cancelUpload`). */
  cancelUpload(attachmentId: string): boolean {
    return this.#parts?.conversation.cancelUpload(attachmentId) ?? false;
  }

  /** Where the visitor's unsent files may be kept (`SessionStore.fileShelf`). */
  get fileShelf(): string | undefined {
    return this.#parts?.store.fileShelf;
  }

  /** A fresh download address for an attachment (undefined where this tab cannot ask for one). */
  attachmentUrl(id: string): Promise<string | undefined> {
    return this.#parts?.conversation.attachmentUrl(id) ?? Promise.resolve(undefined);
  }

  retry(clientId: string): void {
    this.#parts?.conversation.retry(clientId);
  }

  setDraft(text: string): void {
    this.#parts?.conversation.setDraft(text);
  }

  endChat(): void {
    this.#parts?.conversation.endChat();
  }

  startNewChat(): void {
    this.#parts?.conversation.startNewChat();
  }

  inject(text: string, kind?: NoticeKind): ChatMessage | undefined {
    return this.#parts?.conversation.inject(text, kind);
  }

  /** The panel opened or closed here: remembered for the next page and every tab; opening it in view reads everything. */
  openChanged(open: boolean): void {
    this.#panel.changedHere(open);
  }

  /** Whether the visitor said this no, on this page or an earlier one. */
  said(flag: VisitorFlag): boolean {
    const record = this.#parts?.conversation.record;
    return this.#flags.has(flag) || (flag === 'closedAutoOpen' ? record?.closedAutoOpen : record?.declinedInvitation) === true;
  }

  /** Remembers the visitor's no across pages. */
  remember(flag: VisitorFlag): void {
    this.#parts?.conversation.remember(flag === 'closedAutoOpen' ? { closedAutoOpen: true } : { declinedInvitation: true });
    void this.#parts?.store.saveFlag(flag).then(() => this.#listener.changed());
  }

  /** The declared set (attribute or property) changed: `value` is what the page gave, `source` where. */
  declareAttributes(value: unknown, source: string, unreadable?: string): void {
    this.#attributes.declare(value, source, unreadable);
  }

  /** Merges `attributes` into the guest attributes; rejects what is malformed or over the budget. */
  setGuestAttributes(value: unknown): Promise<void> {
    return this.#attributes.merge(value);
  }

  /** A console warning, once per text. */
  warn(message: string): void {
    if (this.#warned.has(message)) return;
    this.#warned.add(message);
    console.warn(`<persistent-chat>: ${message}`);
  }

  /** @internal An event for the page, from the element. */
  dispatch(event: Event): void {
    this.#listener.dispatch(event);
  }

  /** @internal The page's sign-in (`auth` property), as it is now. */
  get authProvider(): unknown {
    return this.#settings?.auth;
  }

  /** A problem for the page: a console warning (once) and `chat-error`. */
  report(detail: ChatErrorDetail): void {
    this.warn(detail.message);
    this.#listener.dispatch(new ChatErrorEvent({ code: detail.code, message: detail.message }));
  }

  #applyConsent(value: string): void {
    const resolved = resolveStorageSettings({ consent: value }, location.hostname);
    for (const problem of resolved.problems) this.report(problem);
    void this.#parts?.store.setConsent(resolved.settings.consent);
    // Granted: the hub may be used now (the parts built again look for a conversation stored on the site, and whether the visitor engaged).
    if (resolved.settings.consent === 'granted') this.#hubWanted();
  }

  /** The visitor engaged (here, or in another tab of this origin: `elsewhere`): this page's tabs may use the hub from now on. */
  #engage(elsewhere = false): void {
    if (!this.#engaged) {
      this.#engaged = true;
      if (!elsewhere) this.#hubGate?.engage();
      this.#hubWanted();
    }
    if (this.#parts && !elsewhere) void this.#offerHandoffs(this.#parts);
  }

  /**
   * The hub is wanted now (the visitor engaged here or in another tab, or consent came): parts
   * built without it are built again with it, the conversation carried over. Parts whose store
   * is still looking ask for it themselves when it has looked.
   */
  #hubWanted(): void {
    const { iframeUrl, consent } = resolveStorageSettings(this.#settings ?? {}, location.hostname).settings;
    if (this.#hubAsked === false && this.#parts && iframeUrl && consent === 'granted') this.#rebuild({ sameConversation: true });
  }

  /** Takes the parts down; with `keep`, their conversation hands over what must not be lost. */
  #teardown(keep: boolean): ConversationHandover | undefined {
    const parts = this.#parts;
    this.#parts = undefined;
    this.#otherSites?.dispose();
    this.#otherSites = this.#reaching = undefined;
    if (!parts) return this.#parked;
    this.#listener.ownerChanged(false);
    return disposeParts(parts, keep);
  }

  /**
   * New parts for the current settings. What the old conversation leaves goes to the new
   * one: all of it for the same conversation in new storage, and for another conversation
   * (another deployment or name) what the visitor wrote and has not seen delivered.
   */
  #rebuild({ sameConversation }: { sameConversation: boolean }): void {
    this.#hubGate?.unwatch();
    const left = this.#teardown(true);
    this.#parked = undefined;
    const inherit = left && !sameConversation ? { ...left, record: undefined, messages: [], lastReadId: undefined } : left;
    if (!sameConversation) this.#panel.newConversation();
    const settings = this.#settings!;
    const { config, problems } = resolveChatConfig(settings);
    const storage = resolveStorageSettings(settings, location.hostname);
    this.#configProblems = problems;
    for (const problem of [...problems, ...storage.problems]) this.report(problem);
    if (!config || !this.#connected) {
      // Kept for when the settings allow a chat again; the open promises settle now, as the messages stand.
      this.#parked = inherit && this.#connected ? settleAsTheyStand(inherit) : inherit;
      return this.#listener.changed();
    }
    const { iframeUrl, consent, persist } = storage.settings;
    const name = settings.name || settingSpecs.name.initial;
    const mode = /^(required|optional)$/.test(settings.authMode) ? (settings.authMode as AuthMode) : undefined;
    if (settings.authMode && !mode) this.report({ code: 'invalid-attribute', message: 'auth: "required" or "optional"' });
    // A hand-off that arrived with the page, until a chat took it (parts built again meanwhile look at it again).
    const arrived = arrivedHandoff();
    if (iframeUrl) this.#hearOtherTabs(`${name}:${config.deploymentId}`);
    this.#hubAsked = false;
    const these = (): SessionParts => parts;
    // Asked for only with consent, and once the visitor engaged or a conversation is stored here.
    const hub =
      iframeUrl && consent === 'granted'
        ? (store: SessionStore) => {
            // A hand-off that arrived may need the hub's list of the organisation's sites.
            if (this.#engaged || arrived) return this.#loadHub(these, iframeUrl, persist);
            this.#hubAsked = undefined;
            return store.found.then((found) => {
              if (this.#parts !== parts) return undefined;
              this.#hubAsked = found || this.#engaged;
              if (!this.#hubAsked && store.sharedWithSubdomains) void hubGateCode.load().then(() => this.#parts === parts && this.#hubGate?.watch(() => store.storedOnSite()), () => {});
              return this.#hubAsked ? this.#loadHub(these, iframeUrl, persist) : undefined;
            });
          }
        : undefined;
    const parts: SessionParts = buildParts(
      {
        name,
        config,
        storage: storage.settings,
        hooks: settings.sessionHooks as SessionHooks | undefined,
        asyncChat: settings.asyncChat,
        attributesEndpoint: settings.attributesEndpoint.trim() || undefined,
        pageContext: () => this.#context.facts(),
        hub,
        awaitingHandoff: arrived !== undefined,
        signedIn: mode && { user: (settings.auth as AuthProvider | undefined)?.user },
        inherit,
      },
      partsListener(this.#listener, this.#panel, this, () => this.#parts?.store),
    );
    this.#parts = parts;
    this.#auth = mode && authCode.load().then(({ signedInVisitor }) => signedInVisitor(this, parts.store, config, mode), () => void this.warn('no sign-in code'));
    parts.conversation.useAuth(this.#auth);
    this.#attributes.apply();
    this.#start(parts, { moved: inherit !== undefined && sameConversation, arrived });
    this.#listener.changed();
  }

  #start(parts: SessionParts, { moved, arrived }: { moved: boolean; arrived: ArrivedHandoff | undefined }): void {
    const { conversation, tabs, store, hub } = parts;
    const current = () => this.#parts === parts;
    if (!tabs) this.#listener.ownerChanged(true);
    // With a hub, tabs elect once it answered (a same-site hub runs the election); the transcript does not wait.
    if (hub) void hub.then((link) => link?.electionHub()).then((electionHub) => current() && tabs?.start(conversation, { hub: electionHub }));
    else tabs?.start(conversation);
    // A failure here is not expected (storage failures are handled below): the chat goes on without what was stored.
    void Promise.all([conversation.start(), store.readFlags()])
      .catch(() => [undefined, new Set<VisitorFlag>()] as const)
      .then(async ([, flags]) => {
        // A conversation to hand to the linked sites: their code is here by chat-ready, so that decorate() works from then on.
        if (current()) await within(this.#offerHandoffs(parts), elsewhereWaitMs, undefined);
        if (!current()) return;
        this.#flags = flags;
        // The same conversation in new storage: the panel stays as the visitor has it now. Another
        // conversation (or the first): open if it was left open, or if the visitor has it open.
        this.#panel.restored(conversation.record, { keepView: moved });
        this.#markReady();
        // Through the link followed, or the hub: the other sites' code is here for the one, and came with the other.
        if (hub || arrived)
          void (arrived ? this.#reach(() => parts) : within(hub!, elsewhereWaitMs, undefined).then((link) => link && this.#otherSites)).then((sites) =>
            sites ? sites.continueFromElsewhere(hub, arrived) : current() && conversation.allowNewSession(),
          );
      });
  }

  /**
   * Where links may hand the conversation to the organisation's other sites, and the visitor
   * has one or is starting one (with consent): the hand-off's code is fetched.
   */
  #offerHandoffs(parts: SessionParts): Promise<unknown> | undefined {
    const { linkedDomains, iframeUrl } = this.#settings!;
    // Linked sites: listed, or the hub's (unless `none`).
    if ((parts.conversation.record || this.#engaged) && parts.store.consent === 'granted' && linkedDomains !== 'none' && (linkedDomains || iframeUrl)) return this.#reach(() => parts).then((sites) => sites?.handoffs());
  }

  /** Hears the other tabs of this origin (the hub is wanted once the visitor engages in any), and tells them when the visitor engages here. */
  #hearOtherTabs(namespace: string): void {
    void hubGateCode.load().then(
      ({ HubGate }) => (this.#hubGate ??= new HubGate(() => this.#engage(true))).listen(namespace, this.#engaged),
      // Without it, this tab asks for the hub when the visitor engages here.
      () => {},
    );
  }

  /** Asks for the hub: its code (with the other sites') and its frame; undefined if the code cannot arrive or the parts were replaced meanwhile. */
  #loadHub(parts: () => SessionParts, url: URL, persist: Persistence): Promise<HubLink | undefined> {
    this.#hubAsked = true;
    return this.#reach(parts).then((sites) => sites?.loadHub(url, persist));
  }

  /**
   * The other sites' code for these parts (`parts` is read once it has arrived: the hub is
   * asked for while they are being built), fetched once per parts.
   */
  #reach(parts: () => SessionParts): Promise<OtherSites | undefined> {
    return (this.#reaching ??= otherSitesCode.load().then(
      ({ OtherSites }) => (this.#parts === parts() ? (this.#otherSites = new OtherSites(parts(), this.#settings!, this.#listener, this, (open) => this.#panel.continued(open))) : undefined),
      (error: unknown) => void this.warn(`the code for your other sites could not be loaded (${errorText(error)}); the chat continues on this site only`),
    ));
  }

  #markReady(): void {
    if (this.#ready) return;
    this.#ready = true;
    this.#listener.changed();
    this.#listener.dispatch(new ChatReadyEvent());
    for (const resolve of this.#readyWaiters.splice(0)) resolve();
  }
}
