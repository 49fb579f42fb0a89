/**
 * Flashes the page's title while it is hidden, so that a visitor in another tab or app
 * sees that the agent answered; it stops when the page is visible again.
 */
export class TitleAlert {
  #original: string | undefined;
  #count = 0;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly text: (count: number) => string) {}

  /** One more unseen message: starts flashing, or counts it. */
  raise(): void {
    if (document.visibilityState === 'visible') return;
    this.#count += 1;
    if (this.#timer !== undefined) return;
    this.#original = document.title;
    let showing = false;
    const flip = () => {
      showing = !showing;
      document.title = showing ? this.text(this.#count) : this.#original!;
    };
    flip();
    this.#timer = setInterval(flip, 1200);
    document.addEventListener('visibilitychange', this.#onVisibility);
  }

  stop(): void {
    if (this.#timer === undefined) return;
    clearInterval(this.#timer);
    this.#timer = undefined;
    document.title = this.#original ?? document.title;
    this.#count = 0;
    document.removeEventListener('visibilitychange', this.#onVisibility);
  }

  readonly #onVisibility = (): void => {
    if (document.visibilityState === 'visible') this.stop();
  };
}
