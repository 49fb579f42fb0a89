import { createRemoteJWKSet, jwtVerify } from 'jose';
import { SignInRefused, type AuthorizationCode, type IdentityVerifier, type VerifiedIdentity } from './identity.js';

export interface OidcIntegrationOptions {
  /** The identity provider's issuer, as its tokens name it. */
  readonly issuer: string;
  /** Where the emulator reaches it (the demo's provider runs in the same server: on the loopback address). */
  readonly reachAt: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

/**
 * A deployment's OpenID Connect integration, as Genesys Cloud configures one: the emulator
 * redeems the visitor's code at the identity provider with the integration's client secret
 * (and the page's PKCE verifier), and checks the ID token it gets with `jose` against the
 * provider's published keys: issuer, audience, expiry, nonce and age.
 */
export class OidcIntegration implements IdentityVerifier {
  readonly #options: OidcIntegrationOptions;
  readonly #keys: ReturnType<typeof createRemoteJWKSet>;

  constructor(options: OidcIntegrationOptions) {
    this.#options = options;
    this.#keys = createRemoteJWKSet(new URL(`${options.reachAt}/jwks`));
  }

  get issuer(): string {
    return this.#options.issuer;
  }

  async redeem({ code, redirectUri, codeVerifier, nonce, maxAge }: AuthorizationCode): Promise<{ identity: VerifiedIdentity; tokenSeconds: number }> {
    const { clientId, clientSecret, issuer, reachAt } = this.#options;
    const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: clientId, client_secret: clientSecret });
    if (codeVerifier) form.set('code_verifier', codeVerifier);
    const response = await fetch(`${reachAt}/token`, { method: 'POST', body: form, signal: AbortSignal.timeout(10_000) });
    const answer = (await response.json().catch(() => ({}))) as { id_token?: unknown; error?: unknown; error_description?: unknown };
    if (!response.ok || typeof answer.id_token !== 'string') throw new SignInRefused(String(answer.error_description ?? answer.error ?? `the token endpoint answered ${response.status}`));
    const { payload } = await jwtVerify(answer.id_token, this.#keys, { issuer, audience: clientId, requiredClaims: ['sub', 'iat', 'exp'], ...(maxAge !== undefined ? { maxTokenAge: maxAge } : {}) }).catch((error: unknown) => {
      throw new SignInRefused(`the ID token is not valid (${error instanceof Error ? error.message : String(error)})`);
    });
    if (nonce !== undefined && payload.nonce !== nonce) throw new SignInRefused('the ID token does not carry the nonce of this sign-in');
    const { sub, name, email, exp, iat } = payload;
    const identity: VerifiedIdentity = { sub: sub!, issuer, ...(typeof name === 'string' ? { name } : {}), ...(typeof email === 'string' ? { email } : {}) };
    return { identity, tokenSeconds: Math.max(1, exp! - iat!) };
  }
}
