import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { resolveChatConfig, type ConfigInput, type ConfigProblem } from '../../config/chat-config.js';
import { resolveStorageSettings } from '../../config/storage-config.js';
import type { ChatMessage, QuickReply } from '../../conversation/chat-message.js';
import { Conversation, type ConversationListener, type ConversationSnapshot } from '../../conversation/conversation.js';
import { GuestAttributeSet } from '../../attributes/guest-attribute-set.js';
import { normalizeAttributes, type AttributeMap } from '../../attributes/guest-attributes.js';
import { pageContext, parseContextSettings, type ContextSettings } from '../../attributes/page-context.js';
import {
  ChatEndedEvent,
  ChatErrorEvent,
  ChatMessageEvent,
  ChatReadyEvent,
  ChatStorageEvent,
  ChatThirdPartyEvent,
  type ChatErrorDetail,
  type ChatThirdPartyDetail,
} from '../../events/chat-events.js';
import type { SessionHooks } from '../../storage/adapters/hooks-adapter.js';
import type { SessionRecord } from '../../storage/session-record.js';
import { SessionStore, type StorageStatus, type VisitorFlag } from '../../storage/session-store.js';
import { TabSync } from '../../tabs/tab-sync.js';
import type { HubLink } from './hub-link.js';
import { loadHubLink } from './hub-loader.js';

export interface ConversationSettings extends ConfigInput {
  /** Keeps two widgets on one page apart. */
  name: string;
  storage: string;
  cookieDomain: string;
  consent: string;
  iframeUrl: string;
  sessionHooks: SessionHooks | undefined;
  asyncChat: boolean;
  contextAttributes: string;
  attributesEndpoint: string;
}

export interface ConversationHost extends ReactiveControllerHost, HTMLElement {
  /** Whether the visitor can see the panel (messages then count as read). */
  readonly opened: boolean;
  /** The session was restored with the panel open, or another tab opened or closed it: follow, without taking focus. */
  showOpen(open: boolean): void;
  /** Whether this tab holds the live connection (the `owner` attribute). */
  ownerChanged(owner: boolean): void;
  /** An agent's message is new to this page. */
  agentMessageArrived(message: ChatMessage): void;
  /** Where the hub's hidden frame goes. */
  readonly renderRoot: HTMLElement | DocumentFragment;
}

const unavailableStatus: StorageStatus = { adapter: 'memory', scope: 'memory', cacheAdapter: 'memory' };

/**
 * Gives the element a `Conversation` for its current settings: built when they change,
 * disposed when the element leaves the page, rebuilt when it comes back.
 */
export class ConversationController implements ReactiveController {
  readonly #host: ConversationHost;
  readonly #warned = new Set<string>();
  #settings: ConversationSettings | undefined;
  #settingsKey = '';
  #conversation: Conversation | undefined;
  #store: SessionStore | undefined;
  #tabs: TabSync | undefined;
  #hub: HubLink | undefined;
  /** The hub's code on its way (it is a chunk of its own), then the link made with it. */
  #hubLoading: Promise<HubLink | undefined> | undefined;
  #problems: readonly ConfigProblem[] = [];
  #ready = false;
  #readyWaiters: Array<() => void> = [];
  #flags: ReadonlySet<VisitorFlag> = new Set();
  readonly #guest = new GuestAttributeSet();
  #context: ContextSettings = parseContextSettings('auto').settings;

  constructor(host: ConversationHost) {
    this.#host = host;
    host.addController(this);
  }

  get snapshot(): ConversationSnapshot | undefined {
    return this.#conversation?.snapshot;
  }

  /** Whether the settings let the widget connect at all. */
  get configured(): boolean {
    return this.#conversation !== undefined;
  }

  get ready(): boolean {
    return this.#ready;
  }

  get storageStatus(): StorageStatus {
    return this.#store?.status ?? unavailableStatus;
  }

  /** With `third-party-notice`: what the panel tells the visitor about the hub, if anything. */
  thirdPartyNotice(enabled: boolean): 'notice' | 'access' | 'refused' | undefined {
    return this.#hub?.notice(enabled);
  }

