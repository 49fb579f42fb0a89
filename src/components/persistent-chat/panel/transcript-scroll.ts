import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Close enough to the bottom to count as reading the newest message. */
const bottomSlackPx = 40;
/** Scrolled this close to the top, the next window of older messages is added. */
const topSlackPx = 120;

/**
 * Where the transcript is scrolled, and how much of it is in the page: pinned to the
 * newest message while the visitor reads there; left alone (with a "new messages" offer)
 * once they scroll back; older messages added a window at a time above, without moving
 * what the visitor is reading.
 */
export class TranscriptScroll implements ReactiveController {
  #pinned = true;
  #shown = 0;
  #newBelow = false;
  /** Distance from the bottom to keep while older messages are added above. */
  #anchor: number | undefined;
  /** The transcript whose images are watched: one that loads makes it taller. */
  #watched: HTMLElement | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly list: () => HTMLElement | undefined,
    private readonly windowSize: () => number,
    private readonly total: () => number,
  ) {
    host.addController(this);
  }

  /** How many of the newest messages are in the page. */
  get shown(): number {
    return Math.max(this.#shown, this.windowSize());
  }

  get newBelow(): boolean {
    return this.#newBelow;
  }

  get pinned(): boolean {
    return this.#pinned;
  }

  /** The visitor sent something: follow it down. */
  pin(): void {
    this.#pinned = true;
  }

  /** A message arrived: offer it if the visitor is reading further up. */
  arrived(): void {
    if (this.#pinned || this.#newBelow) return;
    this.#newBelow = true;
    this.host.requestUpdate();
  }

  /** Back to the newest message: the older ones leave the page again. */
  showNewest(): void {
    this.#newBelow = false;
    this.#shown = 0;
    this.#pinned = true;
    this.#toBottom();
    this.host.requestUpdate();
  }

  /** Adds the next window of older messages above, keeping the visitor's place. */
  showEarlier(): void {
    const list = this.list();
    if (!list || this.shown >= this.total() || this.#anchor !== undefined) return;
    this.#anchor = list.scrollHeight - list.scrollTop;
    this.#shown = this.shown + this.windowSize();
    this.host.requestUpdate();
  }

  scrolled(): void {
    const list = this.list();
    const wasPinned = this.#pinned;
    this.#pinned = !list || list.scrollHeight - list.scrollTop - list.clientHeight < bottomSlackPx;
    if (this.#pinned) {
      // Back at the newest message from further up: older ones leave the page again. (Not
      // on every scroll event at the bottom: adding older messages scrolls there too.)
      if (!wasPinned && (this.#newBelow || this.#shown > this.windowSize())) {
        this.#newBelow = false;
        this.#shown = 0;
        this.host.requestUpdate();
      }
    } else if (list && list.scrollTop < topSlackPx) {
      this.showEarlier();
    }
  }

  hostUpdated(): void {
    const list = this.list();
    if (list && list !== this.#watched) {
      this.#watched = list;
      // An image (the visitor's own, an agent's) that arrives after the message grows the
      // transcript: still at the newest message, the visitor stays there. `load` does not
      // bubble; it is heard on its way down.
      list.addEventListener('load', () => this.#pinned && this.#toBottom(), true);
    }
    if (list && this.#anchor !== undefined) {
      list.scrollTop = list.scrollHeight - this.#anchor;
      this.#anchor = undefined;
    } else if (this.#pinned) {
      this.#toBottom();
    }
  }

  #toBottom(): void {
    const list = this.list();
    if (list) list.scrollTop = list.scrollHeight;
  }
}
