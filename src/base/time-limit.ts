/**
 * `operation`, or `fallback` if it has not settled within `ms`: for waits that must never
 * hold anything up (a store that hangs, as Safari's IndexedDB can).
 */
export function within<T>(operation: T | Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  return Promise.race([operation, late]).finally(() => clearTimeout(timer));
}
