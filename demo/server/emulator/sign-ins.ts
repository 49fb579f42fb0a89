import { randomBytes, randomUUID } from 'node:crypto';
import type { VerifiedIdentity } from './identity.js';

/** One sign-in of a visitor on one device: the code exchange, its refresh token, and whether it was revoked. */
export interface SignIn {
  readonly grant: string;
  readonly identity: VerifiedIdentity;
  readonly deploymentId: string;
  readonly refreshToken: string;
  readonly refreshExpiresAt: number;
  /** How long each of its JWTs lives: the service's 15 minutes, or the identity provider's token age if shorter. */
  readonly jwtSeconds: number;
  revoked: boolean;
}

/**
 * The emulator's record of visitors' sign-ins: refresh tokens (24 h, as Genesys documents
 * them; not rotated on refresh, as the official SDK keeps its refresh token), and revocation.
 */
export class SignIns {
  readonly #byGrant = new Map<string, SignIn>();
  readonly #byRefreshToken = new Map<string, SignIn>();
  /** Fault: the next `count` refreshes are refused, as with a refresh token the service no longer honours. */
  #refuseRefreshes = 0;
  /** How many refreshes were asked for, per identity (`sub`): one sign-in shared by a browser's tabs asks once per JWT. */
  readonly refreshes = new Map<string, number>();

  constructor(private readonly refreshLifetimeSeconds = 86_400) {}

  begin(identity: VerifiedIdentity, deploymentId: string, jwtSeconds: number): SignIn {
    const signIn: SignIn = {
      grant: randomUUID(),
      identity,
      deploymentId,
      refreshToken: randomBytes(32).toString('base64url'),
      refreshExpiresAt: Date.now() + this.refreshLifetimeSeconds * 1000,
      jwtSeconds,
      revoked: false,
    };
    this.#byGrant.set(signIn.grant, signIn);
    this.#byRefreshToken.set(signIn.refreshToken, signIn);
    return signIn;
  }

  /** The sign-in a refresh token belongs to, if it may still be used for this deployment. */
  refresh(refreshToken: string, deploymentId: string): SignIn | undefined {
    const signIn = this.#byRefreshToken.get(refreshToken);
    if (signIn) this.refreshes.set(signIn.identity.sub, (this.refreshes.get(signIn.identity.sub) ?? 0) + 1);
    if (this.#refuseRefreshes > 0) {
      this.#refuseRefreshes -= 1;
      return undefined;
    }
    if (!signIn || signIn.revoked || signIn.deploymentId !== deploymentId || signIn.refreshExpiresAt < Date.now()) return undefined;
    return signIn;
  }

  isLive(grant: string): boolean {
    const signIn = this.#byGrant.get(grant);
    return signIn !== undefined && !signIn.revoked;
  }

  /** Logs the visitor out everywhere: every sign-in of this identity on this deployment is revoked. */
  revokeIdentity(sub: string, deploymentId: string): void {
    for (const signIn of this.#byGrant.values()) {
      if (signIn.identity.sub === sub && signIn.deploymentId === deploymentId) signIn.revoked = true;
    }
  }

  refuseNextRefreshes(count: number): void {
    this.#refuseRefreshes = count;
  }

  reset(): void {
    this.#byGrant.clear();
    this.#byRefreshToken.clear();
    this.refreshes.clear();
    this.#refuseRefreshes = 0;
  }
}
