import { documentCookies, readCookie, type CookieJar } from '../../storage/adapters/cookie-domain.js';
import { probeCookieDomain } from '../../storage/adapters/cookie-domain-probe.js';
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
    let kept: Partial<Kept> | undefined;
    try {
      kept = JSON.parse(localStorage.getItem(localKey(key)) ?? 'null') as Partial<Kept> | undefined;
    } catch {
      kept = undefined;
    }
    if (kept === null) return undefined;
    // An earlier browser session's, expired, or not ours to read: erased, not returned.
    const current = typeof kept?.v === 'string' && (kept.until ? kept.until > Date.now() : kept.session !== undefined && kept.session === this.#browserSession(false));
    if (current) return kept!.v;
    this.delete(key);
    return undefined;
  }

  /** Erases every copy that can no longer be read (an earlier browser session's, or expired): run as the hub starts. */
  sweep(): void {
    try {
      for (const key of Object.keys(localStorage)) if (key.startsWith(localKey(''))) this.get(key.slice(localKey('').length));
    } catch {
      // No localStorage: nothing kept there.
    }
  }

  /**
   * Writes to every store that takes it; fails only when none did. Kept for `days`, or until
   * the browser session ends: the cookie is then a session cookie, and the localStorage copy
   * is stamped with this browser session's id (itself in a session cookie).
   */
  set(key: string, value: string, days?: number): void {
    const encoded = encodeURIComponent(value);
    const lifetime = days ? `; Max-Age=${days * 86_400}` : '';
    let kept = false;
    if (encoded.length <= maxCookieValue) {
      this.cookies.write(`${cookieName(key)}=${encoded}${cookieAttributes}${lifetime}`);
      kept = readCookie(this.cookies.read(), cookieName(key)) === encoded;
    }
    try {
      const stamp: Kept = days ? { v: value, until: Date.now() + days * 86_400_000 } : { v: value, session: this.#browserSession(true) };
      localStorage.setItem(localKey(key), JSON.stringify(stamp));
      kept = true;
    } catch {
      // Blocked or full: the cookie may still have it.
    }
    if (!kept) throw new Error('the hub could not store the value: its storage is blocked');
  }

  /** This browser session's id, in a session cookie (made when `create` and there is none). */
  #browserSession(create: boolean): string | undefined {
    const name = `${hostPrefix()}pchat_hub_session`;
    const id = readCookie(this.cookies.read(), name);
    if (id || !create) return id;
    const made = Math.random().toString(36).slice(2, 12);
    this.cookies.write(`${name}=${made}${cookieAttributes}`);
    return made;
  }

  delete(key: string): void {
    this.cookies.write(`${cookieName(key)}=${cookieAttributes}; Max-Age=0`);
    try {
      localStorage.removeItem(localKey(key));
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

/**
 * Where the hub keeps a key in its localStorage: apart from the widget's own keys, which
 * share that localStorage when the hub is served from the page's own origin.
 */
export const localKey = (key: string): string => `hub|${key}`;

/** A value in the hub's localStorage, with how long it may be read. */
interface Kept {
  v: string;
  /** Readable until then (ms since the epoch). */
  until?: number;
  /** Readable in this browser session only. */
  session?: string;
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
