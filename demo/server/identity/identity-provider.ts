import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';
import type { Configuration } from 'oidc-provider';
import type { Context } from 'koa';
import { demoUsers, type DemoUser } from './demo-users.js';
import { signInPage, plainPage } from './sign-in-page.js';

/** The demo's OpenID Connect clients: the site's own sign-in, and the one the contact centre redeems codes for. */
export interface IdentityClients {
  /** Public (PKCE) client of the sites' own sign-in: its redirect URIs, one per site. */
  readonly siteRedirectUris: readonly string[];
  /** Confidential client of the deployment's OpenID Connect integration: the page gets the code, the contact centre redeems it with the secret. */
  readonly messagingRedirectUris: readonly string[];
  readonly postLogoutRedirectUris: readonly string[];
}

export const siteClientId = 'fernhill-site';
export const messagingClientId = 'fernhill-messaging';

/** The demo identity provider: mounted under `mountPath` on the dev server, its issuer a host of its own. */
export interface IdentityProvider {
  readonly issuer: string;
  readonly mountPath: string;
  readonly messagingClientSecret: string;
  /** How long ID and access tokens live (default five minutes), changed by tests to see refreshes happen. */
  tokenSeconds: number;
  matches(pathname: string): boolean;
  handle(req: IncomingMessage, res: ServerResponse): void;
}

/**
 * A small OpenID Connect provider for the demo, on `oidc-provider` (a certified
 * implementation): two users, a sign-in page, the code flow with PKCE required, no consent
 * screen (the clients are the organisation's own), and short tokens.
 */
export async function createIdentityProvider({ issuer, clients, tokenSeconds = 300 }: { issuer: string; clients: IdentityClients; tokenSeconds?: number }): Promise<IdentityProvider> {
  const { default: Provider } = await quietly(() => import('oidc-provider'));
  const { createMemoryAdapter } = (await import('oidc-provider/lib/adapters/memory_adapter.js' as string)) as { createMemoryAdapter(capacity: number): Configuration['adapter'] };
  const mountPath = new URL(issuer).pathname.replace(/\/$/, '');
  const messagingClientSecret = randomBytes(24).toString('base64url');
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: 'ES256', use: 'sig' };
  const byId = new Map<string, DemoUser>(demoUsers.map((user) => [user.sub, user]));
  const origins = [...clients.siteRedirectUris, ...clients.messagingRedirectUris].map((uri) => new URL(uri).origin);
  const state = { tokenSeconds };

  const configuration: Configuration = {
    adapter: createMemoryAdapter(15),
    clients: [
      { client_id: siteClientId, token_endpoint_auth_method: 'none', redirect_uris: [...clients.siteRedirectUris], post_logout_redirect_uris: [...clients.postLogoutRedirectUris], grant_types: ['authorization_code'], response_types: ['code'], id_token_signed_response_alg: 'ES256' },
      { client_id: messagingClientId, client_secret: messagingClientSecret, token_endpoint_auth_method: 'client_secret_post', redirect_uris: [...clients.messagingRedirectUris], grant_types: ['authorization_code'], response_types: ['code'], id_token_signed_response_alg: 'ES256' },
    ],
    jwks: { keys: [signingKey] },
    cookies: {
      keys: [randomBytes(32).toString('base64url')],
      names: { session: 'idp_session', interaction: 'idp_interaction', resume: 'idp_interaction_resume' },
      long: { httpOnly: true, sameSite: 'lax', signed: true },
      short: { httpOnly: true, sameSite: 'lax', signed: true },
    },
    claims: { openid: ['sub'], profile: ['name', 'given_name', 'family_name', 'preferred_username'], email: ['email', 'email_verified'] },
    scopes: ['openid', 'profile', 'email'],
    responseTypes: ['code'],
    // The profile and email claims go in the ID token itself: the contact centre reads only that.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        // No "do you want to sign out?": the demo's sign-out link means it.
        logoutSource: (ctx, form) => {
          ctx.type = 'html';
          ctx.body = plainPage('Signing out', `${form.replace('</form>', '<input type="hidden" name="logout" value="yes"></form>')}<script>document.forms[0].submit()</script>`);
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.type = 'html';
          ctx.body = plainPage('Signed out', '<h1>Signed out</h1>');
        },
      },
    },
    ttl: {
      AccessToken: () => state.tokenSeconds,
      IdToken: () => state.tokenSeconds,
      AuthorizationCode: 60,
      Interaction: 600,
      Session: 8 * 3600,
      Grant: 8 * 3600,
      RefreshToken: 86_400,
      ClientCredentials: 300,
      DeviceCode: 600,
      BackchannelAuthenticationRequest: 600,
    },
    findAccount: (_ctx, sub) => {
      const user = byId.get(sub);
      if (!user) return undefined;
      return { accountId: sub, claims: () => ({ sub, name: user.name, given_name: user.givenName, family_name: user.familyName, preferred_username: user.username, email: user.email, email_verified: true }) };
    },
    // The organisation's own clients: the grant covers what they ask for, with no consent screen.
    loadExistingGrant: async (ctx) => {
      const { oidc } = ctx;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session!.grantIdFor(oidc.client!.clientId);
      let grant = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
      if (grant && grant.accountId !== oidc.account!.accountId) grant = undefined;
      grant ??= new oidc.provider.Grant({ clientId: oidc.client!.clientId, accountId: oidc.account!.accountId });
      const scopes = [...(oidc.requestParamOIDCScopes ?? [])].join(' ');
      if (scopes) grant.addOIDCScope(scopes);
      await grant.save();
      return grant;
    },
    interactions: { url: (_ctx, interaction) => `${mountPath}/interaction/${interaction.uid}` },
    clientBasedCORS: (_ctx, origin) => origins.includes(origin),
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = plainPage('Sign-in error', `<h1>Sign-in error</h1>${Object.entries(out).map(([key, value]) => `<p><b>${escape(key)}</b>: ${escape(String(value))}</p>`).join('')}`);
    },
  };

  const provider = new Provider(issuer, configuration);
  provider.use(async (ctx, next) => (interaction(ctx) ? signIn(ctx, provider, interaction(ctx)!) : next()));
  const callback = provider.callback();
  const matches = (pathname: string) => pathname === mountPath || pathname.startsWith(`${mountPath}/`);
  return {
    issuer,
    mountPath,
    messagingClientSecret,
    get tokenSeconds() {
      return state.tokenSeconds;
    },
    set tokenSeconds(seconds: number) {
      state.tokenSeconds = seconds;
    },
    matches,
    handle(req, res) {
      // As Express mounts it: oidc-provider works out its mount path from `originalUrl`.
      (req as IncomingMessage & { originalUrl?: string }).originalUrl = req.url;
      req.url = (req.url ?? '/').slice(mountPath.length) || '/';
      if (!req.url.startsWith('/')) req.url = `/${req.url}`;
      callback(req, res);
    },
  };
}

