/** How long before the session expires the visitor is told (the official SDK's default). */
export const expiryNoticeMs = 300_000;

/**
 * When the session will expire, and when to tell the visitor: `noticeChanged` fires with the
 * expiry time `expiryNoticeMs` before it (at once if that moment has passed), and with
 * `undefined` once activity has pushed it back. The server says when (`SessionResponse`, the
 * `echo` reply); between its word, every message counts as activity, as the service counts it.
 */
export class SessionExpiry {
  #expiresAt: number | undefined;
  #durationMs: number | undefined;
  #noticeAt: number | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly noticeChanged: (expiresAt: number | undefined) => void) {}

  /** The server's word: epoch seconds, as numbers (`SessionResponse`) or strings (the `echo` reply's metadata). */
  learnt(expirationDate: unknown, durationSeconds: unknown): void {
    const duration = Number(durationSeconds);
    if (Number.isFinite(duration) && duration > 0) this.#durationMs = duration * 1000;
    const expires = Number(expirationDate);
    if (Number.isFinite(expires) && expires > 0) this.#plan(expires * 1000);
  }

  /**
   * A message went or came: the session lives `duration` from now. Returns whether a notice
   * was showing (the caller then asks the server to confirm the new expiry).
   */
  activity(now = Date.now()): boolean {
    if (this.#durationMs === undefined) return false;
    const wasShowing = this.#noticeAt !== undefined;
    this.#plan(now + this.#durationMs);
    return wasShowing;
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#noticeAt !== undefined) {
      this.#noticeAt = undefined;
      this.noticeChanged(undefined);
    }
  }

  #plan(expiresAt: number): void {
    this.#expiresAt = expiresAt;
    clearTimeout(this.#timer);
    const wait = expiresAt - expiryNoticeMs - Date.now();
    if (wait > 0) {
      if (this.#noticeAt !== undefined) {
        this.#noticeAt = undefined;
        this.noticeChanged(undefined);
      }
      // Timers longer than 2^31 ms fire at once: sessions can last 18 months.
      this.#timer = setTimeout(() => this.#plan(expiresAt), Math.min(wait, 2 ** 31 - 1));
    } else if (this.#noticeAt !== expiresAt) {
      this.#noticeAt = expiresAt;
      this.noticeChanged(expiresAt);
    }
  }

  get expiresAt(): number | undefined {
    return this.#expiresAt;
  }
}
