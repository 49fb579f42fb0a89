import { errorText } from '../base/error-text.js';
import { LazyChunk } from '../base/lazy-chunk.js';
import type { Persistence } from '../config/storage-config.js';
import type { HubLink, HubLinkListener } from './hub-link.js';

const hubCode = new LazyChunk(() => import('./hub-link.js'));

/**
 * Fetches the storage hub's code (a chunk of its own, for pages with `iframe-url`) and opens
 * the hub's frame in `container`. Resolves undefined, making nothing, if the code arrives
 * when it is no longer `wanted` (the chat was rebuilt meanwhile); if it cannot arrive, the
 * listener hears of an unreachable hub, as when the hub's page does not answer.
 */
export async function loadHubLink(url: URL, persist: Persistence, container: Node, listener: HubLinkListener, wanted: () => boolean): Promise<HubLink | undefined> {
  let HubLinkClass: typeof HubLink;
  try {
    ({ HubLink: HubLinkClass } = await hubCode.load());
  } catch (error) {
    if (!wanted()) return undefined;
    listener.warn(`the storage hub's code could not be loaded (${errorText(error)}); the chat continues on this site only`);
    listener.reported({ available: false, storage: 'unreachable', access: 'unsupported' });
    return undefined;
  }
  return wanted() ? new HubLinkClass(url, container, listener, persist) : undefined;
}
