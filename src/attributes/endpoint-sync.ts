import { errorText } from '../base/error-text.js';
import { LazyChunk } from '../base/lazy-chunk.js';

/** What the conversation asks of the site's attributes endpoint (`attributes-endpoint`). */
export interface EndpointSync {
  /** The visitor's conversation exists (a message reached the server): the site's backend may vouch for them on it, once per session. */
  vouch(): void;
}

const endpointCode = new LazyChunk(() => import('./attributes-endpoint-sync.js'));

/**
 * The endpoint sync, its code fetched (a chunk of its own: few sites have an endpoint) when
 * a page names one. Calls made meanwhile wait for it, in order.
 */
export function endpointSync(url: string, guestJwt: () => Promise<string | undefined>, failed: (message: string) => void): EndpointSync {
  const sync = endpointCode.load().then(({ AttributesEndpointSync }) => new AttributesEndpointSync(url, guestJwt, failed));
  sync.catch((error: unknown) => failed(`attributes-endpoint: its code could not be loaded (${errorText(error)})`));
  return { vouch: () => void sync.then((each) => each.vouch(), () => {}) };
}
