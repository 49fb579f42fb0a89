/**
 * Thumbnails of the visitor's own images, made from the local file at once (an object URL),
 * shown in the composer and in the message until the server's copy is there. Each is revoked
 * once it is not needed: removed, refused, or sent (`released`).
 */
class LocalPreviews {
  readonly #urls = new Map<string, string>();

  make(id: string, file: Blob): void {
    if (!this.#urls.has(id)) this.#urls.set(id, URL.createObjectURL(file));
  }

  get(id: string): string | undefined {
    return this.#urls.get(id);
  }

  drop(id: string): void {
    const url = this.#urls.get(id);
    if (url) URL.revokeObjectURL(url);
    this.#urls.delete(id);
  }
}

export const localPreviews = new LocalPreviews();
