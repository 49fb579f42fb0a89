import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';

/** The demo's sites, all on one port: a shop with two sub-domains and a partner on another domain. */
export function demoOrigins(port: number): string[] {
  return ['localhost', 'www.shop.localhost', 'help.shop.localhost', 'www.partner.localhost'].map((host) => `http://${host}:${port}`);
}

/**
 * Serves dist/hub.html as a site would host it, with its trusted origins filled in (here,
 * the demo's own sites). A production host should also send `Content-Security-Policy:
 * frame-ancestors` with the same list; the demo does not, so that its tests can show the
 * hub itself turning an untrusted page away.
 */
export async function serveHubPage(hubPage: string, port: number, res: ServerResponse): Promise<void> {
  const html = withTrustedOrigins(await readFile(hubPage, 'utf8'), demoOrigins(port));
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(html);
}

/** The hub page with its list of trusted origins replaced: the one place a site configures it. */
export function withTrustedOrigins(hubHtml: string, origins: readonly string[]): string {
  return hubHtml.replace(/(<script type="application\/json" id="trusted-origins">)[\s\S]*?(<\/script>)/, (_, open: string, close: string) => `${open}${JSON.stringify(origins)}${close}`);
}
