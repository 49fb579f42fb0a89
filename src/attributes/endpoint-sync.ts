import { errorText } from '../base/error-text.js';
import { LazyChunk } from '../base/lazy-chunk.js';
import type { AttributeMap } from './guest-attributes.js';

/** What the conversation asks of the site's attributes endpoint (`attributes-endpoint`). */
export interface EndpointSync {
  /** A new session: what was posted for the last one counts for nothing. */
  reset(): void;
  sync(attributes: AttributeMap): void;
}

const endpointCode = new LazyChunk(() => import('./attributes-endpoint-sync.js'));

/**
 * The endpoint sync, its code fetched (a chunk of its own: few sites have an endpoint) when
 * a page names one. Calls made meanwhile wait for it, in order.
 */
export function endpointSync(url: string, sessionId: () => Promise<string | undefined>, failed: (message: string) => void): EndpointSync {
  const sync = endpointCode.load().then(({ AttributesEndpointSync }) => new AttributesEndpointSync(url, sessionId, failed));
  sync.catch((error: unknown) => failed(`attributes-endpoint: its code could not be loaded (${errorText(error)})`));
  return {
    reset: () => void sync.then((each) => each.reset(), () => {}),
    sync: (attributes) => void sync.then((each) => each.sync(attributes), () => {}),
  };
}