  /** The storage hub, once its code has arrived: for the Storage Access button. */
  get hub(): HubLink | undefined {
    return this.#hub;
  }

  /** The visitor answered the Storage Access prompt: granted, start again with the hub; refused, say so. */
  accessAnswered(granted: boolean): void {
    if (!this.#hub) return;
    if (granted) this.#rebuild();
    else this.#hub.refused();
  }

  get unread(): number {
    return this.#conversation?.record?.unread ?? 0;
  }

  /** Whether the visitor said this no, on this page or an earlier one. */
  said(flag: VisitorFlag): boolean {
    const record = this.#conversation?.record;
    return this.#flags.has(flag) || (flag === 'closedAutoOpen' ? record?.closedAutoOpen : record?.declinedInvitation) === true;
  }

  /** Remembers the visitor's no across pages. */
  remember(flag: VisitorFlag): void {
    this.#conversation?.remember(flag === 'closedAutoOpen' ? { closedAutoOpen: true } : { declinedInvitation: true });
    void this.#store?.saveFlag(flag).then(() => this.#host.requestUpdate());
  }

  get problems(): readonly ConfigProblem[] {
    return this.#problems;
  }

  whenReady(): Promise<void> {
    return this.#ready ? Promise.resolve() : new Promise((resolve) => this.#readyWaiters.push(resolve));
  }

  /** Applies the element's settings; consent and page context change in place, any other change starts afresh. */
  configure(settings: ConversationSettings): void {
    const { consent, contextAttributes, ...rest } = settings;
    if (contextAttributes !== this.#settings?.contextAttributes) {
      const context = parseContextSettings(contextAttributes);
      this.#context = context.settings;
      if (context.problem) this.#report({ code: 'invalid-attribute', message: context.problem });
    }
    const key = JSON.stringify([rest.name, rest.deploymentId, rest.region, rest.endpoint, rest.storage, rest.cookieDomain, rest.iframeUrl, rest.asyncChat, rest.attributesEndpoint]);
    const hooksChanged = settings.sessionHooks !== this.#settings?.sessionHooks;
    const consentChanged = consent !== this.#settings?.consent;
    this.#settings = settings;
    if (key !== this.#settingsKey || hooksChanged) {
      this.#settingsKey = key;
      return this.#rebuild();
    }
    if (!consentChanged) return;
    const resolved = resolveStorageSettings({ consent }, location.hostname);
    for (const problem of resolved.problems) this.#report(problem);
    void this.#store?.setConsent(resolved.settings.consent);
  }

  hostConnected(): void {
    if (this.#settings && !this.#conversation) this.#rebuild();
  }

  hostDisconnected(): void {
    this.#teardown();
  }

  #teardown(): void {
    this.#tabs?.stop();
    this.#conversation?.dispose();
    this.#hub?.dispose();
    this.#hub = undefined;
    this.#hubLoading = undefined;
    this.#conversation = undefined;
    this.#store = undefined;
    this.#tabs = undefined;
    this.#host.ownerChanged(false);
  }

  activate(): void {
    this.#conversation?.activate();
  }

  /** The declared set (attribute or property) changed: `value` is what the page gave. */
  declareAttributes(value: unknown, source: string, unreadable?: string): void {
    const result = unreadable
      ? ({ ok: false, reason: unreadable } as const)
      : value === undefined || value === null
        ? ({ ok: true, attributes: {} } as const)
        : normalizeAttributes(value);
    if (!result.ok) return this.#report({ code: 'invalid-attribute', message: `${source}: ${result.reason}; the widget carries on without it` });
    this.#guest.declare(result.attributes);
    this.#applyAttributes();
  }

  /** Merges `attributes` into the guest attributes; rejects what is malformed or over the budget. */
  setGuestAttributes(value: unknown): Promise<void> {
    const result = normalizeAttributes(value);
    if (!result.ok) return Promise.reject(new TypeError(`setGuestAttributes: ${result.reason}`));
    const tooLarge = this.#conversation?.setGuestAttributes(this.#guest.withSet(result.attributes));
    if (tooLarge && !tooLarge.ok) {
      const message = `guest attributes take ${tooLarge.bytes} bytes, more than the ${tooLarge.budget}-byte budget (maxCustomDataBytes) of this session`;
      this.#report({ code: 'attributes-too-large', message });
      return Promise.reject(new RangeError(message));
    }
    this.#guest.merge(result.attributes);
    return Promise.resolve();
  }

  endChat(): void {
    this.#conversation?.endChat();
  }

  startNewChat(): void {
    this.#conversation?.startNewChat();
  }

  inject(text: string): ChatMessage | undefined {
    return this.#conversation?.inject(text);
  }

  /** The endpoint must be on this page's origin: guest attributes go nowhere else. */
  #endpointUrl(value: string): string | undefined {
    if (!value.trim()) return undefined;
    try {
      const url = new URL(value, location.href);
      if (url.origin === location.origin) return url.href;
    } catch {
      // Reported below.
    }
    this.#report({ code: 'invalid-attribute', message: `attributes-endpoint ${JSON.stringify(value)} must be a path or URL on this site (${location.origin})` });
    return undefined;
  }

