import { errorText } from '../../base/error-text.js';
import { hubTag, isWidgetToHub, maxHubNameLength, maxHubSites, type HubToWidget, type HubWelcome, type WidgetToHub } from '../hub-protocol.js';
import type { HubStorage } from './hub-storage.js';
import { HubTabs } from './hub-tabs.js';

type Outgoing = HubToWidget extends infer M ? (M extends HubToWidget ? Omit<M, 'tag' | 'nonce'> : never) : never;
type Request = Extract<WidgetToHub, { type: 'request' }>;

/**
 * The storage hub, running in an iframe that pages on other origins embed. It answers
 * only its parent window, only when that window's origin is exactly one of the trusted
 * origins, only after a handshake with that page's nonce, and only to that origin: a page
 * that is not trusted gets no answer at all, so it learns nothing, not even that the hub
 * is there.
 */
export class Hub {
  #parent: { origin: string; nonce: string } | undefined;
  #sameSite = false;
  readonly #tabs = new HubTabs({
    lockWon: (name) => this.#post({ type: 'event', event: 'lock-won', name }),
    lockLost: (name) => this.#post({ type: 'event', event: 'lock-lost', name }),
    heard: (name, data) => this.#post({ type: 'event', event: 'broadcast', name, data }),
  });

  constructor(
    private readonly trusted: ReadonlySet<string>,
    private readonly storage: HubStorage,
  ) {}

  start(): void {
    addEventListener('message', (event) => this.#receive(event));
  }

  /** The Storage Access button: a click inside this frame is what the browser asks for. */
  offerAccess(button: HTMLButtonElement, label: string): void {
    button.textContent = label;
    button.hidden = false;
    button.addEventListener('click', () => {
      document
        .requestStorageAccess()
        .then(() => true, () => false)
        .then((granted) => this.#post({ type: 'event', event: 'access', granted }));
    });
  }

  #receive(event: MessageEvent): void {
    if (parent === window || event.source !== parent || !this.trusted.has(event.origin)) return;
    const message: unknown = event.data;
    if (!isWidgetToHub(message)) return;
    if (message.type === 'hello') {
      this.#parent = { origin: event.origin, nonce: message.nonce };
      this.#sameSite = this.storage.isSameSite(event.origin);
      void this.#welcome().then((welcome) => this.#post({ type: 'welcome', ...welcome }));
      return;
    }
    if (event.origin !== this.#parent?.origin || message.nonce !== this.#parent.nonce) return;
    this.#answer(message).then(
      (value) => this.#post({ type: 'reply', id: message.id, ok: true, ...(value === undefined ? {} : { value }) }),
      (error: unknown) => this.#post({ type: 'reply', id: message.id, ok: false, error: errorText(error) }),
    );
  }

  async #answer(request: Request): Promise<string | boolean | HubWelcome | undefined> {
    switch (request.op) {
      case 'get':
        return this.storage.get(request.key);
      case 'set':
        this.storage.set(request.key, request.value, request.days);
        return undefined;
      case 'delete':
        this.storage.delete(request.key);
        return undefined;
      case 'recheck':
        return this.#welcome();
    }
    if (!this.#sameSite) throw new Error('tab ownership through the hub is only for pages on its own site');
    switch (request.op) {
      case 'lock':
        return (await this.#tabs.lock(request.name, request.mode)) ?? undefined;
      case 'subscribe':
        this.#tabs.subscribe(request.name);
        return undefined;
      case 'broadcast':
        this.#tabs.broadcast(request.name, request.data);
        return undefined;
    }
  }

  async #welcome(): Promise<HubWelcome> {
    return { ...(await this.storage.state()), sameSite: this.#sameSite, sites: [...this.trusted].filter((site) => site.length <= maxHubNameLength).slice(0, maxHubSites) };
  }

  #post(message: Outgoing): void {
    const to = this.#parent;
    if (!to) return;
    // Always the exact origin that said hello, never '*'.
    parent.postMessage({ ...message, tag: hubTag, nonce: to.nonce }, to.origin);
  }
}

/**
 * Reads the trusted origins from the page's JSON list. Only exact origins count
 * (`https://www.example.com`, with a port where there is one): wildcards, paths and
 * anything else are left out and reported, so a typo cannot widen the list. An `http://`
 * origin is kept, with a warning, except on `localhost` names: its pages can be altered on
 * the way, and anything the hub tells them with it.
 */
export function readTrustedOrigins(json: string): { trusted: Set<string>; rejected: string[]; warnings: string[] } {
  const trusted = new Set<string>();
  const rejected: string[] = [];
  const warnings: string[] = [];
  let entries: unknown;
  try {
    entries = JSON.parse(json);
  } catch {
    entries = undefined;
  }
  if (!Array.isArray(entries)) return { trusted, rejected: ['the trusted origins are not a JSON array of strings'], warnings };
  for (const entry of entries) {
    let url: URL | undefined;
    try {
      url = typeof entry === 'string' && !entry.includes('*') ? new URL(entry) : undefined;
    } catch {
      url = undefined;
    }
    const origin = url && (url.protocol === 'https:' || url.protocol === 'http:') ? url.origin : undefined;
    if (!origin || origin !== entry) {
      rejected.push(String(entry));
      continue;
    }
    trusted.add(origin);
    const local = url!.hostname === 'localhost' || url!.hostname.endsWith('.localhost');
    if (url!.protocol === 'http:' && !local) warnings.push(`${origin} is not https: its pages can be altered on the way, and read what the hub answers them`);
  }
  return { trusted, rejected, warnings };
}
