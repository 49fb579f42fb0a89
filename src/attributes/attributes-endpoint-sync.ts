import { errorText } from '../base/error-text.js';

/**
 * Asks the site's own backend (`attributes-endpoint`) to vouch for the visitor on their
 * conversation: it gets the guest's JWT (`{ jwt }`, JSON, with the site's own cookies), which
 * proves the session is the caller's, and sets the attributes it derives from its own
 * sign-in on the conversation through the platform API. Nothing the page says is sent: what
 * the backend sets is the site's word, not the visitor's. Once per session and page.
 */
export class AttributesEndpointSync {
  readonly #url: string | undefined;
  #vouchedWith: string | undefined;
  #inFlight: Promise<void> = Promise.resolve();

  constructor(
    value: string,
    private readonly guestJwt: () => Promise<string | undefined>,
    private readonly failed: (message: string) => void,
  ) {
    this.#url = endpointUrl(value, location);
    if (!this.#url) failed(`attributes-endpoint ${JSON.stringify(value)} must be a path or URL on this site (${location.origin}); it is not used`);
  }

  vouch(): void {
    this.#inFlight = this.#inFlight.then(() => this.#post());
  }

  async #post(): Promise<void> {
    if (!this.#url) return;
    try {
      const jwt = await this.guestJwt();
      // The same session (its JWT names it) is vouched for once per page.
      const session = jwt?.split('.')[1];
      if (!jwt || session === this.#vouchedWith) return;
      const response = await fetch(this.#url, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ jwt }) });
      if (!response.ok) {
        const detail = await response.json().then((body: { error?: unknown }) => (typeof body.error === 'string' ? `: ${body.error}` : ''), () => '');
        return this.failed(`attributes-endpoint answered ${response.status}${detail}`);
      }
      this.#vouchedWith = session;
    } catch (error) {
      this.failed(`attributes-endpoint could not be reached: ${errorText(error)}`);
    }
  }
}

/** A path or URL on the page's own origin (the guest's JWT goes nowhere else), or undefined. */
function endpointUrl(value: string, page: { href: string; origin: string }): string | undefined {
  try {
    const url = new URL(value, page.href);
    return url.origin === page.origin ? url.href : undefined;
  } catch {
    return undefined;
  }
}
