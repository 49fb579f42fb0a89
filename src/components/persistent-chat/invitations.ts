import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { VisitorFlag } from '../../storage/session-store.js';
import { LazyChunk } from '../../base/lazy-chunk.js';
import type { AutoOpen, AutoOpenHost } from './auto-open.js';

export type InvitationHost = ReactiveControllerHost & AutoOpenHost;

const autoOpenCode = new LazyChunk(() => import('./auto-open.js'));

/**
 * How the widget invites the visitor in: `auto-open` (see `auto-open.ts`, fetched only when
 * set) and the `teaser` slot (until dismissed). Both noes are remembered across pages.
 */
export class Invitations implements ReactiveController {
  #autoOpen: AutoOpen | undefined;
  #hasTeaser = false;

  constructor(
    private readonly host: InvitationHost,
    private readonly said: (flag: VisitorFlag) => boolean,
    private readonly remember: (flag: VisitorFlag) => void,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#autoOpen?.stop();
  }

  /** Opens the panel after `seconds`, if this is the first page of a visit and the visitor has not said no. */
  scheduleAutoOpen(seconds: number): void {
    if (!(seconds > 0) || this.host.opened || this.said('closedAutoOpen')) return;
    void autoOpenCode.load().then(
      ({ AutoOpen }) => (this.#autoOpen ??= new AutoOpen(this.host, this.said, this.remember)).schedule(seconds),
      // Without its code, the chat simply does not open by itself.
      () => {},
    );
  }

  /** The panel is closing: if it opened by itself, the visitor has said no to that. */
  closing(): void {
    this.#autoOpen?.closing();
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
