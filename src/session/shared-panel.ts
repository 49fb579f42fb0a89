import type { ChatMessage } from '../base/chat-message.js';
import type { Conversation } from '../conversation/conversation.js';
import { ChangeClock, initialPanel, isNewerChange, type PanelChange } from '../mirror/panel-state.js';
import type { TabMirror, TabMirrorListener } from '../mirror/tab-mirror.js';
import type { SessionRecord } from '../storage/session-record.js';
import { randomId } from '../base/random-id.js';

/** How the element shows the panel. */
export interface PanelView {
  /** Opens or closes the panel without taking focus (another tab, or an earlier page, had it so). */
  show(open: boolean): void;
  isOpen(): boolean;
  changed(): void;
}

/** The parts the panel's state travels through: the current ones, which a change of settings replaces. */
export interface PanelLinks {
  readonly conversation: Conversation;
  readonly tabs: TabMirror | undefined;
}

type PanelListener = Omit<TabMirrorListener, 'ownershipChanged'>;

/**
 * The panel as the visitor sees it in every tab: open or closed (the newest change made in
 * any tab wins, `mirror/panel-state.ts`) and the unread count. The count is kept by the tab
 * that holds the connection, where agents' messages arrive: it counts those that arrive
 * while the panel is not open in a visible tab, and a visible tab with the panel open sets
 * it back to 0. Both are saved in the session record for the next page.
 */
export class SharedPanel implements PanelListener {
  readonly #view: PanelView;
  readonly #links: () => PanelLinks | undefined;
  readonly #clock = new ChangeClock();
  readonly #id = randomId();
  #panel = initialPanel(false);
  #unread = 0;
  /** Whether the count came from this page's life (counted here, or heard from the owner) rather than from storage. */
  #unreadLive = false;

  constructor(view: PanelView, links: () => PanelLinks | undefined) {
    this.#view = view;
    this.#links = links;
  }

  /** While the element is on the page: a tab brought to the front with the panel open shows everything. */
  connect(): void {
    document.addEventListener('visibilitychange', this.#onVisibility);
  }

  disconnect(): void {
    document.removeEventListener('visibilitychange', this.#onVisibility);
  }

  readonly #onVisibility = (): void => this.#readIfSeen();

  get unread(): number {
    return this.#unread;
  }

  /** The visitor (or the page, or `auto-open`) opened or closed the panel in this tab. */
  changedHere(open: boolean): void {
    this.#panel = { open, at: this.#clock.next(), by: this.#id };
    this.#links()?.conversation.remember({ open });
    this.#links()?.tabs?.sharePanel(this.#panel);
    // Opened in a hidden tab (by the page's script), nothing is read until the tab is in view.
    if (this.#seen()) this.#read();
    this.#view.changed();
  }

  /**
   * What storage says of the last page: followed unless a tab said otherwise meanwhile.
   * `keepView`: the same conversation moved to new storage, so the panel stays as it is.
   */
  restored(record: SessionRecord | undefined, { keepView }: { keepView: boolean }): void {
    if (!record) return;
    if (!keepView && this.#panel.at === 0 && record.open && !this.#view.isOpen()) {
      this.#panel = initialPanel(true);
      this.#view.show(true);
    }
    if (record.open !== this.#view.isOpen()) this.#links()?.conversation.remember({ open: this.#view.isOpen() });
    if (!this.#unreadLive) this.#unread = record.unread;
    // Left open with messages unread (the last tab was hidden): shown now, they are read.
    this.#readIfSeen();
    this.#view.changed();
  }

  /** Another conversation altogether (a change of deployment or name): its count starts from its own record. */
  newConversation(): void {
    this.#unread = 0;
    this.#unreadLive = false;
  }

  /** This tab holds the connection now: what it shows the visitor is read before it tells the others its count. */
  becameOwner(): void {
    if (this.#seen()) this.#read();
  }

  /** A conversation continued from another site: the panel as the visitor left it there. */
  continued(open: boolean): void {
    if (open && !this.#view.isOpen()) {
      this.#view.show(true);
      this.changedHere(true);
    }
  }

  /** A message joined the transcript: counted, or read at once. */
  arrived(message: ChatMessage): void {
    if (message.author === 'visitor') return;
    if (this.#seen()) return this.#read();
    const links = this.#links();
    if (links?.tabs && !links.tabs.owner) return;
    this.#setUnread(this.#unread + 1);
  }

  panelChanged(change: PanelChange): void {
    this.#clock.saw(change.at);
    if (!isNewerChange(change, this.#panel)) return;
    this.#panel = change;
    this.#links()?.conversation.remember({ open: change.open });
    if (change.open !== this.#view.isOpen()) this.#view.show(change.open);
    this.#readIfSeen();
    this.#view.changed();
  }

  unreadChanged(count: number): void {
    this.#unreadLive = true;
    if (count !== this.#unread) {
      this.#unread = count;
      this.#links()?.conversation.remember({ unread: count });
      this.#view.changed();
    }
    this.#readIfSeen();
  }

  readElsewhere(): void {
    // Said even if it was 0 here already: the asking tab may have heard a count from an earlier owner.
    if (this.#unread === 0) this.#links()?.tabs?.shareUnread(0);
    this.#setUnread(0);
  }

  panelState(): { panel: PanelChange; unread: number } {
    return { panel: this.#panel, unread: this.#unread };
  }

  /** Whether the visitor sees the transcript now: the panel open, in a visible tab. */
  #seen(): boolean {
    return this.#view.isOpen() && document.visibilityState === 'visible';
  }

  #readIfSeen(): void {
    if (this.#seen() && this.#unread > 0) this.#read();
  }

  /** Everything is read: the owner counts from 0 again; a follower asks it to. */
  #read(): void {
    const links = this.#links();
    links?.conversation.markRead();
    if (links?.tabs && !links.tabs.owner) {
      if (this.#unread > 0) links.tabs.markRead();
      return;
    }
    this.#setUnread(0);
  }

  #setUnread(count: number): void {
    this.#unreadLive = true;
    if (count === this.#unread) return;
    this.#unread = count;
    this.#links()?.conversation.remember({ unread: count });
    this.#links()?.tabs?.shareUnread(count);
    this.#view.changed();
  }
}
