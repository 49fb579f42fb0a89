/**
 * What a page gives the widget for a signed-in visitor (the `auth` property), in the shape
 * Genesys Messenger integrators know: the site's identity provider hands out an
 * authorization code, which the contact centre redeems itself.
 */
export interface AuthProvider {
  /** An authorization code from the site's identity provider (OpenID Connect, code flow, PKCE recommended). */
  getAuthCode(): Promise<AuthCode>;
  /** Signs the visitor in again when the service no longer honours their sign-in (called once, then `getAuthCode`). */
  reAuthenticate?(): Promise<void>;
  /**
   * The site's id of its signed-in user (the identity provider's `sub`, say): a conversation
   * stored for another user is erased before it can show. Without it, call `signOut()` when
   * the site signs its user out.
   */
  user?: string;
}

/** `getAuthCode()`'s answer: what `POST …/token/oauthcodegrantjwtexchange` takes as `oauth`. */
export interface AuthCode {
  authCode: string;
  redirectUri: string;
  codeVerifier?: string;
  nonce?: string;
  maxAge?: number;
  iss?: string;
}

/** `auth="required"`: no chat until signed in; `optional`: a guest until (or unless) the page signs the visitor in. */
export type AuthMode = 'required' | 'optional';
