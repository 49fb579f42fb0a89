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
  const origins = demoOrigins(port);
  const template = await readFile(hubPage, 'utf8');
  const html = template.replace(/(<script type="application\/json" id="trusted-origins">)[\s\S]*?(<\/script>)/, `$1${JSON.stringify(origins)}$2`);
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(html);
}