  #applyAttributes(): void {
    const result = this.#conversation?.setGuestAttributes(this.#guest.effective);
    if (result && !result.ok) {
      this.#report({ code: 'attributes-too-large', message: `guest attributes take ${result.bytes} bytes, more than the ${result.budget}-byte budget (maxCustomDataBytes) of this session` });
    }
  }

  send(text: string): Promise<ChatMessage> | undefined {
    return this.#conversation?.send(text);
  }

  /** The visitor chose a quick reply: its label is shown, its payload goes back as a ButtonResponse. */
  sendReply(reply: QuickReply): Promise<ChatMessage> | undefined {
    return this.#conversation?.send(reply.text, reply);
  }

  retry(clientId: string): void {
    this.#conversation?.retry(clientId);
  }

  setDraft(text: string): void {
    this.#conversation?.setDraft(text);
  }

  /** The panel opened or closed: remembered for the next page, and opening reads everything. */
  openChanged(open: boolean): void {
    this.#conversation?.remember(open ? { open, unread: 0 } : { open });
    if (open) this.#conversation?.markRead();
    this.#tabs?.shareUi(open, this.unread);
    this.#host.requestUpdate();
  }

  #rememberRecord(change: Partial<Omit<SessionRecord, 'token'>>): void {
    this.#conversation?.remember(change);
  }

  #rebuild(): void {
    this.#teardown();
    const settings = this.#settings!;
    const { config, problems } = resolveChatConfig(settings);
    const storage = resolveStorageSettings(settings, location.hostname);
    this.#problems = problems;
    for (const problem of [...problems, ...storage.problems]) this.#report(problem);
    if (!config || !this.#host.isConnected) return this.#host.requestUpdate();

    const { iframeUrl } = storage.settings;
    const hub = iframeUrl && storage.settings.consent !== 'denied' ? this.#loadHub(iframeUrl) : undefined;
    const store = new SessionStore(
      {
        ...storage.settings,
        name: settings.name,
        deploymentId: config.deploymentId,
        hooks: settings.sessionHooks,
        hub: hub?.then((link) => link?.storage),
        hostname: location.hostname,
        secure: location.protocol === 'https:',
      },
      {
        statusChanged: (status) => this.#host.dispatchEvent(new ChatStorageEvent(status)),
        degraded: (reason) => {
          this.#warnOnce(reason);
          this.#host.dispatchEvent(new ChatStorageEvent({ ...store.status, reason }));
        },
      },
    );
    // Tabs can share one connection only where they can talk to each other.
    const tabs = typeof BroadcastChannel === 'function' ? this.#tabSync(`${settings.name}:${config.deploymentId}`, store) : undefined;
    const conversation = new Conversation(
      { config, storage: store, asyncChat: settings.asyncChat, attributesEndpoint: this.#endpointUrl(settings.attributesEndpoint), pageContext: (): AttributeMap => pageContext(this.#context), ...(tabs ? { peers: tabs } : {}) },
      this.#listener,
    );
    this.#store = store;
    this.#conversation = conversation;
    this.#applyAttributes();
    this.#tabs = tabs;
    if (!tabs) this.#host.ownerChanged(true);
    // With a hub, tabs elect once it answered (a same-site hub runs the election); the transcript does not wait.
    if (hub) void hub.then((link) => link?.electionHub()).then((electionHub) => this.#conversation === conversation && tabs?.start(conversation, { hub: electionHub }));
    else tabs?.start(conversation);
    Promise.all([conversation.start(), store.readFlags()]).then(([, flags]) => {
      if (this.#conversation !== conversation) return;
      this.#flags = flags;
      if (conversation.record?.open) this.#host.showOpen(true);
      this.#markReady();
      if (hub) void hub.then((link) => link?.reconcile(store, conversation)).then((adopted) => adopted && this.#conversation === conversation && this.#rebuild());
    });
    this.#host.requestUpdate();
  }

  /** Fetches the hub's code and opens its frame; resolves undefined if the code cannot arrive or the chat was rebuilt meanwhile. */
  #loadHub(url: URL): Promise<HubLink | undefined> {
    const listener = {
      reported: (detail: ChatThirdPartyDetail): void => {
        this.#host.dispatchEvent(new ChatThirdPartyEvent(detail));
        this.#host.requestUpdate();
      },
      changed: () => this.#host.requestUpdate(),
      warn: (message: string) => this.#warnOnce(message),
    };
    const wanted = (): boolean => this.#hubLoading === loading;
    const loading: Promise<HubLink | undefined> = loadHubLink(url, this.#host.renderRoot, listener, wanted).then((link) => {
      if (link && !wanted()) return void link.dispose();
      return (this.#hub = link);
    });
    this.#hubLoading = loading;
    return loading;
  }

  #tabSync(namespace: string, store: SessionStore): TabSync {
    return new TabSync(namespace, {
      ownershipChanged: (owner) => {
        this.#host.ownerChanged(owner);
        this.#host.requestUpdate();
      },
      uiChanged: (open, unread) => {
        this.#rememberRecord({ open, unread });
        this.#host.showOpen(open);
      },
    }, { mayPersist: () => store.mayWrite });
  }

  readonly #listener: ConversationListener = {
    changed: () => this.#host.requestUpdate(),
    messageAdded: (message) => {
      if (this.#host.opened) this.#conversation?.markRead();
      else if (message.author !== 'visitor') this.#rememberRecord({ unread: this.unread + 1 });
      if (message.author === 'agent' || message.author === 'bot') this.#host.agentMessageArrived(message);
      this.#host.dispatchEvent(new ChatMessageEvent(message));
    },
    problem: (problem) => this.#report(problem),
    warn: (message) => this.#warnOnce(message),
    ended: (reason) => this.#host.dispatchEvent(new ChatEndedEvent(reason)),
  };

  #markReady(): void {
    if (this.#ready) return;
    this.#ready = true;
    this.#host.requestUpdate();
    this.#host.dispatchEvent(new ChatReadyEvent());
    for (const resolve of this.#readyWaiters.splice(0)) resolve();
  }

  /** A console warning of the element's own, once. */
  warn(message: string): void {
    this.#warnOnce(message);
  }

  /** Reports a problem of the element's own: a console warning, once, and `chat-error`. */
  report(detail: ChatErrorDetail): void {
    this.#report(detail);
  }

  #report(detail: ChatErrorDetail): void {
    this.#warnOnce(detail.message);
    this.#host.dispatchEvent(new ChatErrorEvent({ code: detail.code, message: detail.message }));
  }

  /** One console warning per distinct problem, however often it happens. */
  #warnOnce(message: string): void {
    if (this.#warned.has(message)) return;
    this.#warned.add(message);
    console.warn(`<persistent-chat>: ${message}`);
  }
}
