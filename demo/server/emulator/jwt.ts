import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT, errors } from 'jose';
import type { VerifiedIdentity } from './identity.js';

/** Who the emulator's tokens are for: the guest's history (`getJwt`), or an authenticated messaging session. */
const historyAudience = 'webmessaging-history';
const messagingAudience = 'webmessaging-auth';
const issuer = 'persistent-chat-emulator';

/** What a messaging JWT says once checked: who, for how long, and which sign-in it came from. */
export interface MessagingClaims {
  readonly identity: VerifiedIdentity;
  /** The sign-in (code exchange) it descends from: revoking it ends every JWT of that sign-in. */
  readonly grant: string;
  readonly deploymentId: string;
}

/**
 * Signs and checks the emulator's JWTs with `jose` (HS256, a key made at start): the short
 * ones `getJwt` hands out for the history endpoint, and the messaging JWTs of signed-in
 * visitors that `configureAuthenticatedSession` takes.
 */
export class JwtSigner {
  readonly #secret = new Uint8Array(randomBytes(32));

  async sign(sessionId: string, lifetimeSeconds: number): Promise<{ jwt: string; exp: number }> {
    const exp = Math.floor(Date.now() / 1000) + lifetimeSeconds;
    const jwt = await new SignJWT({ sid: sessionId }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuer(issuer).setAudience(historyAudience).setIssuedAt().setExpirationTime(exp).sign(this.#secret);
    return { jwt, exp };
  }

  /** The session id inside a valid, unexpired history token; undefined for anything else. */
  async verify(jwt: string): Promise<string | undefined> {
    const payload = await jwtVerify(jwt, this.#secret, { issuer, audience: historyAudience, algorithms: ['HS256'] }).then(({ payload }) => payload, () => undefined);
    return typeof payload?.sid === 'string' ? payload.sid : undefined;
  }

  async signMessaging(identity: VerifiedIdentity, grant: string, deploymentId: string, lifetimeSeconds: number): Promise<{ jwt: string; exp: number }> {
    const exp = Math.floor(Date.now() / 1000) + lifetimeSeconds;
    const claims = { grant, dep: deploymentId, idp: identity.issuer, ...(identity.name ? { name: identity.name } : {}), ...(identity.email ? { email: identity.email } : {}) };
    const jwt = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(issuer)
      .setAudience(messagingAudience)
      .setSubject(identity.sub)
      .setIssuedAt()
      .setExpirationTime(exp)
      .sign(this.#secret);
    return { jwt, exp };
  }

  /** A messaging JWT: its claims, `expired`, or `invalid` (forged, or not a messaging JWT). */
  async verifyMessaging(jwt: string): Promise<MessagingClaims | 'expired' | 'invalid'> {
    try {
      const { payload } = await jwtVerify(jwt, this.#secret, { issuer, audience: messagingAudience, algorithms: ['HS256'] });
      const { sub, grant, dep, idp, name, email } = payload;
      if (typeof sub !== 'string' || typeof grant !== 'string' || typeof dep !== 'string' || typeof idp !== 'string') return 'invalid';
      const identity: VerifiedIdentity = { sub, issuer: idp, ...(typeof name === 'string' ? { name } : {}), ...(typeof email === 'string' ? { email } : {}) };
      return { identity, grant, deploymentId: dep };
    } catch (error) {
      return error instanceof errors.JWTExpired ? 'expired' : 'invalid';
    }
  }
}
