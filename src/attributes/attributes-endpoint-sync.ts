import { errorText } from '../base/error-text.js';
import { attributesFingerprint, type AttributeMap } from './guest-attributes.js';

/**
 * Sends the guest attributes to the site's own backend (`attributes-endpoint`), which
 * checks them before they reach the contact centre: once a session starts, and again
 * whenever they change.
 */
export class AttributesEndpointSync {
  #posted: string | undefined;
  #inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly url: string,
    private readonly sessionId: () => Promise<string | undefined>,
    private readonly failed: (message: string) => void,
  ) {}

  /** A new session: what was posted for the last one counts for nothing. */
  reset(): void {
    this.#posted = undefined;
  }

  sync(attributes: AttributeMap): void {
    this.#inFlight = this.#inFlight.then(() => this.#post(attributes));
  }

  async #post(attributes: AttributeMap): Promise<void> {
    const fingerprint = attributesFingerprint(attributes);
    if (fingerprint === this.#posted || Object.keys(attributes).length === 0) return;
    try {
      const sessionId = await this.sessionId();
      if (!sessionId) return this.failed('attributes-endpoint: the session has no id to send (the Guest API JWT carries no sid or sub claim)');
      const response = await fetch(this.url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ sessionId, attributes }),
      });
      if (!response.ok) {
        const detail = await response.json().then((body: { error?: unknown }) => (typeof body.error === 'string' ? `: ${body.error}` : ''), () => '');
        return this.failed(`attributes-endpoint answered ${response.status}${detail}`);
      }
      this.#posted = fingerprint;
    } catch (error) {
      this.failed(`attributes-endpoint could not be reached: ${errorText(error)}`);
    }
  }
}
