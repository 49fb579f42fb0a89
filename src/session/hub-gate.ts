/**
 * Whether the visitor has engaged with this widget (opened the chat or written) in this tab
 * or in another tab of this origin: until then, and unless a conversation is stored here,
 * the storage hub is not asked for at all (no frame, no probe, no read). The tabs of an
 * origin tell each other over a BroadcastChannel, so that they all move to the hub together
 * and keep electing one owner among them.
 */
export class HubGate {
  #engaged = false;
  #channel: BroadcastChannel | undefined;
  #name = '';
  #watch: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly engagedElsewhere: () => void) {}

  get engaged(): boolean {
    return this.#engaged;
  }

  /**
   * Listens to the other tabs of this widget (`namespace`: its name and deployment); tells
   * them at once if the visitor `engaged` here before this code arrived.
   */
  listen(namespace: string, engaged: boolean): void {
    const name = `persistent-chat:${namespace}:engaged`;
    if (name !== this.#name && typeof BroadcastChannel === 'function') {
      this.dispose();
      this.#name = name;
      this.#channel = new BroadcastChannel(name);
      this.#channel.onmessage = () => {
        if (this.#engaged) return;
        this.#engaged = true;
        this.engagedElsewhere();
      };
    }
    if (engaged) this.engage();
  }

  /** The visitor engaged here: returns whether that is news (the other tabs are told). */
  engage(): boolean {
    if (this.#engaged) return false;
    this.#engaged = true;
    this.#channel?.postMessage(1);
    return true;
  }

  /**
   * Until the hub is asked for: a conversation stored meanwhile on this site by a page on
   * another of its sub-domains (`stored`, the shared cookie) counts as engagement too. Looked
   * at every 2 s, a cookie read.
   */
  watch(stored: () => Promise<boolean>): void {
    this.unwatch();
    this.#watch = setInterval(() => {
      void stored().then((found) => {
        if (!found || this.#engaged) return;
        this.unwatch();
        this.#engaged = true;
        this.engagedElsewhere();
      });
    }, 2000);
  }

  unwatch(): void {
    clearInterval(this.#watch);
  }

  dispose(): void {
    this.unwatch();
    this.#channel?.close();
    this.#channel = undefined;
    this.#name = '';
  }
}
