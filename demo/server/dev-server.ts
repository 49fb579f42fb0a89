import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';
import { isDemoPage, serveDemoPage } from './demo-pages.js';
import { adminPrefix, serveAdmin } from './emulator/admin-api.js';
import { Emulator } from './emulator/emulator.js';
import type { EmulatorOptions } from './emulator/emulator-options.js';
import { historyPath, serveHistory } from './emulator/history-api.js';
import { deploymentConfigPath, serveDeploymentConfig } from './emulator/deployment-api.js';
import { filesPrefix } from './emulator/attachments.js';
import { serveUpload } from './emulator/upload-api.js';
import { uploadsPrefix } from './emulator/uploads.js';
import { sampleImage, sampleImagePath } from './emulator/content-samples.js';
import { PlatformApi } from './emulator/platform-api.js';
import { attributesEndpointPath, serveAttributesEndpoint } from './site-backend/attributes-endpoint.js';
import { PlatformClient } from './site-backend/platform-client.js';
import { isRecord, readJsonBody, sendError, sendJson } from './http/json.js';
import { serveHubPage } from './hub-page.js';
import { isAuthPath, serveAuthApi } from './emulator/auth-api.js';
import { OidcIntegration } from './emulator/oidc-integration.js';
import { createIdentityProvider, messagingClientId, siteClientId, type IdentityProvider } from './identity/identity-provider.js';
import { SiteSignIn } from './site-backend/site-sign-in.js';

export interface DevServerOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  emulator?: Partial<EmulatorOptions>;
}

export interface DevServer {
  readonly port: number;
  readonly emulator: Emulator;
  /** The demo's identity provider (Fernhill ID), at `http://id.localhost:<port>/idp`. */
  readonly identity: IdentityProvider;
  readonly platform: PlatformApi;
  close(): Promise<void>;
}

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const fromRoot = (path: string): string => `${projectRoot}${path}`;

type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * The widget's chunks are named by their content, so they are served as a site should serve
 * them: cached for good. (The script itself is revalidated, as its name stays the same.)
 */
function cacheChunksForGood(res: ServerResponse, pathname: string): void {
  if (pathname.includes('/chunks/')) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
}

/** Static folders, each mounted under a URL prefix; sirv does the path handling. */
const staticMounts: Array<[prefix: string, handler: Handler]> = [
  ['/dist/', sirv(fromRoot('dist'), { dev: true, setHeaders: cacheChunksForGood })],
  ['/agent/', sirv(fromRoot('build/demo/agent'), { dev: true })],
  ['/agent/', sirv(fromRoot('demo/agent'), { dev: true })],
  ['/assets/', sirv(fromRoot('demo/pages/assets'), { dev: true })],
];

