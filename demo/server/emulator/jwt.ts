import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Signs and checks the short-lived JWTs that `getJwt` hands out for the history endpoint (HS256). */
export class JwtSigner {
  readonly #secret = randomBytes(32);

  sign(sessionId: string, lifetimeSeconds: number): { jwt: string; exp: number } {
    const exp = Math.floor(Date.now() / 1000) + lifetimeSeconds;
    const header = encode({ alg: 'HS256', typ: 'JWT' });
    const payload = encode({ sid: sessionId, exp });
    return { jwt: `${header}.${payload}.${this.#signature(`${header}.${payload}`)}`, exp };
  }

  /** The session id inside a valid, unexpired token; undefined for anything else. */
  verify(jwt: string): string | undefined {
    const [header, payload, signature, ...rest] = jwt.split('.');
    if (!header || !payload || !signature || rest.length > 0) return undefined;
    const expected = Buffer.from(this.#signature(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    try {
      const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      if (typeof claims !== 'object' || claims === null) return undefined;
      const { sid, exp } = claims as { sid?: unknown; exp?: unknown };
      if (typeof sid !== 'string' || typeof exp !== 'number' || exp * 1000 < Date.now()) return undefined;
      return sid;
    } catch {
      return undefined;
    }
  }

  #signature(data: string): string {
    return createHmac('sha256', this.#secret).update(data).digest('base64url');
  }
}

function encode(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
