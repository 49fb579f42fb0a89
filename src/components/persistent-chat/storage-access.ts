import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { HubClient } from '../../hub/hub-client.js';
import type { HubLink } from './hub-link.js';

/**
 * Mounts the Storage Access button (the hub's page in a small visible frame, see
 * `HubLink.accessFrame`) where the third-party notice asks for it. When the visitor has
 * answered, `answered` is called; after a grant the hidden hub claims the access itself.
 */
export class StorageAccessButton implements ReactiveController {
  #frame: HubClient | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment },
    private readonly hub: () => HubLink | undefined,
    private readonly label: () => string,
    private readonly answered: (granted: boolean) => void,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const place = this.host.renderRoot.querySelector('.third-party .access');
    const hub = this.hub();
    if (place && hub && this.#frame?.frame.parentNode !== place) {
      this.#frame?.dispose();
      this.#frame = hub.accessFrame(place, this.label(), this.answered);
    } else if (!place && this.#frame) {
      this.hostDisconnected();
    }
  }

  hostDisconnected(): void {
    this.#frame?.dispose();
    this.#frame = undefined;
  }
}
