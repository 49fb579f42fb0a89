import { roundTrip, StorageError, type StorageAdapter } from '../storage-adapter.js';
import { documentCookies, readCookie, type CookieJar } from './cookie-domain.js';

export interface CookieAdapterOptions {
  /** `auto` probes for the highest domain; `none` keeps cookies on this host; otherwise that domain. */
  domain: 'auto' | 'none' | string;
  hostname: string;
  secure: boolean;
  /** Kept for this long; without it, a session cookie (gone when the browser closes). */
  maxAgeSeconds?: number | undefined;
  jar?: CookieJar;
}

/** The probe's code, fetched once (the module is the same for every adapter). */
const probeCode = () => import('./cookie-domain-probe.js');

/** The largest cookie value it writes: the session record needs about 70. */
const maxValueBytes = 200;

/**
 * Session cookies (no expiry: gone when the browser closes) unless given a lifetime,
 * `SameSite=Lax`, `Secure` on https, on the site's registrable domain so every sub-domain
 * reads them.
 */
export class CookieAdapter implements StorageAdapter {
  readonly name = 'cookie';
  readonly #options: CookieAdapterOptions;
  readonly #jar: CookieJar;
  #domain: string | undefined | null = null;

  constructor(options: CookieAdapterOptions) {
    this.#options = options;
    this.#jar = options.jar ?? documentCookies;
  }

  get capabilities() {
    return { persistent: false, sharedAcrossSubdomains: this.#domain !== undefined, maxValueBytes };
  }

  /**
   * The domain cookies go on; undefined for host-only. `auto` probes, writing a test cookie,
   * so it is found on the first write (its code fetched then), never on a read.
   */
  async domain(): Promise<string | undefined> {
    if (this.#domain === null) {
      const { domain, hostname, secure } = this.#options;
      this.#domain = domain === 'none' ? undefined : domain === 'auto' ? (await probeCode()).probeCookieDomain(hostname, this.#jar, secure) : domain;
    }
    return this.#domain;
  }

  /** A cookie will be written soon (a conversation exists): its probe's code is fetched now, so that the write does not wait for it. */
  prepare(): void {
    if (this.#domain === null && this.#options.domain === 'auto') probeCode().catch(() => {});
  }

  async probe(): Promise<void> {
    if (globalThis.navigator?.cookieEnabled === false) throw new StorageError('unavailable', this.name, 'cookies are disabled');
    await roundTrip(this, 'pchat_probe');
  }

  async get(key: string): Promise<string | undefined> {
    const value = readCookie(this.#jar.read(), key);
    return value === undefined || value === '' ? undefined : decodeURIComponent(value);
  }

  async set(key: string, value: string): Promise<void> {
    const encoded = encodeURIComponent(value);
    if (encoded.length > maxValueBytes) {
      throw new StorageError('too-large', this.name, `${encoded.length} bytes is more than the ${maxValueBytes} a cookie of ours may hold`);
    }
    this.#jar.write(`${key}=${encoded}${await this.#attributes()}`);
    if (readCookie(this.#jar.read(), key) !== encoded) {
      throw new StorageError('refused', this.name, 'the browser did not keep the cookie');
    }
  }

  async delete(key: string): Promise<void> {
    // Only a cookie that is there: deleting one that is not would probe the domain, writing test cookies.
    if (readCookie(this.#jar.read(), key) !== undefined) this.#jar.write(`${key}=${await this.#attributes()}; Max-Age=0`);
  }

  async #attributes(): Promise<string> {
    const domain = await this.domain();
    const { secure, maxAgeSeconds } = this.#options;
    return `${domain ? `; Domain=${domain}` : ''}; Path=/; SameSite=Lax${secure ? '; Secure' : ''}${maxAgeSeconds ? `; Max-Age=${maxAgeSeconds}` : ''}`;
  }
}
