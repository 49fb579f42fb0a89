/** A failure of the contact centre's API, said plainly for the page that asked. */
export class UpstreamError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'UpstreamError';
  }
}

export interface PlatformClientOptions {
  /** Where the platform API is (the emulator, for the demo). */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
}

/** Refresh a token this long before it expires. */
const refreshMarginMs = 60_000;

/**
 * The site backend's client for the platform API: a client-credentials token, kept until
 * a minute before it expires, and fetched again once if the API says it is no longer valid.
 */
export class PlatformClient {
  #token: { value: string; expiresAt: number } | undefined;

  constructor(private readonly options: PlatformClientOptions) {}

  /**
   * Sets `attributes` on the conversation whose guest JWT the caller gave: the JWT reads its
   * history (a JWT that is not the caller's is refused there: 403), the newest message names
   * the conversation, and the platform API sets them on its customer participant.
   */
  async vouch(guestJwt: string, attributes: Record<string, string>): Promise<void> {
    const history = await this.#fetch(new URL('/api/v2/webmessaging/messages?pageSize=1', this.options.baseUrl), { headers: { Authorization: `bearer ${guestJwt}` } });
    if (history.status === 401) throw new UpstreamError(403, 'that chat session is not yours (its JWT was refused)');
    if (!history.ok) throw new UpstreamError(502, `the contact centre could not read the conversation (${history.status})`);
    const newest = ((await history.json()) as { entities?: Array<{ id?: unknown }> }).entities?.[0]?.id;
    // The platform knows a conversation only once it has a message (the reference's caveat).
    if (typeof newest !== 'string') throw new UpstreamError(409, 'the conversation has no message yet');
    const details = await this.#api('GET', `/api/v2/conversations/messages/${encodeURIComponent(newest)}/details`);
    const conversationId = (details as { conversationId?: unknown }).conversationId;
    if (typeof conversationId !== 'string') throw new UpstreamError(502, 'the contact centre named no conversation');
    const conversation = (await this.#api('GET', `/api/v2/conversations/messages/${encodeURIComponent(conversationId)}`)) as { participants?: Array<{ id?: unknown; purpose?: unknown }> };
    const customer = conversation.participants?.find((participant) => participant.purpose === 'customer')?.id;
    if (typeof customer !== 'string') throw new UpstreamError(502, 'the conversation has no customer participant');
    await this.#api('PATCH', `/api/v2/conversations/messages/${encodeURIComponent(conversationId)}/participants/${encodeURIComponent(customer)}/attributes`, { attributes });
  }

  /** A platform API call with the site's token, fetched again once if the API says it is no longer valid. */
  async #api(method: string, path: string, body?: unknown): Promise<unknown> {
    const call = async () =>
      this.#fetch(new URL(path, this.options.baseUrl), {
        method,
        headers: { Authorization: `Bearer ${await this.#accessToken()}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    let response = await call();
    if (response.status === 401) {
      this.#token = undefined;
      response = await call();
    }
    if (response.status === 401 || response.status === 403) throw new UpstreamError(502, `the contact centre refused this site's credentials (${response.status})`);
    if (!response.ok) throw new UpstreamError(response.status === 404 ? 404 : 502, `the contact centre answered ${response.status} to ${method} ${path.split('/').slice(0, 6).join('/')}`);
    return response.json();
  }

  async #accessToken(): Promise<string> {
    if (this.#token && this.#token.expiresAt - refreshMarginMs > Date.now()) return this.#token.value;
    const { baseUrl, clientId, clientSecret } = this.options;
    const response = await this.#fetch(new URL('/oauth/token', baseUrl), {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    if (!response.ok) throw new UpstreamError(response.status, `the contact centre refused this site's credentials (${response.status})`);
    const body = (await response.json()) as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== 'string') throw new UpstreamError(502, 'the contact centre sent no access token');
    const lifetime = typeof body.expires_in === 'number' ? body.expires_in : 300;
    this.#token = { value: body.access_token, expiresAt: Date.now() + lifetime * 1000 };
    return body.access_token;
  }

  async #fetch(url: URL, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
    } catch (error) {
      throw new UpstreamError(502, `the contact centre could not be reached (${error instanceof Error ? error.message : String(error)})`);
    }
  }
}
