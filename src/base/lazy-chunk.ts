/**
 * Code that only some visitors need, fetched (by a dynamic `import()`, a chunk of its own)
 * the first time it is wanted, once. A fetch that fails is forgotten, so that the next
 * `load()` fetches again: a visitor who was offline gets the code when they are back.
 */
export class LazyChunk<T> {
  #value: T | undefined;
  #loading: Promise<T> | undefined;

  constructor(private readonly fetchCode: () => Promise<T>) {}

  /** The code, once it has arrived. */
  get value(): T | undefined {
    return this.#value;
  }

  /** The fetch under way, if any. */
  get loading(): Promise<T> | undefined {
    return this.#loading;
  }

  /** Fetches the code unless it is here or on its way; rejects if it cannot arrive. */
  load(): Promise<T> {
    if (this.#value !== undefined) return Promise.resolve(this.#value);
    this.#loading ??= this.fetchCode().then(
      (value) => {
        this.#value = value;
        this.#loading = undefined;
        return value;
      },
      (error: unknown) => {
        this.#loading = undefined;
        throw error;
      },
    );
    return this.#loading;
  }
}
