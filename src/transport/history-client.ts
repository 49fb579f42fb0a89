import { isRecord, type ServerFrame } from './guest-api-frames.js';

/** Sends a Guest API request over the live connection (the transport's `request`); `claims` recognises its untagged answer. */
export type GuestApiRequester = (payload: Record<string, unknown>, claims: (frame: ServerFrame) => boolean) => Promise<ServerFrame>;

export interface HistoryPage {
  entities: unknown[];
  pageCount: number;
}

/** Reads history over REST with the JWT from `getJwt`, reusing the JWT until 5 s before it expires. */
export class HistoryClient {
  #jwt: { value: string; expiresAtMs: number } | undefined;

  constructor(
    private readonly apiBaseUrl: string,
    private readonly requester: GuestApiRequester,
  ) {}

  /** Page `pageNumber` of the history; page 1 holds the newest messages. */
  async page(pageNumber: number, pageSize: number, signal?: AbortSignal): Promise<HistoryPage> {
    const jwt = await this.#currentJwt();
    const url = new URL('/api/v2/webmessaging/messages', this.apiBaseUrl);
    url.searchParams.set('pageNumber', String(pageNumber));
    url.searchParams.set('pageSize', String(pageSize));
    const response = await fetch(url, { headers: { Authorization: `bearer ${jwt}` }, signal: signal ?? null });
    if (response.status === 401) this.#jwt = undefined;
    if (!response.ok) throw new Error(`history request answered ${response.status}`);
    const body: unknown = await response.json();
    if (!isRecord(body) || !Array.isArray(body.entities)) throw new Error('history response has no entities');
    return { entities: body.entities, pageCount: typeof body.pageCount === 'number' ? body.pageCount : 1 };
  }

  /** The guest's JWT (`getJwt`), valid for a few seconds more at least. */
  jwt(): Promise<string> {
    return this.#currentJwt();
  }

  async #currentJwt(): Promise<string> {
    if (this.#jwt && this.#jwt.expiresAtMs - 5_000 > Date.now()) return this.#jwt.value;
    // The real service sends the JwtResponse without a tracingId: the oldest getJwt waiting takes it.
    const frame = await this.requester({ action: 'getJwt' }, (answer) => answer.class === 'JwtResponse');
    const body = frame.body;
    if (frame.class !== 'JwtResponse' || !isRecord(body) || typeof body.jwt !== 'string') {
      throw new Error(`getJwt answered ${frame.class} ${frame.code}`);
    }
    const expiresAtMs = typeof body.exp === 'number' ? body.exp * 1000 : Date.now() + 60_000;
    this.#jwt = { value: body.jwt, expiresAtMs };
    return body.jwt;
  }
}
