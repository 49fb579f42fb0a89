import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRecord, readJsonBody, sendJson } from '../http/json.js';
import type { DeploymentSettings } from './deployments.js';
import { SignInRefused, type IdentityVerifier } from './identity.js';
import type { JwtSigner } from './jwt.js';
import type { SignIns } from './sign-ins.js';

/** The three token calls of authenticated messaging, as Genesys Cloud serves them on `api.<region>` (no platform OAuth token needed). */
export const authPaths = {
  exchange: '/api/v2/webdeployments/token/oauthcodegrantjwtexchange',
  refresh: '/api/v2/webdeployments/token/refresh',
  revoke: '/api/v2/webdeployments/token/revoke',
} as const;

/** What the token calls need from the emulator. */
export interface AuthApiHost {
  readonly jwt: JwtSigner;
  readonly signIns: SignIns;
  /** The site's identity provider, as the deployment's OpenID Connect integration names it; undefined: none configured. */
  readonly identities: IdentityVerifier | undefined;
  isAllowedOrigin(origin: string | undefined): boolean;
  deploymentSettings(deploymentId: string): DeploymentSettings;
  /** The visitor logged out (revoke): every connection of their session hears `LogoutEvent`. */
  loggedOut(sub: string, deploymentId: string): void;
}

export function isAuthPath(pathname: string): boolean {
  return Object.values(authPaths).includes(pathname as (typeof authPaths)[keyof typeof authPaths]);
}

/** Genesys documents the JWT as valid 15 minutes, or the identity provider's token age if shorter. */
const maxJwtSeconds = 900;

export async function serveAuthApi(host: AuthApiHost, req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
  const origin = req.headers.origin;
  if (origin !== undefined) {
    if (!host.isAllowedOrigin(origin)) return fail(res, 403, 'Origin not allowed');
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Vary', 'Origin');
  }
  if (req.method === 'OPTIONS') {
    res.writeHead(204, { 'Access-Control-Allow-Methods': 'POST, DELETE, OPTIONS', 'Access-Control-Allow-Headers': 'Authorization, Content-Type', 'Access-Control-Max-Age': '600' });
    return void res.end();
  }
  if (pathname === authPaths.revoke) return req.method === 'DELETE' ? revoke(host, req, res) : fail(res, 405, 'Method not allowed');
  if (req.method !== 'POST') return fail(res, 405, 'Method not allowed');
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return fail(res, 415, 'Content-Type must be application/json');
  const body = await readJsonBody(req);
  if (!body.ok || !isRecord(body.value)) return fail(res, 400, body.ok ? 'the body must be a JSON object' : body.error);
  const deploymentId = body.value.deploymentId;
  if (typeof deploymentId !== 'string' || deploymentId === '') return fail(res, 400, 'deploymentId is required');
  if (!host.deploymentSettings(deploymentId).auth || !host.identities) return fail(res, 403, 'Authentication is not enabled for this deployment');
  return pathname === authPaths.exchange ? exchange(host, host.identities, deploymentId, body.value.oauth, res) : refresh(host, deploymentId, body.value.refreshToken, res);
}

/** `oauthcodegrantjwtexchange`: the visitor's authorization code, redeemed at the identity provider, becomes a messaging JWT and a refresh token. */
async function exchange(host: AuthApiHost, identities: IdentityVerifier, deploymentId: string, oauth: unknown, res: ServerResponse): Promise<void> {
  if (!isRecord(oauth) || typeof oauth.code !== 'string' || typeof oauth.redirectUri !== 'string') return fail(res, 400, 'oauth.code and oauth.redirectUri are required');
  const optional = (key: string) => (typeof oauth[key] === 'string' ? (oauth[key] as string) : undefined);
  if (oauth.iss !== undefined && oauth.iss !== identities.issuer) return fail(res, 400, 'oauth.iss does not name the configured identity provider');
  try {
    const { identity, tokenSeconds } = await identities.redeem({
      code: oauth.code,
      redirectUri: oauth.redirectUri,
      codeVerifier: optional('codeVerifier'),
      nonce: optional('nonce'),
      maxAge: typeof oauth.maxAge === 'number' ? oauth.maxAge : undefined,
    });
    const signIn = host.signIns.begin(identity, deploymentId, Math.min(maxJwtSeconds, tokenSeconds));
    const { jwt } = await host.jwt.signMessaging(identity, signIn.grant, deploymentId, signIn.jwtSeconds);
    sendJson(res, 200, { jwt, refreshToken: signIn.refreshToken });
  } catch (error) {
    if (error instanceof SignInRefused) return fail(res, 400, `The identity provider refused the authorization code: ${error.message}`);
    throw error;
  }
}

/** `refresh`: a new JWT for the same sign-in; the refresh token stays the same. */
async function refresh(host: AuthApiHost, deploymentId: string, refreshToken: unknown, res: ServerResponse): Promise<void> {
  const signIn = typeof refreshToken === 'string' ? host.signIns.refresh(refreshToken, deploymentId) : undefined;
  if (!signIn) return fail(res, 401, 'Invalid or expired refresh token');
  const { jwt } = await host.jwt.signMessaging(signIn.identity, signIn.grant, deploymentId, signIn.jwtSeconds);
  sendJson(res, 200, { jwt });
}

/** `revoke`: the visitor logs out, with their JWT as the bearer; every sign-in of theirs ends. */
async function revoke(host: AuthApiHost, req: IncomingMessage, res: ServerResponse): Promise<void> {
  req.resume();
  const bearer = /^bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const claims = bearer ? await host.jwt.verifyMessaging(bearer) : 'invalid';
  if (typeof claims === 'string' || !host.signIns.isLive(claims.grant)) return fail(res, 401, 'User is unauthorized');
  host.signIns.revokeIdentity(claims.identity.sub, claims.deploymentId);
  host.loggedOut(claims.identity.sub, claims.deploymentId);
  res.writeHead(204, { 'Cache-Control': 'no-store' });
  res.end();
}

/** An error as the platform API words them: `{ message, code, status }`. */
function fail(res: ServerResponse, status: number, message: string): void {
  const code = status === 401 ? 'bad.credentials' : status === 403 ? 'not.authorized' : status === 405 ? 'method.not.allowed' : 'bad.request';
  sendJson(res, status, { message, code, status });
}
