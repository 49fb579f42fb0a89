/**
 * Which tab the visitor used last, as that tab's id: the tab that alerts the visitor to a
 * new message, so that it happens once per browser. Tabs tell each other over their
 * channel; the record goes to localStorage too, but only while storage may be written
 * (consent granted, and the visitor engaged), so that a new tab knows it at once.
 */
export class FocusRecord {
  #known: string | undefined;

  constructor(
    private readonly key: string,
    private readonly mayPersist: () => boolean,
  ) {}

  markFocused(tabId: string): void {
    this.#known = tabId;
    if (!this.mayPersist()) return;
    try {
      localStorage.setItem(this.key, tabId);
    } catch {
      // Without storage the tabs still know it from each other.
    }
  }

  /** Another tab said it was focused. */
  heard(tabId: string): void {
    this.#known = tabId;
  }

  lastFocused(): string | undefined {
    if (this.#known) return this.#known;
    try {
      return localStorage.getItem(this.key) ?? undefined;
    } catch {
      return undefined;
    }
  }
}
