/** How often progress is told to the other tabs at most. */
const shareEveryMs = 150;

type ProgressListener = (id: string, fraction: number) => void;

/**
 * How far each upload has gone (0 to 1), by attachment id: the tab that uploads sets it, and
 * every tab of the origin hears it (a BroadcastChannel), so that the visitor sees the bar
 * move wherever they look. Attachment ids are random UUIDs: one channel serves every widget.
 */
export class UploadProgress {
  readonly #fractions = new Map<string, number>();
  readonly #listeners = new Set<ProgressListener>();
  readonly #sharedAt = new Map<string, number>();
  #channel: BroadcastChannel | undefined;

  get(id: string): number | undefined {
    return this.#fractions.get(id);
  }

  /** This tab's upload of `id` has gone this far. */
  set(id: string, fraction: number): void {
    this.#record(id, fraction);
    const now = performance.now();
    if (fraction < 1 && now - (this.#sharedAt.get(id) ?? Number.NEGATIVE_INFINITY) < shareEveryMs) return;
    this.#sharedAt.set(id, now);
    this.#open()?.postMessage({ id, fraction });
  }

  /** The upload is over (sent, refused or given up): forget it. */
  clear(id: string): void {
    this.#fractions.delete(id);
    this.#sharedAt.delete(id);
  }

  /** Calls `listener` on every change until the returned function is called. */
  listen(listener: ProgressListener): () => void {
    this.#open();
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #record(id: string, fraction: number): void {
    const bounded = Math.min(1, Math.max(0, fraction));
    this.#fractions.set(id, bounded);
    for (const listener of this.#listeners) listener(id, bounded);
  }

  #open(): BroadcastChannel | undefined {
    if (this.#channel || typeof BroadcastChannel !== 'function') return this.#channel;
    this.#channel = new BroadcastChannel('persistent-chat:uploads');
    this.#channel.onmessage = ({ data }: MessageEvent) => {
      // Same-origin tabs only; still, nothing but an id and a number is taken.
      if (typeof data?.id === 'string' && data.id.length <= 64 && typeof data.fraction === 'number' && Number.isFinite(data.fraction)) this.#record(data.id, data.fraction);
    };
    return this.#channel;
  }
}

/** The page's one registry (each chunk that needs it shares this module). */
export const uploadProgress = new UploadProgress();
