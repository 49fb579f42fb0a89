import type { Conversation } from '../../conversation/conversation.js';
import type { ChatThirdPartyDetail } from '../../events/chat-events.js';
import { HubClient } from '../../hub/hub-client.js';
import { shouldAdoptHubRecord } from '../../hub/hub-reconcile.js';
import { IframeAdapter } from '../../storage/adapters/iframe-adapter.js';
import type { SessionStore } from '../../storage/session-store.js';
import { hubTabs } from '../../tabs/hub-election.js';
import type { TabHub } from '../../tabs/tab-channel.js';

export interface HubLinkListener {
  /** The hub answered, or failed to: what it can do in this browser. */
  reported(detail: ChatThirdPartyDetail): void;
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
  #reported: ChatThirdPartyDetail | undefined;
  #accessRefused = false;
  #disposed = false;

  constructor(
    url: URL,
    container: Node,
    private readonly listener: HubLinkListener,
  ) {
    this.client = new HubClient(url, container);
    this.storage = new IframeAdapter(this.client);
  }

  /**
   * The Storage Access button: the hub's page in a small visible frame in `place`, because
   * browsers grant a frame access only after a click inside that frame.
   */
  accessFrame(place: Node, label: string, answered: (granted: boolean) => void): HubClient {
    const url = new URL(this.client.frame.src);
    url.hash = new URLSearchParams({ mode: 'access', label }).toString();
    const frame = new HubClient(url, place, { visible: true });
    frame.listen((event) => {
      if (event.event === 'access') answered(event.granted);
    });
    return frame;
  }

  /** With `third-party-notice`: what to tell the visitor, if anything (not when the hub is merely unreachable). */
  notice(enabled: boolean): 'notice' | 'access' | 'refused' | undefined {
    const state = this.#reported;
    if (!enabled || !state || state.available || state.storage === 'unreachable') return undefined;
    if (this.#accessRefused) return 'refused';
    return state.access === 'prompt' ? 'access' : 'notice';
  }

  /** Resolves, once the hub answered or gave up, with the hub to elect through: only one on the page's own site. */
  async electionHub(): Promise<TabHub | undefined> {
    try {
      const welcome = await this.client.ready();
      this.#report({ available: welcome.storage === 'unpartitioned', storage: welcome.storage, access: welcome.access });
      return welcome.sameSite ? hubTabs(this.client) : undefined;
    } catch (error) {
      if (this.#disposed) return undefined;
      this.listener.warn(`${error instanceof Error ? error.message : String(error)}; the chat continues on this site only`);
      this.#report({ available: false, storage: 'unreachable', access: 'unsupported' });
      return undefined;
    }
  }

  /**
   * After the page showed its own state: takes the hub's session when it is newer (resolves
   * true: the conversation must start again from the store), else gives the hub this one.
   */
  async reconcile(store: SessionStore, conversation: Conversation): Promise<boolean> {
    const fromHub = await store.readHubRecord();
    if (this.#disposed) return false;
    const local = conversation.record;
    if (fromHub && shouldAdoptHubRecord(fromHub, local)) {
      await store.adoptRecord(fromHub);
      return !this.#disposed;
    }
    if (local && fromHub?.token !== local.token) await store.saveRecord(local).catch(() => {});
    return false;
  }

  /** The visitor's Storage Access request was refused: the notice says so. */
  refused(): void {
    this.#accessRefused = true;
    this.listener.changed();
  }

  dispose(): void {
    this.#disposed = true;
    this.client.dispose();
  }

  #report(detail: ChatThirdPartyDetail): void {
    if (this.#disposed) return;
    this.#reported = detail;
    this.listener.reported(detail);
  }
}
