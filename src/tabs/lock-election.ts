import type { Election, ElectionListener } from './election.js';

/**
 * Ownership is a Web Lock: the browser gives it to one tab at a time, in order, and takes
 * it back the moment the holding tab closes or crashes, with no timers to go wrong under
 * background throttling.
 */
export class LockElection implements Election {
  #request: AbortController | undefined;
  #release: (() => void) | undefined;
  #owner = false;
  #disposed = false;
  /** The lock manager's id for this tab's hold on the lock, read when the lock was granted. */
  #holderId: string | undefined;

  constructor(
    private readonly lockName: string,
    private readonly listener: ElectionListener,
  ) {}

  static available(): boolean {
    return typeof navigator !== 'undefined' && typeof navigator.locks?.request === 'function';
  }

  get owner(): boolean {
    return this.#owner;
  }

  compete(): void {
    if (this.#disposed || this.#request) return;
    this.#queue({});
  }

  steal(): void {
    if (this.#disposed || this.#owner) return;
    this.#request?.abort();
    this.#request = undefined;
    this.#queue({ steal: true });
  }

  async confirm(): Promise<boolean> {
    if (!this.#owner) return false;
    const state = await navigator.locks.query();
    const holder = state.held?.find((lock) => lock.name === this.lockName)?.clientId;
    return this.#owner && holder !== undefined && (this.#holderId === undefined || holder === this.#holderId);
  }

  withdraw(): void {
    this.#request?.abort();
    this.#request = undefined;
    this.#letGo();
  }

  dispose(): void {
    this.#disposed = true;
    this.withdraw();
  }

  #queue(options: { steal?: boolean }): void {
    const controller = new AbortController();
    this.#request = controller;
    const held = new Promise<void>((resolve) => (this.#release = resolve));
    navigator.locks
      // The Web Locks API refuses a signal together with steal.
      .request(this.lockName, options.steal ? { steal: true } : { signal: controller.signal }, () => {
        if (controller.signal.aborted || this.#request !== controller) return undefined;
        this.#owner = true;
        this.#holderId = undefined;
        void navigator.locks.query().then((state) => {
          if (this.#owner && this.#request === controller) this.#holderId = state.held?.find((lock) => lock.name === this.lockName)?.clientId;
        });
        this.listener.won();
        return held;
      })
      .catch((error: unknown) => {
        // A stolen lock rejects our request with AbortError while our callback still runs:
        // ownership is gone and the listener must stop using the connection itself.
        if (this.#request !== controller || (error instanceof DOMException && error.name !== 'AbortError')) return;
        const wasOwner = this.#owner;
        this.#letGo();
        this.#request = undefined;
        if (wasOwner) this.listener.lost();
        if (!this.#disposed) this.compete();
      });
  }

  #letGo(): void {
    this.#owner = false;
    this.#release?.();
    this.#release = undefined;
  }
}
