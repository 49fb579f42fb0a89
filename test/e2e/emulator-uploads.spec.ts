import { randomBytes, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import WebSocket from 'ws';
import type { DevServer } from '../../demo/server/dev-server.js';
import { expect, test, type EmulatorSession } from './helpers.js';

// The visitor's file uploads, spoken over a real socket from Node, as the real service
// describes them (reference §3): onAttachment → PresignedUrlResponse → PUT → UploadSuccessEvent
// → onMessage naming the attachment → its echo carries a download address.
//
// These tests speak to a dev server of this file's own (the build's, as the shared one runs):
// the faults other files apply to every session of the shared server (rate limits, echoes
// lost with the connection) are answered by the widget's retries, which a raw socket has not.

type Frame = { type: string; class: string; code: number; body: Record<string, unknown>; tracingId?: string };

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(1200)]);
const pdf = Buffer.from('%PDF-1.4\n% a small document\n%%EOF\n');

/** One guest connection on the emulator, with the frames it received kept until a test takes them. */
class Guest {
  readonly #frames: Frame[] = [];
  readonly #waiting = new Set<() => void>();

  private constructor(
    private readonly socket: WebSocket,
    readonly token: string,
  ) {
    socket.on('message', (data) => {
      this.#frames.push(JSON.parse(data.toString()) as Frame);
      for (const wake of this.#waiting) wake();
    });
  }

  static async open(baseURL: string, deploymentId: string, token: string = randomUUID()): Promise<Guest> {
    const socket = new WebSocket(`${baseURL.replace(/^http/, 'ws')}/v1?deploymentId=${deploymentId}`);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const guest = new Guest(socket, token);
    guest.send({ action: 'configureSession', deploymentId, token });
    await guest.next('SessionResponse');
    return guest;
  }

  send(request: Record<string, unknown>): void {
    this.socket.send(JSON.stringify({ token: this.token, tracingId: randomUUID(), ...request }));
  }

  /** The first frame of this class (or one of these) not yet taken, waiting for it when it has not come. */
  async next(classes: string | string[], match: (frame: Frame) => boolean = () => true, timeout = 5000): Promise<Frame> {
    const deadline = Date.now() + timeout;
    const className = [classes].flat().join(' or ');
    for (;;) {
      const index = this.#frames.findIndex((frame) => [classes].flat().includes(frame.class) && match(frame));
      if (index >= 0) return this.#frames.splice(index, 1)[0]!;
      if (Date.now() > deadline) throw new Error(`no ${className} frame within ${timeout} ms; received: ${this.#frames.map((frame) => frame.class).join(', ')}`);
      await new Promise<void>((resolve) => {
        const wake = () => (this.#waiting.delete(wake), resolve());
        this.#waiting.add(wake);
        setTimeout(wake, 100);
      });
    }
  }

  /** Asks for an upload of `file` under `attachmentId`: the PresignedUrlResponse, or the refusal. */
  async presign(attachmentId: string, fileName: string, fileType: string, fileSize: number): Promise<Frame> {
    this.send({ action: 'onAttachment', attachmentId, fileName, fileType, fileSize, errorsAsJson: true });
    return this.next(['PresignedUrlResponse', 'UploadFailureEvent', 'string'], (frame) => frame.class === 'string' || frame.body.attachmentId === attachmentId);
  }

  /** Presigns and PUTs `bytes`, waiting for the outcome on the socket. */
  async upload(attachmentId: string, fileName: string, fileType: string, bytes: Buffer): Promise<Frame> {
    const grant = await this.presign(attachmentId, fileName, fileType, bytes.length);
    expect(grant.class).toBe('PresignedUrlResponse');
    expect((await put(grant, bytes, fileType)).status).toBe(200);
    return this.next(['UploadSuccessEvent', 'UploadFailureEvent'], (frame) => frame.body.attachmentId === attachmentId);
  }

  sendMessage(text: string, attachmentIds: string[]): string {
    const tracingId = randomUUID();
    const content = attachmentIds.map((id) => ({ contentType: 'Attachment', attachment: { id } }));
    this.socket.send(JSON.stringify({ action: 'onMessage', token: this.token, tracingId, message: { type: 'Text', text, content } }));
    return tracingId;
  }

  close(): void {
    this.socket.close();
  }
}

/** The PUT a client makes with a grant: every granted header, and the file's type. */
function put(grant: Frame, bytes: Buffer, contentType: string, headers: Record<string, string> = grant.body.headers as Record<string, string>, url = String(grant.body.url)): Promise<Response> {
  return fetch(url, { method: 'PUT', headers: { ...headers, 'content-type': contentType }, body: new Uint8Array(bytes) });
}

async function downloaded(url: unknown): Promise<Buffer> {
  const response = await fetch(String(url));
  expect(response.status, `download of ${String(url)}`).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

/** This file's dev server, and where it is reached. */
let server: DevServer;
let base = '';
/** The test's latest deployment. */
let deploymentId = '';

/** The emulator's admin API (`/emulator/…`) on this file's server: a POST when there is a body. */
async function api<T = unknown>(path: string, body?: object): Promise<T> {
  const response = await fetch(`${base}/emulator/${path}`, body ? { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) } : {});
  expect(response.ok, `admin ${path} answered ${response.status}`).toBe(true);
  return (await response.json()) as T;
}

/** A deployment of the test's own (its sessions, its scoped faults), with these settings. */
async function ownDeployment(settings: Record<string, unknown> = {}): Promise<string> {
  deploymentId = `up-${randomUUID().slice(0, 8)}`;
  await api(`deployments/${deploymentId}`, settings);
  return deploymentId;
}

async function sessionOf(id = deploymentId): Promise<EmulatorSession> {
  const sessions = await api<EmulatorSession[]>('sessions');
  const found = sessions.filter((session) => session.deploymentId === id);
  expect(found, `sessions of ${id}`).toHaveLength(1);
  return found[0]!;
}

/** A dev server of the test's own, for emulator options the shared one cannot change (the build's, as the shared one runs). */
async function privateServer(emulator: Record<string, unknown>): Promise<DevServer> {
  const { startDevServer } = (await import(new URL('../../build/server/dev-server.js', import.meta.url).href)) as typeof import('../../demo/server/dev-server.js');
  return startDevServer({ port: 0, emulator });
}

test.beforeAll(async () => {
  server = await privateServer({});
  base = `http://localhost:${server.port}`;
});

test.afterAll(async () => {
  await server.close();
});

// Every frame either way matches the official schema.
test.afterEach(async () => {
  expect(await api('schema-violations')).toEqual([]);
});

test('a file goes up, is sent in a message, and comes back in the echo, history and the admin listing', async () => {
  const guest = await Guest.open(base, await ownDeployment());
  const id = randomUUID();
  const grant = await guest.presign(id, 'receipt.png', 'image/png', png.length);
  expect(grant).toMatchObject({ type: 'response', class: 'PresignedUrlResponse', code: 200, body: { attachmentId: id, fileName: 'receipt.png', fileType: 'image/png', fileSize: png.length } });
  expect(grant.tracingId).toBeUndefined();
  expect(grant.body.url).toMatch(new RegExp(`^${base}/emulator/uploads/${id}\\?X-Amz-Date=\\d{8}T\\d{6}Z&X-Amz-Expires=600&X-Amz-Signature=[0-9a-f]{64}$`));
  expect((grant.body.headers as Record<string, string>)['x-amz-tagging']).toMatch(/^organizationId=[0-9a-f-]{36}&originPlatform=PureCloud&role=darth&owner=Dev-CloudAppsDarth$/);

  expect((await put(grant, png, 'image/png')).status).toBe(200);
  const success = await guest.next('UploadSuccessEvent');
  expect(success).toMatchObject({ type: 'message', code: 200, body: { attachmentId: id, timestamp: expect.any(String) } });
  expect((await downloaded(success.body.downloadUrl)).equals(png)).toBe(true);
  expect((await sessionOf()).files).toEqual([{ id, name: 'receipt.png', mime: 'image/png', size: png.length, state: 'uploaded', uploads: 1, from: 'visitor' }]);

  const tracingId = guest.sendMessage('', [id]);
  const echo = await guest.next('StructuredMessage', (frame) => frame.body.direction === 'Inbound');
  expect(echo.tracingId).toBe(tracingId);
  const [item] = echo.body.content as Array<{ contentType: string; attachment: Record<string, unknown> }>;
  expect(item).toEqual({ contentType: 'Attachment', attachment: { id, url: expect.stringMatching(/^http:/), filename: 'receipt.png', mediaType: 'Image', mime: 'image/png', fileSize: png.length } });
  expect((await downloaded(item!.attachment.url)).equals(png)).toBe(true);

  guest.send({ action: 'getJwt' });
  const { jwt } = (await guest.next('JwtResponse')).body as { jwt: string };
  const historyResponse = await fetch(`${base}/api/v2/webmessaging/messages`, { headers: { Authorization: `Bearer ${jwt}` } });
  const history = (await historyResponse.json()) as { entities: Array<{ direction: string; content: Array<{ attachment: { id: string; url: string } }> }> };
  expect(history.entities).toHaveLength(1);
  expect(history.entities[0]!.direction).toBe('Inbound');
  expect(history.entities[0]!.content[0]!.attachment.id).toBe(id);
  expect((await downloaded(history.entities[0]!.content[0]!.attachment.url)).equals(png)).toBe(true);

  const held = await sessionOf();
  expect(held.files).toEqual([{ id, name: 'receipt.png', mime: 'image/png', size: png.length, state: 'sent', uploads: 1, from: 'visitor' }]);
  expect(held.messages).toHaveLength(1);
  expect(held.messages[0]!.attachments).toEqual([{ id, name: 'receipt.png', mime: 'image/png', mediaType: 'Image', size: png.length, url: expect.stringMatching(/^http:/) }]);

  // Sent: no longer deletable, and never granted again.
  guest.send({ action: 'deleteAttachment', attachmentId: id });
  expect(await guest.next('string')).toMatchObject({ code: 4000, body: expect.stringContaining('must not have been sent') });
  expect((await guest.presign(id, 'other.png', 'image/png', png.length)).body).toMatchObject({ attachmentId: id, errorCode: 4000 });
  expect((await sessionOf()).files).toHaveLength(1);
  guest.close();
});

test('uploads the profile does not allow are refused before any PUT (4001, 4002, 4004, 4005)', async () => {
  const guest = await Guest.open(base, await ownDeployment());
  const refusal = async (fileName: string, fileType: string, fileSize: number) => (await guest.presign(randomUUID(), fileName, fileType, fileSize)).body;
  expect(await refusal('notes.txt', 'text/plain', 100)).toMatchObject({ errorCode: 4001, errorMessage: expect.any(String), timestamp: expect.any(String) });
  expect(await refusal('photo.gif', 'image/gif', 100)).toMatchObject({ errorCode: 4001 });
  expect(await refusal('huge.pdf', 'application/pdf', 10_241_000)).toMatchObject({ errorCode: 4002 });
  expect(await refusal('empty.pdf', 'application/pdf', 0)).toMatchObject({ errorCode: 4002 });
  expect(await refusal('setup.exe', 'application/pdf', 100)).toMatchObject({ errorCode: 4004 });
  expect(await refusal('../etc/passwd.pdf', 'application/pdf', 100)).toMatchObject({ errorCode: 4004 });
  expect(await refusal('bell\u0007.pdf', 'application/pdf', 100)).toMatchObject({ errorCode: 4004 });
  expect(await refusal(`${'a'.repeat(252)}.pdf`, 'application/pdf', 100)).toMatchObject({ errorCode: 4005 });
  // The limit is floor(bytes / 1000) <= maxFileSizeKB, and the extension rule is case-sensitive (as the mobile SDK's).
  expect((await guest.presign(randomUUID(), 'big.pdf', 'application/pdf', 10_240_999)).class).toBe('PresignedUrlResponse');
  expect((await guest.presign(randomUUID(), 'SETUP.EXE', 'application/pdf', 100)).class).toBe('PresignedUrlResponse');
  expect(await guest.presign('not-a-uuid', 'a.pdf', 'application/pdf', 100)).toMatchObject({ class: 'string', code: 400, body: 'missing parameter: attachmentId' });
  expect((await sessionOf()).files).toEqual([]);
  guest.close();

  const off = await Guest.open(base, await ownDeployment({ attachments: false }));
  expect((await off.presign(randomUUID(), 'receipt.png', 'image/png', png.length)).body).toMatchObject({ errorCode: 4001, errorMessage: expect.stringContaining('not enabled') });
  off.close();
});

test('a PUT that is not exactly what was granted is refused, and stores nothing', async () => {
  const guest = await Guest.open(base, await ownDeployment());
  const id = randomUUID();
  const grant = await guest.presign(id, 'label.pdf', 'application/pdf', pdf.length);
  const headers = grant.body.headers as Record<string, string>;
  const url = new URL(String(grant.body.url));
  expect((await put(grant, pdf, 'image/png')).status).toBe(403);
  expect((await put(grant, pdf, 'application/pdf', {})).status).toBe(403);
  expect((await put(grant, pdf, 'application/pdf', { 'x-amz-tagging': `${headers['x-amz-tagging']}&role=admin` })).status).toBe(403);
  expect((await put(grant, pdf.subarray(1), 'application/pdf')).status).toBe(400);
  const tampered = new URL(url);
  tampered.searchParams.set('X-Amz-Expires', '86400');
  expect((await put(grant, pdf, 'application/pdf', headers, tampered.href)).status).toBe(403);
  const otherId = new URL(url.href.replace(id, randomUUID()));
  expect((await put(grant, pdf, 'application/pdf', headers, otherId.href)).status).toBe(403);
  // A body declared longer than granted is refused on its headers, before a byte of it is read.
  const early = await new Promise<number>((resolve, reject) => {
    const request = httpRequest(url, { method: 'PUT', headers: { ...headers, 'content-type': 'application/pdf', 'content-length': String(50_000_000) } }, (response) => {
      resolve(response.statusCode!);
      request.destroy();
    });
    request.on('error', reject);
    request.flushHeaders();
  });
  expect(early).toBe(400);
  expect((await sessionOf()).files).toEqual([]);
  await expect(guest.next('UploadSuccessEvent', () => true, 300)).rejects.toThrow();
  // The right PUT still works.
  expect((await put(grant, pdf, 'application/pdf')).status).toBe(200);
  await guest.next('UploadSuccessEvent');
  expect((await sessionOf()).files.map(({ state, uploads }) => ({ state, uploads }))).toEqual([{ state: 'uploaded', uploads: 1 }]);
  guest.close();
});

test('content that is not what its type says is taken by the PUT, then refused (4003), and cannot be sent', async () => {
  const guest = await Guest.open(base, await ownDeployment());
  const id = randomUUID();
  const outcome = await guest.upload(id, 'photo.png', 'image/png', Buffer.from('MZ this is not a picture'));
  expect(outcome).toMatchObject({ type: 'message', class: 'UploadFailureEvent', body: { attachmentId: id, errorCode: 4003 } });
  guest.sendMessage('see this', [id]);
  expect(await guest.next('string')).toMatchObject({ code: 4010, body: 'Attachment not successfully uploaded' });
  guest.send({ action: 'getAttachment', attachmentId: id });
  expect((await guest.next('GenerateUrlError')).body).toMatchObject({ attachmentId: id, errorCode: 4009 });
  const held = await sessionOf();
  expect(held.messages).toEqual([]);
  expect(held.files.map(({ state }) => state)).toEqual(['failed']);
  guest.close();
});

test('a message naming a file never uploaded (or only presigned) is refused with 4010, and nothing is stored', async () => {
  const guest = await Guest.open(base, await ownDeployment());
  guest.sendMessage('here it is', [randomUUID()]);
  expect(await guest.next('string')).toMatchObject({ type: 'response', code: 4010 });
  const presigned = randomUUID();
  await guest.presign(presigned, 'label.pdf', 'application/pdf', pdf.length);
  guest.sendMessage('', [presigned]);
  expect(await guest.next('string')).toMatchObject({ code: 4010 });
  const uploaded = randomUUID();
  await guest.upload(uploaded, 'label.pdf', 'application/pdf', pdf);
  guest.sendMessage('twice', [uploaded, uploaded]);
  expect(await guest.next('string')).toMatchObject({ code: 4010 });
  const held = await sessionOf();
  expect(held.messages).toEqual([]);
  expect(held.files.map(({ id, state }) => ({ id, state }))).toEqual([{ id: uploaded, state: 'uploaded' }]);
  guest.close();
});

test('the same id presigned again before it is sent (a new owner tab) replaces the bytes: one file, two uploads', async () => {
  const first = await Guest.open(base, await ownDeployment());
  const second = await Guest.open(base, deploymentId, first.token);
  const id = randomUUID();
  await first.upload(id, 'label.pdf', 'application/pdf', pdf);
  const replacement = Buffer.concat([pdf, Buffer.from('% resumed\n')]);
  expect((await second.upload(id, 'label.pdf', 'application/pdf', replacement)).class).toBe('UploadSuccessEvent');
  // Every connection of the session hears each outcome.
  await first.next('UploadSuccessEvent');
  expect((await sessionOf()).files).toEqual([{ id, name: 'label.pdf', mime: 'application/pdf', size: replacement.length, state: 'uploaded', uploads: 2, from: 'visitor' }]);
  second.sendMessage('the label', [id]);
  const echo = await first.next('StructuredMessage', (frame) => frame.body.direction === 'Inbound');
  const [item] = echo.body.content as Array<{ attachment: { url: string } }>;
  expect((await downloaded(item!.attachment.url)).equals(replacement)).toBe(true);

  // Another session can neither take the id, nor delete, refresh or send it.
  const stranger = await Guest.open(base, deploymentId);
  expect((await stranger.presign(id, 'mine.pdf', 'application/pdf', pdf.length)).body).toMatchObject({ errorCode: 4000 });
  stranger.send({ action: 'deleteAttachment', attachmentId: id });
  expect(await stranger.next('string')).toMatchObject({ code: 4009, body: 'Attachment not found' });
  stranger.send({ action: 'getAttachment', attachmentId: id });
  expect((await stranger.next('GenerateUrlError')).body).toMatchObject({ errorCode: 4009 });
  const pending = randomUUID();
  await first.presign(pending, 'next.pdf', 'application/pdf', pdf.length);
  expect((await stranger.presign(pending, 'next.pdf', 'application/pdf', pdf.length)).body).toMatchObject({ errorCode: 4000 });
  for (const guest of [first, second, stranger]) guest.close();
});

test('deleteAttachment removes an uploaded file: it can no longer be sent or refreshed', async () => {
  const guest = await Guest.open(base, await ownDeployment());
  const id = randomUUID();
  await guest.upload(id, 'label.pdf', 'application/pdf', pdf);
  guest.send({ action: 'deleteAttachment', attachmentId: id });
  expect(await guest.next('AttachmentDeletedResponse')).toMatchObject({ type: 'message', code: 200, body: { attachmentId: id } });
  expect((await sessionOf()).files).toEqual([]);
  guest.send({ action: 'getAttachment', attachmentId: id });
  expect((await guest.next('GenerateUrlError')).body).toMatchObject({ attachmentId: id, errorCode: 4009, name: 'GenerateUrlError' });
  guest.sendMessage('', [id]);
  expect(await guest.next('string')).toMatchObject({ code: 4010 });
  guest.send({ action: 'deleteAttachment', attachmentId: randomUUID() });
  expect(await guest.next('string')).toMatchObject({ code: 4009 });
  guest.close();
});

test('a browser on another origin may PUT: the preflight is answered for the granted headers only', async ({ page }) => {
  const guest = await Guest.open(base, await ownDeployment());
  const id = randomUUID();
  const grant = await guest.presign(id, 'receipt.png', 'image/png', png.length);
  const origin = `http://www.shop.localhost:${server.port}`;
  const asking = (headers: string) => ({ Origin: origin, 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': headers });
  const preflight = await fetch(String(grant.body.url), { method: 'OPTIONS', headers: asking('content-type,x-amz-tagging') });
  expect(preflight.status).toBe(200);
  expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
  expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT');
  expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type, x-amz-tagging');
  expect(Number(preflight.headers.get('access-control-max-age'))).toBeGreaterThan(0);
  const refused = await fetch(String(grant.body.url), { method: 'OPTIONS', headers: asking('x-secret') });
  expect(refused.status).toBe(403);

  await page.goto(`${origin}/`);
  const status = await page.evaluate(
    async ({ url, headers, bytes }) => (await fetch(url, { method: 'PUT', headers: { ...headers, 'Content-Type': 'image/png' }, body: new Uint8Array(bytes) })).status,
    { url: String(grant.body.url), headers: grant.body.headers as Record<string, string>, bytes: [...png] },
  );
  expect(status).toBe(200);
  expect((await guest.next('UploadSuccessEvent')).body.attachmentId).toBe(id);
  guest.close();
});

test('faults: failNextUpload stores the next upload but refuses it on the socket; the one after succeeds', async () => {
  const guest = await Guest.open(base, await ownDeployment());
  await api('faults', { kind: 'failNextUpload', count: 1, deploymentId });
  const id = randomUUID();
  expect((await guest.upload(id, 'label.pdf', 'application/pdf', pdf)).body).toMatchObject({ attachmentId: id, errorCode: 4003 });
  expect((await sessionOf()).files.map(({ state, uploads }) => ({ state, uploads }))).toEqual([{ state: 'failed', uploads: 1 }]);
  expect((await guest.upload(id, 'label.pdf', 'application/pdf', pdf)).class).toBe('UploadSuccessEvent');
  expect((await sessionOf()).files.map(({ state, uploads }) => ({ state, uploads }))).toEqual([{ state: 'uploaded', uploads: 2 }]);
  await api('faults', { kind: 'fail-next-upload', count: 1, errorCode: 4002, deploymentId });
  expect((await guest.upload(randomUUID(), 'other.pdf', 'application/pdf', pdf)).body).toMatchObject({ errorCode: 4002 });
  const log = await api<Array<{ kind: string; deploymentId?: string }>>('faults');
  expect(log.filter((fault) => fault.kind === 'fail-next-upload' && fault.deploymentId === deploymentId)).toHaveLength(2);
  guest.close();
});

test('faults: stallUploads holds PUTs unanswered until it is turned off; then they complete', async () => {
  const guest = await Guest.open(base, await ownDeployment());
  await api('faults', { kind: 'stallUploads', on: true, deploymentId });
  const id = randomUUID();
  const grant = await guest.presign(id, 'label.pdf', 'application/pdf', pdf.length);
  let answered = false;
  const putting = put(grant, pdf, 'application/pdf').then((response) => ((answered = true), response.status));
  await expect(guest.next('UploadSuccessEvent', () => true, 1500)).rejects.toThrow();
  expect(answered).toBe(false);
  expect((await sessionOf()).files).toEqual([]);
  await api('faults', { kind: 'stallUploads', on: false, deploymentId });
  expect(await putting).toBe(200);
  expect((await guest.next('UploadSuccessEvent')).body.attachmentId).toBe(id);
  const log = await api<Array<{ kind: string; on?: boolean; deploymentId?: string }>>('faults');
  expect(log.filter((fault) => fault.deploymentId === deploymentId).map(({ kind, on }) => ({ kind, on }))).toEqual([
    { kind: 'stall-uploads', on: true },
    { kind: 'stall-uploads', on: false },
  ]);
  guest.close();
});

test('faults: expireDownloadUrls voids every download address at once; getAttachment then gives a working one', async () => {
  const guest = await Guest.open(base, await ownDeployment());
  const id = randomUUID();
  const success = await guest.upload(id, 'receipt.png', 'image/png', png);
  guest.sendMessage('', [id]);
  const echo = await guest.next('StructuredMessage', (frame) => frame.body.direction === 'Inbound');
  const echoed = (echo.body.content as Array<{ attachment: { url: string } }>)[0]!.attachment.url;
  await downloaded(echoed);
  await api('faults', { kind: 'expireDownloadUrls', deploymentId });
  for (const url of [success.body.downloadUrl, echoed]) expect((await fetch(String(url))).status).toBe(403);
  guest.send({ action: 'getAttachment', attachmentId: id });
  const fresh = await guest.next('PresignedUrlResponse');
  expect(fresh.body).toMatchObject({ attachmentId: id, headers: {}, fileName: 'receipt.png', fileType: 'image/png', fileSize: png.length });
  expect((await downloaded(fresh.body.url)).equals(png)).toBe(true);
  guest.close();
});

test("a short attachmentUrlSeconds makes the visitor's own download address expire; getAttachment renews it", async () => {
  const guest = await Guest.open(base, await ownDeployment({ attachmentUrlSeconds: 1 }));
  const id = randomUUID();
  const success = await guest.upload(id, 'label.pdf', 'application/pdf', pdf);
  await expect.poll(async () => (await fetch(String(success.body.downloadUrl))).status).toBe(403);
  guest.send({ action: 'getAttachment', attachmentId: id });
  expect((await downloaded((await guest.next('PresignedUrlResponse')).body.url)).equals(pdf)).toBe(true);
  guest.close();
});

test('the agent sends a file (admin route): the guest gets one Outbound message carrying it', async () => {
  const guest = await Guest.open(base, await ownDeployment());
  const { id } = await sessionOf();
  const sendFile = (query: string) => fetch(`${base}/emulator/sessions/${id}/file?${query}`, { method: 'POST', body: new Uint8Array(pdf) });
  const response = await sendFile(`name=return-label.pdf&type=application/pdf&text=${encodeURIComponent('Your label')}`);
  expect(response.status).toBe(201);
  const { attachmentId } = (await response.json()) as { attachmentId: string };
  const message = await guest.next('StructuredMessage', (frame) => frame.body.direction === 'Outbound');
  expect(message.body).toMatchObject({ type: 'Text', text: 'Your label', originatingEntity: 'Human' });
  const [item] = message.body.content as Array<{ contentType: string; attachment: Record<string, unknown> }>;
  expect(item).toEqual({
    contentType: 'Attachment',
    attachment: { id: attachmentId, url: expect.any(String), filename: 'return-label.pdf', mediaType: 'File', mime: 'application/pdf', fileSize: pdf.length },
  });
  expect((await downloaded(item!.attachment.url)).equals(pdf)).toBe(true);
  guest.send({ action: 'getAttachment', attachmentId });
  expect((await downloaded((await guest.next('PresignedUrlResponse')).body.url)).equals(pdf)).toBe(true);
  expect((await sessionOf()).files).toEqual([{ id: attachmentId, name: 'return-label.pdf', mime: 'application/pdf', size: pdf.length, state: 'sent', uploads: 0, from: 'agent' }]);
  expect((await sendFile('name=a/b.pdf&type=application/pdf')).status).toBe(400);
  expect((await sendFile('name=b.pdf')).status).toBe(400);
  guest.close();
});

test("the agent console shows the visitor's files, names as text, and sends one with Attach file", async ({ page }) => {
  const guest = await Guest.open(base, await ownDeployment());
  const image = randomUUID();
  const document = randomUUID();
  await guest.upload(image, 'receipt.png', 'image/png', png);
  await guest.upload(document, '<i onmouseover=x>notes.pdf', 'application/pdf', pdf);
  guest.sendMessage('two files', [image, document]);
  await guest.next('StructuredMessage');
  const { id } = await sessionOf();

  await page.goto(`${base}/agent/`);
  await page.getByRole('button', { name: new RegExp(`Visitor ${id.slice(0, 8)}`) }).click();
  const thumbnail = page.getByRole('link').filter({ has: page.getByRole('img', { name: 'receipt.png' }) });
  await expect(thumbnail).toHaveAttribute('target', '_blank');
  await expect(thumbnail).toHaveAttribute('rel', 'noopener noreferrer');
  expect((await downloaded(await thumbnail.getAttribute('href'))).equals(png)).toBe(true);
  const chip = page.getByRole('link', { name: /notes\.pdf/ });
  await expect(chip).toContainText('<i onmouseover=x>notes.pdf');
  await expect(chip).toContainText('application/pdf');
  await expect(chip).toContainText(`${pdf.length} B`);
  await expect(chip).toHaveAttribute('rel', 'noopener noreferrer');
  await expect(page.locator('agent-console i')).toHaveCount(0);

  await page.getByLabel('Attach file').setInputFiles({ name: 'map.png', mimeType: 'image/png', buffer: png });
  const sent = await guest.next('StructuredMessage', (frame) => frame.body.direction === 'Outbound');
  const [item] = sent.body.content as Array<{ attachment: { filename: string; url: string } }>;
  expect(item!.attachment.filename).toBe('map.png');
  expect((await downloaded(item!.attachment.url)).equals(png)).toBe(true);
  await expect(page.getByRole('img', { name: 'map.png' })).toBeVisible();
  guest.close();
});

test('the memory for files is capped: an upload past it is refused (4002) and not stored; a reset lets stalled uploads complete', async () => {
  const capped = await privateServer({ maxStoredFileBytes: 1000 });
  try {
    const cappedBase = `http://localhost:${capped.port}`;
    const guest = await Guest.open(cappedBase, 'capped');
    const kept = randomUUID();
    expect((await guest.upload(kept, 'a.png', 'image/png', png.subarray(0, 600))).class).toBe('UploadSuccessEvent');
    const refused = randomUUID();
    expect((await guest.upload(refused, 'b.png', 'image/png', png.subarray(0, 600))).body).toMatchObject({ attachmentId: refused, errorCode: 4002 });
    // Replacing a file's own bytes needs no more room than the difference.
    expect((await guest.upload(kept, 'a.png', 'image/png', png.subarray(0, 900))).class).toBe('UploadSuccessEvent');
    const [session] = capped.emulator.sessions();
    expect(session!.files.map(({ id, size, uploads }) => ({ id, size, uploads }))).toEqual([{ id: kept, size: 900, uploads: 2 }]);
    expect((await fetch(`${cappedBase}/emulator/sessions/${session!.id}/file?name=big.pdf&type=application/pdf`, { method: 'POST', body: new Uint8Array(pdf) })).status).toBe(201);
    expect((await fetch(`${cappedBase}/emulator/sessions/${session!.id}/file?name=big.pdf&type=application/pdf`, { method: 'POST', body: new Uint8Array(600) })).status).toBe(507);

    capped.emulator.faults.stallUploads(true);
    const stalled = randomUUID();
    const grant = await guest.presign(stalled, 'c.png', 'image/png', 10);
    const putting = put(grant, png.subarray(0, 10), 'image/png');
    await expect(guest.next('UploadSuccessEvent', () => true, 500)).rejects.toThrow();
    expect((await fetch(`${cappedBase}/emulator/reset`, { method: 'POST', body: '{}' })).status).toBe(200);
    expect((await putting).status).toBe(200);
    expect(capped.emulator.schemaViolations).toEqual([]);
  } finally {
    await capped.close();
  }
});
