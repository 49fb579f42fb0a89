import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as oauth from 'oauth4webapi';
import { sendError, sendJson } from '../http/json.js';

/** Who the site says is signed in: from the identity provider's ID token, checked when the site signed them in. */
export interface SiteUser {
  readonly sub: string;
  readonly name: string;
  readonly email: string;
}

/** An authorization code the page hands the chat widget (`auth.getAuthCode()`): the contact centre redeems it. */
interface MessagingCode {
  /** When the identity provider issued it: its codes live a minute, so an older one is not handed out. */
  readonly at: number;
  readonly authCode: string;
  readonly redirectUri: string;
  readonly codeVerifier: string;
  readonly nonce: string;
}

interface SiteSession {
  readonly user: SiteUser;
  /** A code got for the chat and not yet taken by the page. */
  messagingCode?: MessagingCode;
}

/** A sign-in under way: what the callback needs to finish it. */
interface Pending {
  readonly kind: 'site' | 'messaging';
  readonly verifier: string;
  readonly nonce: string;
  readonly origin: string;
  readonly returnTo: string;
  readonly expiresAt: number;
}

export interface SiteSignInOptions {
  /** The identity provider's issuer (what browsers go to). */
  readonly issuer: string;
  /** Where the server reaches it (loopback). */
  readonly reachAt: string;
  readonly siteClientId: string;
  readonly messagingClientId: string;
}

const cookieName = 'fernhill_site';
/** Ties a sign-in under way to the browser that started it: a callback brought by someone else's link is refused. */
const pendingCookie = 'fernhill_signing_in';
export const signInPaths = {
  signIn: '/auth/sign-in',
  callback: '/auth/callback',
  messagingCallback: '/auth/messaging-code',
  newMessagingCode: '/auth/messaging-code/new',
  takeMessagingCode: '/auth/messaging-code/take',
  signOut: '/auth/sign-out',
} as const;

/**
 * The demo site's own sign-in, as a site's backend does it: the authorization-code flow with
 * PKCE (`oauth4webapi`), redeemed here, and a session cookie (HttpOnly) for the site. Right
 * after, a second code is got silently (`prompt=none`: the visitor is signed in at the
 * identity provider) for the chat: the page hands it to the widget, and the contact centre
 * redeems it. Each site (shop, partner) signs in on its own; the identity provider's session
 * makes the second one a click-free redirect.
 */
export class SiteSignIn {
  readonly #as: oauth.AuthorizationServer;
  readonly #sessions = new Map<string, SiteSession>();
  readonly #pending = new Map<string, Pending>();