/** One server for the demo site, the emulator (WebSocket, history REST, admin API) and the agent console. */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const emulator = new Emulator(options.emulator);
  const platform = new PlatformApi(emulator);
  let port = options.port;
  // The site's backend talks to the platform API like any client of it would: over HTTP.
  let platformClient: PlatformClient | undefined;
  const siteBackend = () =>
    (platformClient ??= new PlatformClient({
      baseUrl: `http://127.0.0.1:${port}`,
      clientId: process.env.DEMO_CLIENT_ID ?? 'demo-client',
      clientSecret: process.env.DEMO_CLIENT_SECRET ?? 'demo-secret',
    }));
  const server: Server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      console.error('request failed', req.method, req.url, error);
      if (!res.headersSent) sendError(res, 500, 'internal error');
      else res.end();
    });
  });

  // The identity provider and the sites' sign-in need the port: made once the server listens.
  const signIns: { identity?: IdentityProvider; site?: SiteSignIn } = {};

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://dev-server');
    const origin = `http://${req.headers.host ?? `localhost:${port}`}`;
    const { identity, site: siteSignIn } = signIns;
    if (identity?.matches(url.pathname)) return identity.handle(req, res);
    if (isAuthPath(url.pathname)) return serveAuthApi(emulator, req, res, url.pathname);
    if (url.pathname === '/emulator/identity' && req.method === 'POST') return changeIdentity(req, res);
    if (siteSignIn?.isSignInPath(url.pathname)) return siteSignIn.serve(req, res, url, origin);
    if (url.pathname === historyPath) return serveHistory(emulator, req, res, url);
    const deploymentConfig = deploymentConfigPath.exec(url.pathname);
    if (deploymentConfig) return serveDeploymentConfig(emulator, req, res, deploymentConfig[1]!, `http://localhost:${port}`);
    if (url.pathname.startsWith(filesPrefix) && (req.method === 'GET' || req.method === 'HEAD')) return emulator.files.serve(req, res, url);
    if (url.pathname.startsWith(uploadsPrefix)) return serveUpload(emulator, req, res, url);
    if (url.pathname === sampleImagePath) return void res.writeHead(200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=3600' }).end(sampleImage);
    if (url.pathname.startsWith(adminPrefix)) return serveAdmin(emulator, req, res, url, platform);
    if (url.pathname === '/oauth/token') return platform.token(req, res);
    if (url.pathname.startsWith('/api/v2/conversations/messages/')) return platform.conversations(req, res, url.pathname);
    if (url.pathname === attributesEndpointPath) return serveAttributesEndpoint(siteBackend(), siteSignIn!, req, res, origin);
    if (url.pathname === '/agent') return redirect(res, '/agent/');
    if (url.pathname === '/hub.html') return serveHubPage(fromRoot('dist/hub.html'), port, res);
    if (url.pathname === '/hub.js' || url.pathname === '/hub.js.map') {
      req.url = `/dist${url.pathname}`;
      return serveStatic(req, res, req.url, 0);
    }
    if (url.pathname === '/favicon.ico') return void res.writeHead(204).end();
    // A page also answers a form posted to it (its body is not read): forms carry the conversation to a linked site too.
    if ((req.method === 'GET' || req.method === 'POST') && isDemoPage(url.pathname)) {
      req.resume();
      return serveDemoPage(fromRoot('demo/pages'), url.pathname, port, res, (req.headers.host ?? 'localhost').split(':')[0], siteSignIn?.userOf(req));
    }
    serveStatic(req, res, url.pathname, 0);
  }

  function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string, from: number): void {
    const index = staticMounts.findIndex(([prefix], i) => i >= from && pathname.startsWith(prefix));
    if (index < 0) return sendError(res, 404, `not found: ${pathname}`);
    const [prefix, handler] = staticMounts[index]!;
    const original = req.url ?? '/';
    req.url = original.slice(prefix.length - 1);
    handler(req, res, () => {
      req.url = original;
      serveStatic(req, res, pathname, index + 1);
    });
  }

  server.on('upgrade', (req, socket, head) => emulator.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  port = (server.address() as AddressInfo).port;
  emulator.publicOrigin = `http://localhost:${port}`;
  const siteOrigins = ['localhost', 'www.shop.localhost', 'help.shop.localhost', 'www.partner.localhost'].map((host) => `http://${host}:${port}`);
  const issuer = `http://id.localhost:${port}/idp`;
  const reachAt = `http://127.0.0.1:${port}/idp`;
  signIns.identity = await createIdentityProvider({
    issuer,
    tokenSeconds: Number(process.env.IDP_TOKEN_SECONDS ?? 300),
    clients: {
      siteRedirectUris: siteOrigins.map((origin) => `${origin}/auth/callback`),
      messagingRedirectUris: siteOrigins.map((origin) => `${origin}/auth/messaging-code`),
      postLogoutRedirectUris: siteOrigins.map((origin) => `${origin}/`),
    },
  });
  const identity = signIns.identity;
  // The deployment's OpenID Connect integration, and the sites' own sign-in, both with Fernhill ID.
  emulator.identities = new OidcIntegration({ issuer, reachAt, clientId: messagingClientId, clientSecret: identity.messagingClientSecret });
  signIns.site = new SiteSignIn({ issuer, reachAt, siteClientId, messagingClientId });

  /** `POST /emulator/identity {"tokenSeconds": n}`: how long the identity provider's tokens (and so the chat's JWTs) live. */
  async function changeIdentity(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJsonBody(req);
    const seconds = body.ok && isRecord(body.value) ? body.value.tokenSeconds : undefined;
    if (!(Number.isInteger(seconds) && (seconds as number) >= 5 && (seconds as number) <= 86_400)) return sendError(res, 400, '"tokenSeconds" must be a whole number from 5 to 86400');
    if (!signIns.identity) return sendError(res, 503, 'the identity provider is starting');
    signIns.identity.tokenSeconds = seconds as number;
    sendJson(res, 200, { tokenSeconds: seconds });
  }

  return {
    port,
    emulator,
    identity,
    platform,
    close: () =>
      new Promise<void>((resolve) => {
        emulator.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(301, { Location: location });
  res.end();
}