/** `/interaction/<uid>` and its `/login` and `/abort`. */
function interaction(ctx: Context): { uid: string; action: string | undefined } | undefined {
  const match = /^\/interaction\/([\w-]+)(?:\/(login|abort))?$/.exec(ctx.path);
  return match ? { uid: match[1]!, action: match[2] } : undefined;
}

/** The sign-in page: pick a demo user (their password is their name), or cancel. */
async function signIn(ctx: Context, provider: InstanceType<typeof import('oidc-provider').default>, { uid, action }: { uid: string; action: string | undefined }): Promise<void> {
  ctx.set('Cache-Control', 'no-store');
  const details = await provider.interactionDetails(ctx.req, ctx.res).catch(() => undefined);
  if (!details || details.uid !== uid) {
    ctx.status = 400;
    ctx.type = 'html';
    ctx.body = plainPage('Sign-in expired', '<p>This sign-in has expired. Go back to the shop and sign in again.</p>');
    return;
  }
  const base = `${new URL(provider.issuer).pathname.replace(/\/$/, '')}/interaction/${uid}`;
  let result: Record<string, unknown>;
  if (action === undefined && ctx.method === 'GET') {
    ctx.type = 'html';
    ctx.body = signInPage(base, String(details.params.client_id));
    return;
  } else if (action === 'login' && ctx.method === 'POST') {
    const form = new URLSearchParams(await readBody(ctx.req));
    const user = demoUsers.find((each) => each.username === form.get('username'));
    if (!user || form.get('password') !== user.username) {
      ctx.type = 'html';
      ctx.body = signInPage(base, String(details.params.client_id), 'That user name and password do not match.');
      return;
    }
    result = { login: { accountId: user.sub } };
  } else if (action === 'abort') {
    result = { error: 'access_denied', error_description: 'The visitor cancelled the sign-in' };
  } else {
    ctx.status = 405;
    return;
  }
  ctx.respond = false;
  await provider.interactionFinished(ctx.req, ctx.res, result, { mergeWithLastSubmission: false });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').slice(0, 4096);
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** oidc-provider warns at import that it prefers Node 22; everything the demo uses works on Node 20. */
async function quietly<T>(load: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => void (String(args[0]).includes('Unsupported runtime') || warn(...args));
  try {
    return await load();
  } finally {
    console.warn = warn;
  }
}
