/**
 * One browser engine, driven by the tool that speaks to it: Chromium through Playwright,
 * Firefox through Puppeteer over WebDriver BiDi (Playwright's Firefox needs commands that
 * Firefox ESR lacks). A scenario written against these interfaces runs in both.
 */
export interface Engine {
  readonly name: 'chromium' | 'firefox';
  /** A visitor: a fresh browser profile whose tabs share cookies, storage, channels and locks. */
  newVisitor(options?: VisitorOptions): Promise<Visitor>;
  close(): Promise<void>;
}

export interface VisitorOptions {
  /** Attributes the site's tag has: set on `<persistent-chat>` as the page is parsed, before the element starts. */
  readonly attributes?: Readonly<Record<string, string>>;
  /** A profile on disk of its own, so that `restart()` can close the browser and start it again on it. */
  readonly restartable?: boolean;
}

export interface Visitor {
  /** Opens `url` in a new tab; resolves once the document is parsed (`loaded`) or fully loaded (`load`). */
  newTab(url: string, until?: 'parsed' | 'load'): Promise<Tab>;
  /** Closes the browser (every tab) and starts it again on the same profile: what a shared computer does between visitors. Only for a `restartable` visitor. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface Tab {
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** A real click on the launcher (the pointer, not a script). */
  clickLauncher(): Promise<void>;
  /** Types `text` into the composer and presses Enter. */
  send(text: string): Promise<void>;
  /** Types `text` into the composer, without sending it. */
  type(text: string): Promise<void>;
  reload(): Promise<void>;
  /** Closes the tab as a visitor does: the page hears `pagehide`. */
  close(): Promise<void>;
  /**
   * The tab dies without a word. Chromium crashes the renderer; Firefox over BiDi has no
   * crash command, so the nearest real thing is used: the page is closed with its
   * `pagehide`, `unload` and `visibilitychange` listeners silenced, so that nothing the
   * widget does on leaving runs.
   */
  crash(): Promise<void>;
  /**
   * Makes the page report itself `hidden` or `visible` (firing `visibilitychange`), or report
   * the browser's own state again (`undefined`): Chromium under Playwright reports every page
   * visible, and Firefox only the tab in front.
   */
  setVisibility(state: 'hidden' | 'visible' | undefined): Promise<void>;
  /** Errors the page threw or left unhandled, as its own `error` and `unhandledrejection` events saw them. */
  thrown(): Promise<string[]>;
}

/**
 * Installed in every page before its own scripts run: records what is thrown into the page
 * and every `chat-third-party` report,
 * and puts a listener ahead of all others for the events of leaving, which silences them
 * once `silenceLeaving` ran (the widget's own listeners then never hear that the page goes).
 */
export function instrumentPage(): void {
  const page = window as unknown as { __thrown: string[]; __silenced: boolean; __visibility: DocumentVisibilityState | undefined; __thirdParty: unknown[] };
  page.__thrown = [];
  page.__thirdParty = [];
  addEventListener('chat-third-party', (event) => page.__thirdParty.push((event as CustomEvent).detail));
  page.__silenced = false;
  page.__visibility = undefined;
  const real = Object.getOwnPropertyDescriptor(Document.prototype, 'visibilityState')!;
  Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get: function (this: Document) { return page.__visibility ?? (real.get!.call(this) as DocumentVisibilityState); } });
  Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => document.visibilityState === 'hidden' });
  addEventListener('error', (event) => page.__thrown.push(String(event.message)));
  addEventListener('unhandledrejection', (event) => page.__thrown.push(String((event as PromiseRejectionEvent).reason)));
  const silence = (event: Event) => {
    if (page.__silenced) event.stopImmediatePropagation();
  };
  for (const type of ['pagehide', 'unload', 'beforeunload', 'visibilitychange', 'freeze']) {
    addEventListener(type, silence, true);
    document.addEventListener(type, silence, true);
  }
}

/** In the page, before its scripts: gives the page's `<persistent-chat>` these attributes as the parser inserts it. */
export function setAttributesAsParsed(attributes: Readonly<Record<string, string>>): void {
  if (window !== window.top) return;
  const observer = new MutationObserver(() => {
    const element = document.querySelector('persistent-chat');
    if (!element) return;
    observer.disconnect();
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  });
  observer.observe(document, { childList: true, subtree: true });
}

/** In the page: reads what `instrumentPage` kept. */
export function readThrown(): string[] {
  return (window as unknown as { __thrown?: string[] }).__thrown ?? [];
}

/** In the page: reports `state` from now on (the browser's own with `undefined`). */
export function forceVisibility(state: DocumentVisibilityState | undefined): void {
  (window as unknown as { __visibility: DocumentVisibilityState | undefined }).__visibility = state;
  document.dispatchEvent(new Event('visibilitychange'));
}

/** In the page: from now on, the widget does not hear the page go. */
export function silenceLeaving(): void {
  (window as unknown as { __silenced: boolean }).__silenced = true;
}
