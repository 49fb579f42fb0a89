import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { expect, test } from './helpers.js';
import { Guest, ownEmulator } from './guest-socket.js';

// The emulator's authenticated messaging, spoken over a raw socket and plain HTTP, as the real
// service describes it (reference §6): code exchange → configureAuthenticatedSession → refresh
// → revoke and LogoutEvent. The codes come from Fernhill ID itself, signed in to with fetch.
const emulator = ownEmulator();

/** Signs in at Fernhill ID as `username` (its form, with the cookies it sets), and returns a code for the chat's client. */
async function authorizationCode(username: string): Promise<{ code: string; codeVerifier: string; redirectUri: string }> {
  const base = emulator.base;
  const jar = new Map<string, string>();
  const call = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(new URL(url, base), { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') } });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = pair!.split('=');
      jar.set(name!.trim(), value ?? '');
    }
    return response;
  };
  const codeVerifier = randomBytes(32).toString('base64url');
  const redirectUri = `${base}/auth/messaging-code`;
  const authorize = new URL('/idp/auth', base);
  for (const [key, value] of Object.entries({
    client_id: 'fernhill-messaging',
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid profile email',
    state: randomUUID(),
    code_challenge: createHash('sha256').update(codeVerifier).digest('base64url'),
    code_challenge_method: 'S256',
  }))
    authorize.searchParams.set(key, value);
  let response = await call(authorize.href);
  const interaction = response.headers.get('location')!;
  response = await call(`${interaction}/login`, { method: 'POST', body: new URLSearchParams({ username, password: username }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  response = await call(response.headers.get('location')!);
  const code = new URL(response.headers.get('location')!).searchParams.get('code');
  expect(code, 'Fernhill ID gave a code').toBeTruthy();
  return { code: code!, codeVerifier, redirectUri };
}

async function exchange(deploymentId: string, oauth: Record<string, unknown>): Promise<Response> {
  return fetch(`${emulator.base}/api/v2/webdeployments/token/oauthcodegrantjwtexchange`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ deploymentId, oauth }) });
}

async function signedIn(deploymentId: string, username = 'alice'): Promise<{ jwt: string; refreshToken: string }> {
  const { code, codeVerifier, redirectUri } = await authorizationCode(username);
  const response = await exchange(deploymentId, { code, redirectUri, codeVerifier });
  expect(response.status).toBe(200);
  return (await response.json()) as { jwt: string; refreshToken: string };
}

/** A socket that configures an authenticated session with `jwt`: the SessionResponse, or the error. */
async function authenticated(deploymentId: string, jwt: string, token = randomUUID()): Promise<{ guest: Guest; answer: Awaited<ReturnType<Guest['next']>> }> {
  const guest = await Guest.connect(emulator.base, deploymentId, token);
  guest.send({ action: 'configureAuthenticatedSession', deploymentId, data: { code: jwt } });
  return { guest, answer: await guest.next(['SessionResponse', 'string']) };
}

test('a code is exchanged once, with its PKCE verifier; the JWT names the identity and lives no longer than the provider’s token', async () => {
  const deploymentId = await emulator.ownDeployment();
  const { code, codeVerifier, redirectUri } = await authorizationCode('alice');
  expect((await exchange(deploymentId, { code, redirectUri })).status, 'without the verifier').toBe(400);
  const response = await exchange(deploymentId, { code, redirectUri, codeVerifier });
  expect(response.status).toBe(200);
  const { jwt, refreshToken } = (await response.json()) as { jwt: string; refreshToken: string };
  const claims = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
  expect(claims).toMatchObject({ sub: 'u-alice-0001', name: 'Alice Walker', email: 'alice@fernhill.example' });
  expect((claims.exp as number) - (claims.iat as number)).toBe(300);
  expect(typeof refreshToken).toBe('string');
  expect((await exchange(deploymentId, { code, redirectUri, codeVerifier })).status, 'a code is used once').toBe(400);
  expect((await exchange(deploymentId, { code: 'made-up', redirectUri, codeVerifier })).status).toBe(400);
});

