import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { HubClient } from '../../hub/hub-client.js';

/**
 * The Storage Access button: the hub's page in a small visible frame inside the notice,
 * because browsers grant a frame access only after a click inside that frame. When the
 * visitor has answered, `answered` is called; after a grant the hidden hub claims the access itself.
 */
export class StorageAccessButton implements ReactiveController {
  #client: HubClient | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment },
    private readonly hubUrl: () => URL | undefined,
    private readonly label: () => string,
    private readonly answered: (granted: boolean) => void,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const place = this.host.renderRoot.querySelector('.third-party .access');
    const url = this.hubUrl();
    if (place && url && this.#client?.frame.parentNode !== place) {
      this.#client?.dispose();
      url.hash = new URLSearchParams({ mode: 'access', label: this.label() }).toString();
      const client = new HubClient(url, place, { visible: true });
      client.listen((event) => {
        if (event.event === 'access') this.answered(event.granted);
      });
      this.#client = client;
    } else if (!place && this.#client) {
      this.hostDisconnected();
    }
  }

  hostDisconnected(): void {
    this.#client?.dispose();
    this.#client = undefined;
  }
}
