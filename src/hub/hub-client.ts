import { hubTag, isHubToWidget, isWelcome, newNonce, type HubOperation, type HubToWidget, type HubWelcome } from './hub-protocol.js';

export type HubEvent = Extract<HubToWidget, { type: 'event' }>;

export interface HubClientOptions {
  /** How long the hub has to answer the handshake. */
  readonly handshakeMs?: number;
  /** How long it has to answer each request. */
  readonly requestMs?: number;
  /** Shown to the visitor (the Storage Access button) rather than hidden. */
  readonly visible?: boolean;
}

/** Why the hub could not be used: it did not answer, or it answered no. */
export class HubError extends Error {
  constructor(
    readonly kind: 'timeout' | 'refused' | 'closed',
    message: string,
  ) {
    super(message);
    this.name = 'HubError';
  }
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: HubError): void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * The widget's side of a storage hub: a hidden iframe, a handshake with a fresh nonce,
 * numbered requests each with a time limit, and a filter that drops every message not
 * from that very frame, on that exact origin, carrying that nonce and the right shape.
 */
export class HubClient {
  readonly origin: string;
  readonly frame: HTMLIFrameElement;
  readonly #nonce = newNonce();
  readonly #pending = new Map<number, Pending>();
  readonly #listeners = new Set<(event: HubEvent) => void>();
  readonly #lifetime = new AbortController();
  readonly #requestMs: number;
  readonly #welcome: Promise<HubWelcome>;
  #latest: HubWelcome | undefined;
  #onWelcome: ((welcome: HubWelcome) => void) | undefined;
  #nextId = 1;

  constructor(url: URL, container: Node, { handshakeMs = 2000, requestMs = 2000, visible = false }: HubClientOptions = {}) {
    this.origin = url.origin;
    this.#requestMs = requestMs;
    const frame = document.createElement('iframe');
    frame.src = url.href;
    frame.title = 'persistent-chat storage';
    frame.referrerPolicy = 'no-referrer';
    frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-storage-access-by-user-activation');
    if (!visible) {
      frame.tabIndex = -1;
      frame.setAttribute('aria-hidden', 'true');
      frame.style.cssText = 'position:absolute;width:1px;height:1px;border:0;opacity:0;pointer-events:none;clip-path:inset(50%)';
    }
    this.frame = frame;
    this.#welcome = this.#handshake(handshakeMs);
    // Settled by whoever asks; a hub nobody asked about must not raise an unhandled rejection.
    this.#welcome.catch(() => {});
    addEventListener('message', (event) => this.#receive(event), { signal: this.#lifetime.signal });
    container.appendChild(frame);
  }

  /** Resolves with what the hub can do once it answered the handshake; rejects with a `HubError`. */
  ready(): Promise<HubWelcome> {
    return this.#welcome;
  }

  /** The hub's latest account of its storage (after `recheck`, it may differ from the handshake). */
  get latest(): HubWelcome | undefined {
    return this.#latest;
  }

  async request(operation: HubOperation): Promise<unknown> {
    await this.#welcome;
    const target = this.frame.contentWindow;
    if (!target || this.#lifetime.signal.aborted) throw new HubError('closed', 'the hub is gone');
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new HubError('timeout', `the hub did not answer ${operation.op} within ${this.#requestMs} ms`));
      }, this.#requestMs);
      this.#pending.set(id, { resolve, reject, timer });
      target.postMessage({ ...operation, tag: hubTag, type: 'request', nonce: this.#nonce, id }, this.origin);
    });
  }

  /** Asks the hub to look at its storage again (after the visitor granted it access). */
  async recheck(): Promise<HubWelcome> {
    const welcome = await this.request({ op: 'recheck' });
    if (!isWelcome(welcome)) throw new HubError('refused', 'the hub answered recheck with something else');
    this.#latest = welcome;
    return welcome;
  }

  /** Hears what the hub reports unasked (locks, tab messages, a Storage Access answer). */
  listen(listener: (event: HubEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  dispose(): void {
    this.#lifetime.abort();
    this.frame.remove();
    for (const pending of this.#pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(new HubError('closed', 'the widget stopped using the hub'));
    }
    this.#pending.clear();
    this.#listeners.clear();
  }

  #handshake(ms: number): Promise<HubWelcome> {
    return new Promise((resolve, reject) => {
      const signal = this.#lifetime.signal;
      const hello = () => this.frame.contentWindow?.postMessage({ tag: hubTag, type: 'hello', nonce: this.#nonce }, this.origin);
      // Said on load, and again until answered: a hub still starting up misses the first.
      this.frame.addEventListener('load', hello, { signal });
      const retry = setInterval(hello, 250);
      const timer = setTimeout(() => finish(new HubError('timeout', `the storage hub at ${this.origin} did not answer within ${ms} ms`)), ms);
      const finish = (outcome: HubWelcome | HubError) => {
        clearInterval(retry);
        clearTimeout(timer);
        this.#onWelcome = undefined;
        if (outcome instanceof HubError) reject(outcome);
        else resolve(outcome);
      };
      this.#onWelcome = finish;
      signal.addEventListener('abort', () => finish(new HubError('closed', 'the widget stopped using the hub')));
    });
  }

  #receive(event: MessageEvent): void {
    if (event.origin !== this.origin || event.source !== this.frame.contentWindow) return;
    const message: unknown = event.data;
    if (!isHubToWidget(message) || message.nonce !== this.#nonce) return;
    switch (message.type) {
      case 'welcome': {
        const { storage, access, sameSite, sites } = message;
        this.#latest = { storage, access, sameSite, ...(sites ? { sites } : {}) };
        return this.#onWelcome?.(this.#latest);
      }
      case 'reply': {
        const pending = this.#pending.get(message.id);
        if (!pending) return;
        this.#pending.delete(message.id);
        clearTimeout(pending.timer);
        if (!message.ok) return pending.reject(new HubError('refused', `the hub refused: ${message.error}`));
        return pending.resolve(message.value);
      }
      case 'event':
        for (const listener of this.#listeners) listener(message);
    }
  }
}
