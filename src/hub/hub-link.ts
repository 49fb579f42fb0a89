import type { HubReport } from './hub-protocol.js';

/** What the third-party notice says: why the chat will not follow, the Storage Access button, its refusal, or that links carry it. */
export type ThirdPartyNotice = 'notice' | 'access' | 'refused' | 'links';
import { errorText } from '../base/error-text.js';
import { HubClient } from './hub-client.js';
import { shouldAdoptHubRecord } from './hub-reconcile.js';
import { IframeAdapter } from './iframe-adapter.js';
import type { SessionStore } from '../storage/session-store.js';
import type { Conversation } from '../conversation/conversation.js';
import { hubTabs } from './hub-election.js';
import type { TabHub } from '../tabs/tab-channel.js';
import type { Persistence } from '../config/storage-config.js';

export interface HubLinkListener {
  /** The hub answered, or failed to: what it can do in this browser. */
  reported(detail: HubReport): void;
  /** The notice changed (the visitor's Storage Access request was refused). */
  changed(): void;
  warn(message: string): void;
}

/**
 * The storage hub as one widget instance uses it: its frame, what it reported, and the two
 * moments it matters: before the tabs elect (a same-site hub runs the election) and after
 * the page has shown its own state (the hub's session may be newer). This module and what it
 * imports are a chunk of their own, loaded only by pages that set `iframe-url`.
 */
export class HubLink {
  readonly client: HubClient;
  /** The hub as a store, for the session record. */
  readonly storage: IframeAdapter;
  #reported: HubReport | undefined;
  #accessRefused = false;
  #disposed = false;
  #accessFrame: HubClient | undefined;

  constructor(
    url: URL,
    container: Node,
    private readonly listener: HubLinkListener,
    persist: Persistence,
  ) {
    this.client = new HubClient(url, container);
    // The hub keeps the record as long as the page's `persist` says: for the browser session, or N days.
    this.storage = new IframeAdapter(this.client, persist.kind === 'days' ? persist.days : undefined);
  }

  /**
   * Mounts the Storage Access button where the third-party notice asks for it (`.third-party
   * .access` in `root`), or takes it away when the notice is gone: the hub's page in a small
   * visible frame, because browsers grant a frame access only after a click inside that
   * frame. After a grant the hidden hub claims the access itself.
   */
  showAccessButton(root: ParentNode, label: string, answered: (granted: boolean) => void): void {
    const place = root.querySelector('.third-party .access');
    if (place && this.#accessFrame?.frame.parentNode === place) return;
    this.#accessFrame?.dispose();
    this.#accessFrame = undefined;
    if (!place || this.#disposed) return;
    const url = new URL(this.client.frame.src);
    url.hash = new URLSearchParams({ mode: 'access', label }).toString();
    const frame = new HubClient(url, place, { visible: true });
    frame.listen((event) => {
      if (event.event === 'access') answered(event.granted);
    });
    this.#accessFrame = frame;
  }

  /**
   * With `third-party-notice`: what to tell the visitor, if anything (not when the hub is
   * merely unreachable). Where links hand the chat over (`linked-domains` is not `none`), the visitor is not asked
   * to allow anything: they are told, once there is a conversation to continue, that following the
   * site's links carries it over.
   */
  notice(enabled: boolean, linkedDomains: string, conversation: boolean): ThirdPartyNotice | undefined {
    const state = this.#reported;
    if (!enabled || !state || state.available || state.storage === 'unreachable') return undefined;
    if (linkedDomains !== 'none') return conversation ? 'links' : undefined;
    if (this.#accessRefused) return 'refused';
    return state.access === 'prompt' ? 'access' : 'notice';
  }

  /** The hub's trusted origins (the organisation's sites), once it answered; none if it cannot. */
  sites(): Promise<readonly string[]> {
    return this.client.ready().then(
      (welcome) => welcome.sites ?? [],
      () => [],
    );
  }

  /** Resolves, once the hub answered or gave up, with the hub to elect through: only one on the page's own site. */
  async electionHub(): Promise<TabHub | undefined> {
    try {
      const welcome = await this.client.ready();
      this.#report({ available: welcome.storage === 'unpartitioned', storage: welcome.storage, access: welcome.access });
      return welcome.sameSite ? hubTabs(this.client) : undefined;
    } catch (error) {
      if (this.#disposed) return undefined;
      this.listener.warn(`${errorText(error)}; the chat continues on this site only`);
      this.#report({ available: false, storage: 'unreachable', access: 'unsupported' });
      return undefined;
    }
  }

  /**
   * After the page showed its own state: continues the hub's session when the page is to
   * (see `shouldAdoptHubRecord`), else gives the hub this page's session. `hadOwn`: this
   * origin held a session when the page started; without one, a session this page follows
   * (a tab of another sub-domain holds the connection, and answered first) is kept here too.
   */
  async continueInto(
    { conversation, store }: { conversation: Conversation; store: SessionStore },
    { hadOwn, handedOver, current, continued }: { hadOwn: boolean; handedOver: boolean; current: () => boolean; continued: (open: boolean) => void },
  ): Promise<void> {
    const fromHub = await store.readHubRecord();
    if (this.#disposed || !current()) return;
    // This page's state as it is once the hub has answered, not as it was when asked.
    const local = conversation.record;
    // A conversation the visitor just brought through a link is the one they expect: the hub's copy gives way to it.
    if (fromHub && !handedOver && shouldAdoptHubRecord(fromHub, local, conversation.hasMessages)) {
      conversation.adoptSession(fromHub);
      // As if the visitor had started here: the panel as they left it on the other site.
      return continued(fromHub.open);
    }
    if (local && !hadOwn) {
      await store.keepCopy(local);
      if (current()) continued(local.open);
    } else if (local && fromHub?.token !== local.token) {
      await store.saveRecord(local).catch(() => {});
    }
  }

  /** The visitor's Storage Access request was refused: the notice says so. */
  refused(): void {
    this.#accessRefused = true;
    this.listener.changed();
  }

  dispose(): void {
    this.#disposed = true;
    this.#accessFrame?.dispose();
    this.client.dispose();
  }

  #report(detail: HubReport): void {
    if (this.#disposed) return;
    this.#reported = detail;
    this.listener.reported(detail);
  }
}
