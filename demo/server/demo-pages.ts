import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { SiteUser } from './site-backend/site-sign-in.js';

/** The demo site's pages: a fixed table, so request paths never reach the file system. */
const pages: Record<string, string> = {
  '/': 'index.html',
  '/index.html': 'index.html',
  '/help/': 'help.html',
  '/dynamic/': 'dynamic.html',
  '/branded/': 'branded.html',
  '/dark/': 'dark.html',
  '/rtl/': 'rtl.html',
  '/mobile/': 'mobile.html',
  '/strict/': 'strict.html',
  '/orders/': 'orders.html',
};

/** The strict page is served as a site with a strict policy would serve it. */
// `img-src blob:`: the thumbnails of the visitor's own files are object URLs of the local files.
const strictPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob:; connect-src 'self' ws: wss:; require-trusted-types-for 'script'";
const extraHeaders: Record<string, Record<string, string>> = {
  '/strict/': { 'Content-Security-Policy': strictPolicy },
};

/** The header's account links: sign in, or who is signed in and sign out. */
function accountLinks(pathname: string, user: SiteUser | undefined): string {
  if (!user) return `<a class="account" href="/auth/sign-in?return=${encodeURIComponent(pathname)}">Sign in</a>`;
  return `<span class="account">${escapeHtml(user.name)}</span> <a class="account" href="/auth/sign-out" data-sign-out>Sign out</a>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export function isDemoPage(pathname: string): boolean {
  return Object.hasOwn(pages, pathname);
}

/** Serves a page with the emulator's address filled in, so the demo works on whatever port it runs. */
export async function serveDemoPage(pagesDir: string, pathname: string, port: number, res: ServerResponse, host = 'localhost', user?: SiteUser): Promise<void> {
  const template = await readFile(join(pagesDir, pages[pathname]!), 'utf8');
  // The shop links to its partner, and the partner back: the conversation follows the click (link hand-off).
  const otherSite = host.startsWith('www.partner.') ? { url: `http://www.shop.localhost:${port}/`, name: 'Fernhill Outfitters' } : { url: `http://www.partner.localhost:${port}/`, name: 'Fernhill Rentals (partner site)' };
  const html = template
    .replaceAll('{{OTHER_SITE_URL}}', otherSite.url)
    .replaceAll('{{OTHER_SITE_NAME}}', otherSite.name)
    .replaceAll('{{EMULATOR_ENDPOINT}}', `ws://localhost:${port}/v1`)
    // A hub on a domain of its own, shared by the shop and its partner site…
    .replaceAll('{{HUB_URL}}', `http://chat.hub.localhost:${port}/hub.html`)
    // …and one on the shop's own site, shared by its sub-domains.
    .replaceAll('{{SITE_HUB_URL}}', `http://chat.shop.localhost:${port}/hub.html`)
    // Signed in (the site's own session): the widget gets the page's sign-in (`assets/site-sign-in.js`).
    .replaceAll('{{ACCOUNT}}', accountLinks(pathname, user))
    .replaceAll('{{AUTH}}', user ? `auth="optional" data-user="${escapeHtml(user.sub)}" attributes-endpoint="/api/update-guest-attributes"` : '');
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...extraHeaders[pathname],
  });
  res.end(html);
}
