import { LazyChunk } from '../../base/lazy-chunk.js';
import type { StorageAdapter } from '../storage-adapter.js';
import type { SessionHooks } from './hooks-adapter.js';

/**
 * The page's `sessionHooks` as a store. Few sites use hooks, so the adapter's code is a
 * chunk of its own, fetched on the store's first use; a fetch that fails fails that use, as
 * a broken store would, and the chain falls back.
 */
export function hooksAdapter(hooks: SessionHooks): StorageAdapter {
  const adapter = new LazyChunk(async () => new (await import('./hooks-adapter.js')).HooksAdapter(hooks));
  const use = <T>(operation: (loaded: StorageAdapter) => Promise<T>): Promise<T> => adapter.load().then(operation);
  return {
    name: 'hooks',
    capabilities: { persistent: true, sharedAcrossSubdomains: false, maxValueBytes: Number.POSITIVE_INFINITY },
    probe: () => use((loaded) => loaded.probe()),
    get: (key) => use((loaded) => loaded.get(key)),
    set: (key, value) => use((loaded) => loaded.set(key, value)),
    delete: (key) => use((loaded) => loaded.delete(key)),
  };
}
