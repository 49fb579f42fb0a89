import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { VisitorFlag } from '../../storage/session-store.js';

export interface InvitationHost extends ReactiveControllerHost {
  readonly isConnected: boolean;
  readonly opened: boolean;
  /** Opens the panel for the visitor, who did not ask: no focus taken, no session started. */
  openForVisitor(): void;
}

/**
 * How the widget invites the visitor in: `auto-open` (once per visit, on its first page,
 * never again once closed) and the `teaser` slot (until dismissed). Both noes are
 * remembered across pages.
 */
export class Invitations implements ReactiveController {
  #autoOpened = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #hasTeaser = false;

  constructor(
    private readonly host: InvitationHost,
    private readonly said: (flag: VisitorFlag) => boolean,
    private readonly remember: (flag: VisitorFlag) => void,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
  }

  /** Opens the panel after `seconds`, if this is the first page of a visit and the visitor has not said no. */
  scheduleAutoOpen(seconds: number): void {
    if (!(seconds > 0) || this.host.opened || this.said('closedAutoOpen') || !isFirstPageOfVisit()) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      if (this.host.opened || !this.host.isConnected) return;
      this.#autoOpened = true;
      this.host.openForVisitor();
    }, seconds * 1000);
  }

  /** The panel is closing: if it opened by itself, the visitor has said no to that. */
  closing(): void {
    if (this.#autoOpened) this.remember('closedAutoOpen');
    this.#autoOpened = false;
  }

  /** The page's invitation (slot `teaser`), until the chat is open or the visitor dismissed it. */
  renderTeaser(ready: boolean, dismissLabel: string, open: () => void): TemplateResult {
    const visible = this.#hasTeaser && ready && !this.host.opened && !this.said('declinedInvitation');
    return html`<div class="teaser" part="teaser" ?hidden=${!visible}>
      <button class="teaser-open" type="button" @click=${open}><slot name="teaser" @slotchange=${this.#teaserChanged}></slot></button>
      <button class="teaser-dismiss" type="button" aria-label=${dismissLabel} @click=${this.#dismissTeaser}>×</button>
    </div>`;
  }

  readonly #teaserChanged = (event: Event): void => {
    this.#hasTeaser = (event.target as HTMLSlotElement).assignedNodes({ flatten: true }).length > 0;
    this.host.requestUpdate();
  };

  readonly #dismissTeaser = (): void => {
    this.remember('declinedInvitation');
  };
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
