import { errorText } from '../base/error-text.js';
import { within } from '../base/time-limit.js';
import type { ChatConfig } from '../config/chat-config.js';
import type { ChatErrorDetail } from '../events/chat-events.js';
import type { TransportAuth } from '../transport/guest-api-transport.js';
import { readAuthCode } from './auth-code.js';
import type { AuthMode, AuthProvider } from './auth-provider.js';
import { decodeTokens, encodeTokens, tokensOf, type SignedInTokens } from './signed-in-tokens.js';
import { TokenCallRefused, TokenCalls } from './token-calls.js';

/** Where the tokens are kept: beside the transcript (`SessionStore.readAuth` / `saveAuth`). */
export interface TokenShelf {
  readAuth(): Promise<string | undefined>;
  saveAuth(value: string): Promise<void>;
}

export interface MessagingAuthListener {
  /** The visitor is signed in, as the service says (once per page and identity). */
  authenticated(identity: { sub: string; name: string | undefined }): void;
  /** The service no longer honours the sign-in; the page is asked to sign the visitor in again. */
  signingInAgain(): void;
  /** `auth="required"`, and no sign-in to be had (yet): what the visitor writes waits. */
  signInNeeded(): void;
  problem(detail: ChatErrorDetail): void;
}

export interface MessagingAuthOptions {
  readonly config: ChatConfig;
  readonly mode: AuthMode;
  /** The page's `auth` property, read when it is needed (a page may set it late, or change it). */
  readonly provider: () => unknown;
  readonly shelf: TokenShelf;
  readonly listener: MessagingAuthListener;
}

/** A JWT is refreshed a minute before it expires (a quarter of its life, if that is shorter), so that a reconnection never meets a lapsed one. */
const refreshMargin = (tokens: SignedInTokens) => Math.min(60_000, tokens.lifetimeMs / 4);
/** With `auth="optional"` and no provider yet, how long a connection waits for the page to give one before it starts as a guest. */
const providerGraceMs = 3000;
/** A provider that has not answered in this time is reported; the chat goes on as `auth` says. */
const providerWaitMs = 10_000;

/**
 * A signed-in visitor's messaging JWTs, for the tab that holds the connection: the page's
 * authorization code exchanged once, the JWT refreshed ahead of its expiry (one refresh for
 * every tab: the others read the result from the shelf when they take over), and a refused
 * refresh met by signing in again, once. Signing out revokes the sign-in on every device.
 */
export class MessagingAuth implements TransportAuth {
  readonly #options: MessagingAuthOptions;
  readonly #calls: TokenCalls;
  /** The tokens as this tab last knew them (what the shelf holds, or only this, where storage is memory). */
  #tokens: SignedInTokens | undefined;
  #refreshing: Promise<string> | undefined;
  #signingIn: Promise<string | undefined> | undefined;
  #announced: string | undefined;
  /** `reAuthenticate()` is asked once per page: a provider that cannot sign the visitor in is not asked in a loop. */
  #askedToSignInAgain = false;
  /** This tab no longer holds the connection (or the visitor signed out): no refreshing ahead of expiry. */
  #released = false;
  #saidSignInNeeded = false;
  #refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /** Resolves waiters for a provider (`auth="required"`, none given yet). */
  #providerArrived: (() => void) | undefined;

  constructor(options: MessagingAuthOptions) {
    this.#options = options;
    this.#calls = new TokenCalls(options.config);
  }

  /** The page gave (another) provider: a sign-in waiting for one goes on. */
  providerChanged(): void {
    this.#providerArrived?.();
  }

  /** With `auth="optional"`, the visitor may chat as a guest until they sign in; with `required`, never. */
  get guestAllowed(): boolean {
    return this.#options.mode === 'optional';
  }

  async jwt(): Promise<string | undefined> {
    this.#released = false;
    const tokens = await this.#current();
    if (!tokens) return this.#signIn();
    if (tokens.expiresAt - refreshMargin(tokens) > Date.now()) return this.#use(tokens);
    return tokens.refreshToken ? this.#refresh(tokens) : this.#signIn();
  }