test('configureAuthenticatedSession: every device of the identity joins one session; a forged or revoked JWT is 401; a signed-in token is never a guest’s again (4017); LogoutEvent on revoke', async () => {
  const deploymentId = await emulator.ownDeployment();
  const laptop = await signedIn(deploymentId);
  const first = await authenticated(deploymentId, laptop.jwt);
  expect(first.answer).toMatchObject({ class: 'SessionResponse', body: { connected: true, newSession: true, clearedExistingSession: false } });
  first.guest.send({ action: 'onMessage', message: { type: 'Text', text: 'from the laptop' } });
  await first.guest.next('StructuredMessage');

  const phone = await signedIn(deploymentId);
  const second = await authenticated(deploymentId, phone.jwt);
  expect(second.answer).toMatchObject({ class: 'SessionResponse', body: { connected: true, newSession: false } });
  const session = await emulator.sessionOf();
  expect(session.authenticated).toEqual({ sub: 'u-alice-0001', issuer: expect.stringMatching(/\/idp$/), name: 'Alice Walker', email: 'alice@fernhill.example' });
  expect(session.connections).toBe(2);

  const [header, payload] = laptop.jwt.split('.');
  const forged = `${header}.${payload}.${randomBytes(32).toString('base64url')}`;
  expect((await authenticated(deploymentId, forged)).answer).toMatchObject({ class: 'string', code: 401, body: 'User is unauthorized' });

  // The laptop's token spoke for a signed-in visitor: as a guest's it is refused.
  const downgrade = await Guest.connect(emulator.base, deploymentId, first.guest.token);
  downgrade.send({ action: 'configureSession', deploymentId });
  expect(await downgrade.next(['SessionResponse', 'string'])).toMatchObject({ class: 'string', code: 4017 });

  // A refresh gives a new JWT for the same sign-in; revoking (from the phone) logs out every device.
  const refreshed = await fetch(`${emulator.base}/api/v2/webdeployments/token/refresh`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refreshToken: laptop.refreshToken, deploymentId }) });
  expect(refreshed.status).toBe(200);
  const revoked = await fetch(`${emulator.base}/api/v2/webdeployments/token/revoke`, { method: 'DELETE', headers: { Authorization: `bearer ${phone.jwt}` } });
  expect(revoked.status).toBe(204);
  expect(await first.guest.next('LogoutEvent')).toMatchObject({ type: 'message', code: 200 });
  expect(await second.guest.next('LogoutEvent')).toMatchObject({ type: 'message', code: 200 });
  expect((await authenticated(deploymentId, laptop.jwt)).answer, 'revoked').toMatchObject({ class: 'string', code: 401 });
  const afterRevoke = await fetch(`${emulator.base}/api/v2/webdeployments/token/refresh`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refreshToken: laptop.refreshToken, deploymentId }) });
  expect(afterRevoke.status).toBe(401);

  // Signed in again: the same conversation, with its history.
  const again = await authenticated(deploymentId, (await signedIn(deploymentId)).jwt);
  expect(again.answer).toMatchObject({ class: 'SessionResponse', body: { newSession: false } });
  expect((await emulator.sessionOf()).messages.map((message) => message.text)).toEqual(['from the laptop']);
});

test('a guest who signs in on their open connection steps up: the conversation becomes theirs, echoed as Presence SignIn; not where the deployment forbids it', async () => {
  const deploymentId = await emulator.ownDeployment();
  const guest = await Guest.open(emulator.base, deploymentId);
  guest.send({ action: 'onMessage', message: { type: 'Text', text: 'as a guest' } });
  await guest.next('StructuredMessage');
  const other = await Guest.open(emulator.base, deploymentId, guest.token);
  const { jwt } = await signedIn(deploymentId, 'bob');
  guest.send({ action: 'configureAuthenticatedSession', deploymentId, data: { code: jwt } });
  const signIn = await guest.next('StructuredMessage', (frame) => frame.body.type === 'Event');
  expect(signIn.body).toMatchObject({ direction: 'Inbound', events: [{ eventType: 'Presence', presence: { type: 'SignIn' } }], channel: { from: { firstName: 'Bob', lastName: 'Rivers' } } });
  expect(await guest.next('SessionResponse')).toMatchObject({ body: { connected: true, newSession: false } });
  expect(await other.next('ConnectionClosedEvent')).toMatchObject({ body: { reason: 'signedIn' } });
  const session = await emulator.sessionOf();
  expect(session.authenticated?.sub).toBe('u-bob-0002');
  expect(session.messages.map((message) => message.text)).toEqual(['as a guest']);

  const strict = await emulator.ownDeployment({ allowSessionUpgrade: false });
  const stranger = await Guest.open(emulator.base, strict);
  stranger.send({ action: 'configureAuthenticatedSession', deploymentId: strict, data: { code: (await signedIn(strict, 'bob')).jwt } });
  expect(await stranger.next(['SessionResponse', 'string'])).toMatchObject({ class: 'string', code: 403 });
});
