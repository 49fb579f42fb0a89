import { get, update } from 'idb-keyval';
import { errorText } from '../base/error-text.js';
import type { OutgoingFile } from '../base/outbox-entry.js';
import { within } from '../base/time-limit.js';
import { widgetStore } from '../storage/adapters/indexeddb-adapter.js';
import { toStorageError } from '../storage/storage-adapter.js';

/** How long the store may take to keep or give back a file before the widget goes on without it. */
const storeLimitMs = 3000;

type Shelf = Record<string, Blob>;

let opened: ReturnType<typeof widgetStore> | undefined;
const store = () => (opened ??= widgetStore());

/**
 * The visitor's unsent files, kept in IndexedDB (which stores a `Blob` as it is) under the
 * outbox's own rules: only where the session store lets the cache be written there
 * (`SessionStore.fileShelf`, one key per widget holding the files by attachment id). Each
 * goes once the server has the message; the key goes with the rest of the conversation.
 * Resolves with what went wrong, if a file could not be kept (the quota, a store that hangs).
 */
export async function keepFiles(files: readonly OutgoingFile[]): Promise<string | undefined> {
  try {
    for (const { id, kept, blob } of files) if (kept && blob) await change(kept, (shelf) => ({ ...shelf, [id]: blob }));
    return undefined;
  } catch (error) {
    return toStorageError(error, 'indexeddb').kind === 'quota' ? 'the storage quota is exhausted' : errorText(error);
  }
}

/** The file itself: the one this page holds, else the one kept for it; undefined when neither is here. */
export async function blobOf(file: OutgoingFile): Promise<Blob | undefined> {
  if (file.blob) return file.blob;
  if (!file.kept) return undefined;
  const shelf = await within(get<Shelf>(file.kept, store()), storeLimitMs, undefined).catch(() => undefined);
  const found = shelf?.[file.id];
  return found instanceof Blob ? found : undefined;
}

/** The server has them: the kept copies go. */
export async function forgetKept(files: readonly OutgoingFile[]): Promise<void> {
  for (const { id, kept } of files) {
    if (!kept) continue;
    await change(kept, (shelf) => Object.fromEntries(Object.entries(shelf).filter(([each]) => each !== id))).catch(() => {});
  }
}

/** One read-modify-write transaction (tabs keep and forget files side by side), within the time limit. */
async function change(key: string, next: (shelf: Shelf) => Shelf): Promise<void> {
  const done = await within(
    update<Shelf | undefined>(key, (shelf) => next(shelf ?? {}), store()).then(() => true),
    storeLimitMs,
    false,
  );
  if (!done) throw new Error(`IndexedDB did not answer in ${storeLimitMs / 1000} s`);
}
