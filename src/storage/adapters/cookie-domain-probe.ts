import { readCookie, type CookieJar } from './cookie-domain.js';

// A module of its own: the embed fetches it with the first cookie it writes (pages that only read load none of it).
/**
 * Finds the highest domain a cookie may be set on, by asking the browser: it writes a test
 * cookie on each candidate from the shortest up, and the first one it can read back wins.
 * The browser's own public-suffix list refuses `co.uk` or `localhost`, so none is shipped.
 */
export function probeCookieDomain(hostname: string, cookies: CookieJar, secure: boolean): string | undefined {
  for (const candidate of candidateDomains(hostname)) {
    const name = `pchat_probe_${Math.random().toString(36).slice(2, 10)}`;
    const attributes = `; Domain=${candidate}; Path=/; SameSite=Lax${secure ? '; Secure' : ''}`;
    cookies.write(`${name}=1${attributes}; Max-Age=10`);
    const accepted = readCookie(cookies.read(), name) === '1';
    cookies.write(`${name}=${attributes}; Max-Age=0`);
    if (accepted) return candidate;
  }
  return undefined;
}

/** Parent domains to try, shortest first; none for IP addresses and single-label hosts. */
export function candidateDomains(hostname: string): string[] {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host.includes(':') || /^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return [];
  const labels = host.split('.');
  if (labels.length < 2) return [];
  const candidates: string[] = [];
  for (let count = 2; count <= labels.length; count++) candidates.push(labels.slice(-count).join('.'));
  return candidates;
}
