import { decodeJwt } from 'jose';

/**
 * A signed-in visitor's tokens, as kept beside the transcript (`SessionStore.saveAuth`): the
 * user's id, a line break, then JSON, so that the store sees whose they are without reading them.
 */
export interface SignedInTokens {
  readonly jwt: string;
  readonly refreshToken: string | undefined;
  /** When the JWT expires (epoch ms, this device's clock): when it was received, plus its life. */
  readonly expiresAt: number;
  /** When it was received (this device's clock): a device whose clock is off still refreshes in time. */
  readonly receivedAt: number;
  /** How long it lives (ms, `exp` − `iat`): it is refreshed once three quarters of that have passed (a minute before, at most). */
  readonly lifetimeMs: number;
  /** Who the service says the visitor is (the JWT's `sub`, `name`). */
  readonly sub: string;
  readonly name: string | undefined;
  /** The page's `user` when they signed in (else `sub`): a page with another user never shows this conversation. */
  readonly user: string;
}

/** Tokens from the service's answer; undefined when its JWT cannot be read. */
export function tokensOf(jwt: string, refreshToken: string | undefined, user: string | undefined, receivedAt = Date.now()): SignedInTokens | undefined {
  try {
    const { exp, iat, sub, name } = decodeJwt(jwt);
    if (typeof exp !== 'number' || typeof sub !== 'string') return undefined;
    const lifetimeMs = (exp - (iat ?? exp - 900)) * 1000;
    return { jwt, refreshToken, expiresAt: receivedAt + lifetimeMs, receivedAt, lifetimeMs, sub, name: typeof name === 'string' ? name : undefined, user: user ?? sub };
  } catch {
    return undefined;
  }
}

export function encodeTokens(tokens: SignedInTokens): string {
  return `${tokens.user}\n${JSON.stringify(tokens)}`;
}

export function decodeTokens(raw: string | undefined): SignedInTokens | undefined {
  const newline = raw?.indexOf('\n') ?? -1;
  if (newline < 0) return undefined;
  try {
    const value = JSON.parse(raw!.slice(newline + 1)) as Partial<SignedInTokens>;
    if (typeof value.jwt !== 'string' || typeof value.user !== 'string') return undefined;
    return tokensOf(value.jwt, typeof value.refreshToken === 'string' ? value.refreshToken : undefined, value.user, typeof value.receivedAt === 'number' ? value.receivedAt : undefined);
  } catch {
    return undefined;
  }
}