  constructor(private readonly options: SiteSignInOptions) {
    this.#as = {
      issuer: options.issuer,
      authorization_endpoint: `${options.issuer}/auth`,
      token_endpoint: `${options.reachAt}/token`,
      end_session_endpoint: `${options.issuer}/session/end`,
      authorization_response_iss_parameter_supported: true,
    };
  }

  /** The signed-in user of this request's site session, if any. */
  userOf(req: IncomingMessage): SiteUser | undefined {
    return this.#sessionOf(req)?.user;
  }

  isSignInPath(pathname: string): boolean {
    return Object.values(signInPaths).includes(pathname as (typeof signInPaths)[keyof typeof signInPaths]);
  }

  async serve(req: IncomingMessage, res: ServerResponse, url: URL, origin: string): Promise<void> {
    switch (url.pathname) {
      case signInPaths.signIn:
        return this.#begin(res, 'site', origin, url.searchParams.get('return'));
      case signInPaths.newMessagingCode:
        if (!this.#sessionOf(req)) return this.#begin(res, 'site', origin, url.searchParams.get('return'));
        return this.#begin(res, 'messaging', origin, url.searchParams.get('return'));
      case signInPaths.callback:
      case signInPaths.messagingCallback:
        return this.#finish(req, res, url, origin);
      case signInPaths.takeMessagingCode:
        return this.#take(req, res, origin);
      case signInPaths.signOut:
        return this.#signOut(req, res, origin);
      default:
        return sendError(res, 404, 'not found');
    }
  }

  /** To the identity provider: the site's own sign-in, or (`prompt=none`) a code for the chat. */
  async #begin(res: ServerResponse, kind: Pending['kind'], origin: string, returnTo: string | null): Promise<void> {
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const nonce = oauth.generateRandomNonce();
    this.#pending.set(state, { kind, verifier, nonce, origin, returnTo: safePath(returnTo), expiresAt: Date.now() + 10 * 60_000 });
    const authorize = new URL(this.#as.authorization_endpoint!);
    const params: Record<string, string> = {
      client_id: kind === 'site' ? this.options.siteClientId : this.options.messagingClientId,
      redirect_uri: `${origin}${kind === 'site' ? signInPaths.callback : signInPaths.messagingCallback}`,
      response_type: 'code',
      scope: 'openid profile email',
      state,
      nonce,
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      ...(kind === 'messaging' ? { prompt: 'none' } : {}),
    };
    for (const [key, value] of Object.entries(params)) authorize.searchParams.set(key, value);
    res.setHeader('Set-Cookie', [...headerList(res.getHeader('Set-Cookie')), `${pendingCookie}=${state}; Path=/auth; HttpOnly; SameSite=Lax; Max-Age=600`]);
    redirect(res, authorize.href);
  }

  async #finish(req: IncomingMessage, res: ServerResponse, url: URL, origin: string): Promise<void> {
    const state = url.searchParams.get('state') ?? '';
    const pending = this.#pending.get(state);
    this.#pending.delete(state);
    // Started in this browser (its cookie names this state), on this site, not long ago.
    if (!pending || pending.expiresAt < Date.now() || pending.origin !== origin || cookieOf(req, pendingCookie) !== state) return sendError(res, 400, 'this sign-in has expired, or was not started in this browser: sign in again');
    const client: oauth.Client = { client_id: pending.kind === 'site' ? this.options.siteClientId : this.options.messagingClientId, id_token_signed_response_alg: 'ES256' };
    const redirectUri = `${origin}${url.pathname}`;
    let params: URLSearchParams;
    try {
      params = oauth.validateAuthResponse(this.#as, client, url, state);
    } catch (error) {
      // Signed out at the identity provider meanwhile (`login_required`): a full sign-in.
      if (pending.kind === 'messaging') return this.#begin(res, 'site', origin, pending.returnTo);
      return sendError(res, 400, `the sign-in failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (pending.kind === 'messaging') {
      // The chat's code is not redeemed here: the contact centre redeems it, with the verifier the page hands over.
      const session = this.#sessionOf(req);
      if (!session) return sendError(res, 401, 'sign in to the site first');
      session.messagingCode = { at: Date.now(), authCode: params.get('code')!, redirectUri, codeVerifier: pending.verifier, nonce: pending.nonce };
      return redirect(res, pending.returnTo);
    }
    const response = await oauth.authorizationCodeGrantRequest(this.#as, client, oauth.None(), params, redirectUri, pending.verifier, { [oauth.allowInsecureRequests]: true });
    const tokens = await oauth.processAuthorizationCodeResponse(this.#as, client, response, { expectedNonce: pending.nonce, requireIdToken: true });
    const claims = oauth.getValidatedIdTokenClaims(tokens)!;
    const id = randomBytes(24).toString('base64url');
    this.#sessions.set(id, { user: { sub: claims.sub, name: String(claims.name ?? claims.sub), email: String(claims.email ?? '') } });
    res.setHeader('Set-Cookie', `${cookieName}=${id}; Path=/; HttpOnly; SameSite=Lax`);
    // Straight on for the chat's code (no prompt: the visitor has just signed in).
    return this.#begin(res, 'messaging', origin, pending.returnTo);
  }

  /** `POST`: the page takes the chat's code, once (JSON; this site's pages only). */
  #take(req: IncomingMessage, res: ServerResponse, origin: string): void {
    req.resume();
    if (req.method !== 'POST') return sendError(res, 405, 'use POST');
    if (req.headers.origin !== origin) return sendError(res, 403, 'this site only');
    const session = this.#sessionOf(req);
    if (!session) return sendError(res, 401, 'not signed in');
    const code = session.messagingCode;
    session.messagingCode = undefined;
    if (!code || Date.now() - code.at > 45_000) return sendError(res, 404, 'no code waiting: get a new one from the identity provider');
    const { at: _at, ...handed } = code;
    sendJson(res, 200, handed);
  }

  #signOut(req: IncomingMessage, res: ServerResponse, origin: string): void {
    const id = cookieOf(req);
    if (id) this.#sessions.delete(id);
    res.setHeader('Set-Cookie', `${cookieName}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
    const end = new URL(this.#as.end_session_endpoint!);
    end.searchParams.set('client_id', this.options.siteClientId);
    end.searchParams.set('post_logout_redirect_uri', `${origin}/`);
    redirect(res, end.href);
  }

  #sessionOf(req: IncomingMessage): SiteSession | undefined {
    const id = cookieOf(req);
    return id ? this.#sessions.get(id) : undefined;
  }
}

function cookieOf(req: IncomingMessage, wanted = cookieName): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, value] = part.trim().split('=');
    if (name === wanted && value) return value;
  }
  return undefined;
}

function headerList(value: number | string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [String(value)];
}

/** A path on this site to come back to, never another site (`//evil`, `/\\evil` and the like resolve elsewhere and are dropped). */
function safePath(value: string | null): string {
  if (!value) return '/';
  const base = 'http://this.site';
  const url = URL.parse(value, base);
  return url && url.origin === base ? `${url.pathname}${url.search}` : '/';
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { Location: location, 'Cache-Control': 'no-store' });
  res.end();
}
