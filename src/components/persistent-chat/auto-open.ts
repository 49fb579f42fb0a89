import type { VisitorFlag } from '../../storage/session-store.js';

export interface AutoOpenHost {
  readonly isConnected: boolean;
  readonly opened: boolean;
  /** Opens the panel for the visitor, who did not ask: no focus taken, no session started. */
  openForVisitor(): void;
}

/**
 * `auto-open`: opens the panel once per visit, on its first page, never again once the
 * visitor closed it (remembered across pages). A chunk of its own, fetched only by pages
 * that set `auto-open`.
 */
export class AutoOpen {
  #opened = false;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: AutoOpenHost,
    private readonly said: (flag: VisitorFlag) => boolean,
    private readonly remember: (flag: VisitorFlag) => void,
  ) {}

  /** Opens the panel after `seconds`, if this is the first page of a visit and the visitor has not said no. */
  schedule(seconds: number): void {
    if (this.host.opened || this.said('closedAutoOpen') || !isFirstPageOfVisit()) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      if (this.host.opened || !this.host.isConnected) return;
      this.#opened = true;
      this.host.openForVisitor();
    }, seconds * 1000);
  }

  /** The panel is closing: if it opened by itself, the visitor has said no to that. */
  closing(): void {
    if (this.#opened) this.remember('closedAutoOpen');
    this.#opened = false;
  }

  stop(): void {
    clearTimeout(this.#timer);
  }
}

/** The first page of a visit: not a reload or a step back, and not reached from this site. */
function isFirstPageOfVisit(): boolean {
  const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  if (navigation && navigation.type !== 'navigate') return false;
  if (!document.referrer) return true;
  try {
    const site = (host: string) => host.split('.').slice(-2).join('.');
    return site(new URL(document.referrer).hostname) !== site(location.hostname);
  } catch {
    return true;
  }
}
