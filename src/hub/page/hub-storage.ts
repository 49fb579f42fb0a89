import { documentCookies, probeCookieDomain, readCookie, type CookieJar } from '../../storage/adapters/cookie-domain.js';
import { shortHash } from '../../storage/short-hash.js';
import type { HubAccessState, HubStorageState } from '../hub-protocol.js';

/** The largest encoded value the hub puts in a cookie; longer values go to its localStorage only. */
const maxCookieValue = 200;
// A cookie read from inside an iframe on another site must be SameSite=None, which needs Secure
// (browsers accept Secure cookies on http://localhost names too).
const cookieAttributes = '; Path=/; SameSite=None; Secure';

/**
 * The hub's own first-party storage: a cookie on the hub's domain, mirrored in its
 * localStorage where the browser gives it one. Whether that storage is the same on every
 * site that embeds the hub is for the browser to say (`state()`).
 */
export class HubStorage {
  #site: string | undefined | null = null;

  constructor(private readonly cookies: CookieJar = documentCookies) {}

  async state(): Promise<{ storage: HubStorageState; access: HubAccessState }> {
    // hasStorageAccess() says whether this frame has its unpartitioned cookies: always on its
    // own site; elsewhere only where the browser allows third-party cookies or access was granted.
    let hasAccess = typeof document.hasStorageAccess === 'function' ? await document.hasStorageAccess().catch(() => false) : undefined;
    // Access the visitor granted earlier (or in the access button's frame) is claimed without a
    // click; without such a grant, browsers refuse at once, with no prompt.
    if (hasAccess === false && typeof document.requestStorageAccess === 'function') {
      hasAccess = await document.requestStorageAccess().then(() => true, () => false);
    }
    const cookie = this.#cookieWorks();
    const local = localWorks();
    const storage: HubStorageState = cookie && hasAccess !== false ? 'unpartitioned' : cookie || local ? 'partitioned' : 'blocked';
    const access: HubAccessState = hasAccess === true ? 'granted' : typeof document.requestStorageAccess === 'function' ? 'prompt' : 'unsupported';
    return { storage, access };
  }

  /** Whether a page at `origin` is on the hub's own site (browsers do not partition such a hub). */
  isSameSite(origin: string): boolean {
    const page = new URL(origin);
    if (page.protocol !== location.protocol) return false;
    // The highest domain the browser lets the hub set a cookie on is its site; without cookies, its host.
    this.#site ??= probeCookieDomain(location.hostname, this.cookies, location.protocol === 'https:') ?? null;
    const site = this.#site ?? location.hostname;
    return page.hostname === site || page.hostname.endsWith(`.${site}`);
  }

  get(key: string): string | undefined {
    const fromCookie = readCookie(this.cookies.read(), cookieName(key));
    if (fromCookie) return decodeURIComponent(fromCookie);
    try {
      return localStorage.getItem(key) ?? undefined;
    } catch {
      return undefined;
    }
  }

  /** Writes to every store that takes it; fails only when none did. */
  set(key: string, value: string): void {
    const encoded = encodeURIComponent(value);
    let kept = false;
    if (encoded.length <= maxCookieValue) {
      this.cookies.write(`${cookieName(key)}=${encoded}${cookieAttributes}`);
      kept = readCookie(this.cookies.read(), cookieName(key)) === encoded;
    }
    try {
      localStorage.setItem(key, value);
      kept = true;
    } catch {
      // Blocked or full: the cookie may still have it.
    }
    if (!kept) throw new Error('the hub could not store the value: its storage is blocked');
  }

  delete(key: string): void {
    this.cookies.write(`${cookieName(key)}=${cookieAttributes}; Max-Age=0`);
    try {
      localStorage.removeItem(key);
    } catch {
      // Nothing was kept there.
    }
  }

  #cookieWorks(): boolean {
    const name = `${hostPrefix()}pchat_hub_probe_${Math.random().toString(36).slice(2, 10)}`;
    this.cookies.write(`${name}=1${cookieAttributes}; Max-Age=10`);
    const works = readCookie(this.cookies.read(), name) === '1';
    this.cookies.write(`${name}=${cookieAttributes}; Max-Age=0`);
    return works;
  }
}

function localWorks(): boolean {
  try {
    const key = `persistent-chat:hub-probe:${Math.random().toString(36).slice(2, 10)}`;
    localStorage.setItem(key, '1');
    const works = localStorage.getItem(key) === '1';
    localStorage.removeItem(key);
    return works;
  } catch {
    return false;
  }
}

/**
 * Cookie names may not hold the key's colons, and stay short. On https the name carries the
 * `__Host-` prefix: the browser then keeps the cookie to the hub's own host (no `Domain`),
 * `Secure` and `Path=/`, so no sub-domain can plant or shadow it.
 */
const cookieName = (key: string): string => `${hostPrefix()}pchat_hub_${shortHash(key)}`;
const hostPrefix = (): string => (location.protocol === 'https:' ? '__Host-' : '');
