/** A visitor as the site's identity provider vouched for them: checked by the emulator, never taken from the visitor. */
export interface VerifiedIdentity {
  /** The identity provider's subject: the one key of the visitor's conversation on every device. */
  readonly sub: string;
  /** The identity provider (its `iss`). */
  readonly issuer: string;
  readonly name?: string;
  readonly email?: string;
}

/** What an authenticated deployment redeems a visitor's authorization code with: the site's identity provider. */
export interface IdentityVerifier {
  /** Redeems the code at the identity provider and checks the ID token it answers with (`tokenSeconds`: its lifetime); throws a `SignInRefused` when it cannot. */
  redeem(code: AuthorizationCode): Promise<{ identity: VerifiedIdentity; tokenSeconds: number }>;
  /** The identity provider's issuer: a code exchange that names another (`oauth.iss`, RFC 9207) is refused. */
  readonly issuer: string;
}

/** What the exchange's `oauth` carries (`WebDeploymentsOAuthRequestParameters`). */
export interface AuthorizationCode {
  readonly code: string;
  readonly redirectUri: string;
  readonly codeVerifier?: string | undefined;
  readonly nonce?: string | undefined;
  readonly maxAge?: number | undefined;
}

/** The identity provider did not vouch for the visitor: said to the client as the exchange's failure. */
export class SignInRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SignInRefused';
  }
}