  async refused(): Promise<string | undefined> {
    const tokens = await this.#current();
    return tokens?.refreshToken ? this.#refresh(tokens).catch(() => undefined) : this.#signIn();
  }

  async signedInBefore(): Promise<boolean> {
    // Tokens kept, or what a refused sign-in leaves of them (whose conversation this is).
    return this.#tokens !== undefined || (await this.#options.shelf.readAuth().catch(() => undefined)) !== undefined;
  }

  /** This tab no longer holds the connection: another refreshes from now on. */
  release(): void {
    this.#released = true;
    clearTimeout(this.#refreshTimer);
  }

  /**
   * Signs the visitor out: the sign-in is revoked (a lapsed JWT refreshed first, up to three
   * times), and the tokens are forgotten here whatever the service said.
   */
  async signOut(): Promise<void> {
    this.release();
    let tokens = await this.#current();
    for (let attempt = 0; tokens && attempt < 4; attempt++) {
      try {
        await this.#calls.revoke(tokens.jwt);
        break;
      } catch (error) {
        if (!(error instanceof TokenCallRefused && error.status === 401 && tokens.refreshToken && attempt < 3)) {
          this.#report('auth-sign-out-failed', `the service did not confirm the sign-out (${errorText(error)}); the conversation is erased from this device`);
          break;
        }
        // Refreshed without signing in again: a sign-out never asks the visitor to sign in.
        const lapsed: SignedInTokens = tokens;
        tokens = await this.#calls.refresh(lapsed.refreshToken!).then((jwt) => tokensOf(jwt, lapsed.refreshToken, lapsed.user), () => undefined);
      }
    }
    this.#tokens = undefined;
  }

  /** The service logged the visitor out (another device): nothing to revoke, the tokens are gone. */
  loggedOut(): void {
    this.release();
    this.#tokens = undefined;
  }

  async #current(): Promise<SignedInTokens | undefined> {
    // Another tab may have refreshed (or signed in again): the shelf is read each time.
    const stored = decodeTokens(await this.#options.shelf.readAuth().catch(() => undefined));
    if (stored) this.#tokens = stored;
    return this.#tokens;
  }

  #use(tokens: SignedInTokens): string {
    if (this.#announced !== tokens.sub) {
      this.#announced = tokens.sub;
      this.#options.listener.authenticated({ sub: tokens.sub, name: tokens.name });
    }
    clearTimeout(this.#refreshTimer);
    // Ahead of expiry, from the tab that holds the connection only (the transport asks only there), until it lets go.
    if (this.#released) return tokens.jwt;
    const due = Math.max(1_000, tokens.expiresAt - refreshMargin(tokens) - Date.now());
    this.#refreshTimer = setTimeout(() => void this.#refresh(tokens).catch(() => {}), Math.min(due, 2 ** 31 - 1));
    return tokens.jwt;
  }

  /** One refresh at a time; a refused one (not the network) drops the tokens and signs the visitor in again. */
  #refresh(tokens: SignedInTokens): Promise<string> {
    this.#refreshing ??= this.#calls
      .refresh(tokens.refreshToken!)
      .then(async (jwt) => {
        const next = tokensOf(jwt, tokens.refreshToken, tokens.user);
        if (!next) throw new TokenCallRefused(502, 'the refreshed JWT could not be read');
        await this.#keep(next);
        return this.#use(next);
      })
      .catch(async (error: unknown) => {
        if (!(error instanceof TokenCallRefused)) throw error;
        this.#report('auth-refresh-failed', `the service refused to refresh the sign-in (${error.message}); signing in again`);
        // The tokens are wiped (as the official SDK does); whose conversation it is stays.
        this.#tokens = undefined;
        await this.#options.shelf.saveAuth(`${tokens.user}\n`).catch(() => {});
        const jwt = await this.#signIn({ again: true });
        if (!jwt) throw error;
        return jwt;
      })
      .finally(() => (this.#refreshing = undefined));
    return this.#refreshing;
  }

  /** A new sign-in through the page's provider; undefined when the visitor stays a guest (`optional`). */
  #signIn({ again = false } = {}): Promise<string | undefined> {
    this.#signingIn ??= this.#exchangeNewCode(again).finally(() => (this.#signingIn = undefined));
    return this.#signingIn;
  }

  async #exchangeNewCode(again: boolean): Promise<string | undefined> {
    const provider = await this.#provider();
    if (!provider) return undefined;
    if (again && !this.#askedToSignInAgain && typeof provider.reAuthenticate === 'function') {
      this.#askedToSignInAgain = true;
      this.#options.listener.signingInAgain();
      const done = await this.#ask(() => provider.reAuthenticate!(), 'reAuthenticate()');
      if (done === failed) return this.#giveUp();
    }
    const answer = await this.#ask(() => provider.getAuthCode(), 'getAuthCode()');
    if (answer === failed) return this.#giveUp();
    const code = readAuthCode(answer);
    if ('problem' in code) {
      this.#report('auth-provider-failed', code.problem);
      return this.#giveUp();
    }
    try {
      const { jwt, refreshToken } = await this.#calls.exchange(code);
      const tokens = tokensOf(jwt, refreshToken, typeof provider.user === 'string' ? provider.user : undefined);
      if (!tokens) throw new TokenCallRefused(502, 'the JWT could not be read');
      await this.#keep(tokens);
      return this.#use(tokens);
    } catch (error) {
      this.#report('auth-exchange-failed', `the authorization code could not be exchanged for a sign-in (${errorText(error)})`);
      return this.#giveUp();
    }
  }

  /** No sign-in to be had: `optional` goes on as a guest; `required` waits for the page to give a working provider. */
  #giveUp(): Promise<string | undefined> {
    if (this.#options.mode === 'optional') return Promise.resolve(undefined);
    this.#needSignIn();
    return new Promise<void>((resolve) => (this.#providerArrived = resolve)).then(() => this.#exchangeNewCode(false));
  }

  /** The provider, checked; with `auth="required"` and none yet, waits for the page to give one. */
  async #provider(): Promise<AuthProvider | undefined> {
    let given = this.#options.provider();
    if (given === undefined || given === null) {
      // A page may set the property a moment after the element starts: `optional` waits a little, `required` for as long as it takes.
      const arrived = new Promise<void>((resolve) => (this.#providerArrived = resolve));
      if (this.#options.mode === 'required') this.#needSignIn();
      await (this.#options.mode === 'optional' ? within(arrived, providerGraceMs, undefined) : arrived);
      given = this.#options.provider();
      if (given === undefined || given === null) return this.#options.mode === 'optional' ? undefined : this.#provider();
    }
    if (typeof (given as Partial<AuthProvider>).getAuthCode !== 'function') {
      this.#report('auth-provider-failed', 'auth must be an object with a getAuthCode() method');
      if (this.#options.mode === 'optional') return undefined;
      this.#needSignIn();
      await new Promise<void>((resolve) => (this.#providerArrived = resolve));
      return this.#provider();
    }
    return given as AuthProvider;
  }

  /** Calls the page's provider: whatever it throws, or however long it takes, the chat goes on. */
  async #ask<T>(call: () => Promise<T>, what: string): Promise<T | typeof failed> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<typeof failed>((resolve) => (timer = setTimeout(() => resolve(failed), providerWaitMs)));
    try {
      const answer = await Promise.race([Promise.resolve().then(call), late]);
      if (answer === failed) this.#report('auth-provider-failed', `${what} did not answer in ${providerWaitMs / 1000} s`);
      return answer;
    } catch (error) {
      this.#report('auth-provider-failed', `${what} failed: ${errorText(error)}`);
      return failed;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Said once per page: the chat waits for the visitor to sign in. */
  #needSignIn(): void {
    if (this.#saidSignInNeeded) return;
    this.#saidSignInNeeded = true;
    this.#options.listener.signInNeeded();
  }

  async #keep(tokens: SignedInTokens): Promise<void> {
    this.#tokens = tokens;
    await this.#options.shelf.saveAuth(encodeTokens(tokens)).catch(() => {});
  }

  #report(code: ChatErrorDetail['code'], message: string): void {
    this.#options.listener.problem({ code, message });
  }
}

const failed = Symbol('failed');
