import type { ChatConfig } from '../config/chat-config.js';
import type { AuthCode } from './auth-provider.js';

/** The service refused a token call (not the network): its HTTP status and message. */
export class TokenCallRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'TokenCallRefused';
  }
}

const paths = {
  exchange: '/api/v2/webdeployments/token/oauthcodegrantjwtexchange',
  refresh: '/api/v2/webdeployments/token/refresh',
  revoke: '/api/v2/webdeployments/token/revoke',
};

/** The three token calls of authenticated messaging, on the deployment's API host; none needs a platform token. */
export class TokenCalls {
  constructor(private readonly config: ChatConfig) {}

  /** The authorization code for a messaging JWT and a refresh token. */
  async exchange(code: AuthCode): Promise<{ jwt: string; refreshToken: string | undefined }> {
    const { authCode, ...rest } = code;
    const body = await this.#call('POST', paths.exchange, { body: { deploymentId: this.config.deploymentId, oauth: { code: authCode, ...rest } } });
    return { jwt: jwtOf(body), refreshToken: typeof body.refreshToken === 'string' ? body.refreshToken : undefined };
  }

  /** A new JWT for the same sign-in (both the refresh token and the deployment are sent, as the platform's model lists them). */
  async refresh(refreshToken: string): Promise<string> {
    return jwtOf(await this.#call('POST', paths.refresh, { body: { refreshToken, deploymentId: this.config.deploymentId } }));
  }

  /** Logs the visitor out on every device (their sockets hear `LogoutEvent`). */
  async revoke(jwt: string): Promise<void> {
    await this.#call('DELETE', paths.revoke, { bearer: jwt });
  }

  async #call(method: string, path: string, { body, bearer }: { body?: unknown; bearer?: string }): Promise<Record<string, unknown>> {
    const response = await fetch(new URL(path, this.config.apiBaseUrl), {
      method,
      headers: { ...(body ? { 'Content-Type': 'application/json' } : {}), ...(bearer ? { Authorization: `bearer ${bearer}` } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(15_000),
    });
    const answer: unknown = response.status === 204 ? {} : await response.json().catch(() => ({}));
    const record = typeof answer === 'object' && answer !== null ? (answer as Record<string, unknown>) : {};
    if (!response.ok) throw new TokenCallRefused(response.status, `${path.slice(path.lastIndexOf('/') + 1)} answered ${response.status}${typeof record.message === 'string' ? `: ${record.message}` : ''}`);
    return record;
  }
}

function jwtOf(body: Record<string, unknown>): string {
  if (typeof body.jwt !== 'string') throw new TokenCallRefused(502, 'the service answered without a jwt');
  return body.jwt;
}
