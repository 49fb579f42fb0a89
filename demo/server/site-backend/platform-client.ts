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

  async updateAttributes(sessionId: string, attributes: Record<string, string>): Promise<void> {
    let response = await this.#patch(sessionId, attributes, await this.#accessToken());
    if (response.status === 401) {
      this.#token = undefined;
      response = await this.#patch(sessionId, attributes, await this.#accessToken());
    }
    if (response.ok) return;
    if (response.status === 404) throw new UpstreamError(404, `the contact centre has no session ${sessionId}`);
    if (response.status === 401 || response.status === 403) {
      throw new UpstreamError(response.status, `the contact centre refused this site's credentials (${response.status})`);
    }
    throw new UpstreamError(response.status, `the contact centre could not update the attributes (${response.status})`);
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

  #patch(sessionId: string, customAttributes: Record<string, string>, token: string): Promise<Response> {
    return this.#fetch(new URL(`/api/v2/webmessaging/sessions/${encodeURIComponent(sessionId)}/attributes`, this.options.baseUrl), {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ customAttributes }),
    });
  }

  async #fetch(url: URL, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
    } catch (error) {
      throw new UpstreamError(502, `the contact centre could not be reached (${error instanceof Error ? error.message : String(error)})`);
    }
  }
}
