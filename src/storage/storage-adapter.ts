import { errorText } from '../base/error-text.js';
/** The names a page can give the `storage` attribute, besides `auto`. */
export const adapterNames = ['cookie', 'local', 'indexeddb', 'iframe', 'memory', 'hooks'] as const;
export type AdapterName = (typeof adapterNames)[number];

export interface AdapterCapabilities {
  /** Survives closing the browser. */
  readonly persistent: boolean;
  /** Readable on the site's other sub-domains. */
  readonly sharedAcrossSubdomains: boolean;
  /** The largest value it takes, in bytes. */
  readonly maxValueBytes: number;
}

/**
 * A place to keep strings by key. Every method is asynchronous, even where the store is
 * not, so that the session store treats all of them alike.
 */
export interface StorageAdapter {
  readonly name: AdapterName;
  readonly capabilities: AdapterCapabilities;
  /** A real write, read and delete; rejects with a `StorageError` when the store cannot be used. */
  probe(): Promise<void>;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  /** Read-modify-write in one step, where the store has such a thing. */
  update?(key: string, change: (old: string | undefined) => string): Promise<string>;
}

export type StorageErrorKind = 'unavailable' | 'quota' | 'too-large' | 'refused' | 'timeout';

/** Why a store could not be used. */
export class StorageError extends Error {
  constructor(
    readonly kind: StorageErrorKind,
    readonly adapter: AdapterName,
    message: string,
  ) {
    super(`${adapter} storage: ${message}`);
    this.name = 'StorageError';
  }
}

/** Classifies whatever a browser store threw. */
export function toStorageError(error: unknown, adapter: AdapterName): StorageError {
  if (error instanceof StorageError) return error;
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  const code = error instanceof DOMException ? error.code : 0;
  // QuotaExceededError everywhere; 22 is legacy WebKit, 1014 is Gecko's NS_ERROR_DOM_QUOTA_REACHED.
  if (name === 'QuotaExceededError' || code === 22 || code === 1014 || name === 'NS_ERROR_DOM_QUOTA_REACHED') {
    return new StorageError('quota', adapter, 'the storage quota is exhausted');
  }
  return new StorageError('unavailable', adapter, `${name || 'error'}: ${errorText(error)}`);
}

/** Rejects with a `timeout` StorageError when `operation` takes longer than `ms`. */
export function withTimeout<T>(operation: Promise<T>, ms: number, adapter: AdapterName): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StorageError('timeout', adapter, `no answer within ${ms} ms`)), ms);
  });
  return Promise.race([operation, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The write-read-delete round trip every probe makes, on a key of its own: two widgets
 * or two tabs probing at the same moment must not read each other's value.
 */
export async function roundTrip(adapter: StorageAdapter, keyPrefix: string): Promise<void> {
  const nonce = Math.random().toString(36).slice(2, 10);
  const key = `${keyPrefix}_${nonce}`;
  const value = `probe-${nonce}`;
  await adapter.set(key, value);
  const read = await adapter.get(key);
  await adapter.delete(key);
  if (read !== value) throw new StorageError('refused', adapter.name, 'a value written could not be read back');
}
