import { LazyChunk } from '../../base/lazy-chunk.js';
import { errorText } from '../../base/error-text.js';
import { adoptStyles, html, type CSSResultOrNative, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { onEscape } from './keyboard.js';
import type { PanelActions } from './panel/index.js';
import type { ChatStrings } from './strings.js';

type PanelModule = typeof import('./panel/index.js');

interface PanelHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/**
 * Fetches the open panel's code (its own chunk) once, when it is first wanted, and adds its
 * styles to the element's. Until it has arrived the element shows a "loading" frame; if it
 * cannot arrive (offline, a half-deployed site), the frame says so and offers to try again.
 */
export class PanelLoader implements ReactiveController {
  // The notices' texts, which the panel shares with the connection, are fetched beside it: found only once the panel's file is here, they would cost one more round trip.
  readonly #code = new LazyChunk<PanelModule>(() => Promise.all([import('./panel/index.js'), import('../../conversation/notice-texts.js')]).then(([panel]) => panel));
  #loading: Promise<void> | undefined;
  #failed = false;
  #stylesIn: ShadowRoot | undefined;

  constructor(
    private readonly host: PanelHost,
    private readonly elementStyles: () => readonly CSSResultOrNative[],
    /** The code could not be fetched: the element reports it (`chat-error` `panel-unavailable`). */
    private readonly unavailable: (message: string) => void,
  ) {
    host.addController(this);
  }

  /** The panel's code, once it has arrived. */
  get module(): PanelModule | undefined {
    return this.#code.value;
  }

  /** The last attempt to fetch it failed. */
  get failed(): boolean {
    return this.#failed;
  }

  /** The fetch under way, if any. */
  get loading(): Promise<void> | undefined {
    return this.#loading;
  }

  /** Starts fetching the panel's code, unless it is here or on its way; resolves when that is over. */
  load(): Promise<void> {
    if (this.#code.value) return Promise.resolve();
    this.#loading ??= this.#code.load().then(
      () => {
        this.#failed = false;
        this.#loading = undefined;
        this.#adoptStyles();
        this.host.requestUpdate();
      },
      (error: unknown) => {
        this.#failed = true;
        this.#loading = undefined;
        this.unavailable(`the chat panel's code could not be loaded (${errorText(error)})`);
        this.host.requestUpdate();
      },
    );
    return this.#loading;
  }

  /** Fetches the panel's code when the browser has nothing better to do (at the latest after 2 s). */
  loadWhenIdle(): void {
    const load = (): void => void this.load();
    if (typeof requestIdleCallback === 'function') requestIdleCallback(load, { timeout: 2000 });
    else setTimeout(load, 200);
  }

  /** The panel's frame until its code is here: "loading", or what went wrong and a button to try again. */
  renderPending(strings: ChatStrings, actions: Pick<PanelActions, 'close'>): TemplateResult {
    const failed = this.#failed;
    return html`<section class="panel pending" part="panel" id="panel" role="dialog" aria-label=${strings.title} aria-busy=${failed ? 'false' : 'true'}
      @keydown=${(event: KeyboardEvent) => onEscape(event, actions.close)}>
      ${failed
        ? html`<p role="alert">${strings.panelFailed}</p><button type="button" @click=${() => void this.load()}>${strings.retry}</button>`
        : html`<p role="status">${strings.panelLoading}</p>`}
      <button type="button" @click=${actions.close}>${strings.minimise}</button>
    </section>`;
  }

  hostConnected(): void {
    // The shadow root is made on first connection: the code may have arrived before it.
    this.#adoptStyles();
  }

  #adoptStyles(): void {
    const root = this.host.renderRoot;
    const module = this.#code.value;
    if (!module || !(root instanceof ShadowRoot) || this.#stylesIn === root) return;
    adoptStyles(root, [...this.elementStyles(), module.panelStyles]);
    this.#stylesIn = root;
  }
}
