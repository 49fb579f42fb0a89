import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { expect, test } from './helpers.js';
import { downloaded, Guest, ownEmulator, pdf, png, put } from './guest-socket.js';

// The emulator's upload flow, spoken over a raw socket (see `guest-socket.ts`): the way a file takes, and the checks on it.
const emulator = ownEmulator();

test('a file goes up, is sent in a message, and comes back in the echo, history and the admin listing', async () => {
  const guest = await Guest.open(emulator.base, await emulator.ownDeployment());
  const id = randomUUID();
  const grant = await guest.presign(id, 'receipt.png', 'image/png', png.length);
  expect(grant).toMatchObject({ type: 'response', class: 'PresignedUrlResponse', code: 200, body: { attachmentId: id, fileName: 'receipt.png', fileType: 'image/png', fileSize: png.length } });
  expect(grant.tracingId).toBeUndefined();
  expect(grant.body.url).toMatch(new RegExp(`^${emulator.base}/emulator/uploads/${id}\\?X-Amz-Date=\\d{8}T\\d{6}Z&X-Amz-Expires=600&X-Amz-Signature=[0-9a-f]{64}$`));
  expect((grant.body.headers as Record<string, string>)['x-amz-tagging']).toMatch(/^organizationId=[0-9a-f-]{36}&originPlatform=PureCloud&role=darth&owner=Dev-CloudAppsDarth$/);

  expect((await put(grant, png, 'image/png')).status).toBe(200);
  const success = await guest.next('UploadSuccessEvent');
  expect(success).toMatchObject({ type: 'message', code: 200, body: { attachmentId: id, timestamp: expect.any(String) } });
  expect((await downloaded(success.body.downloadUrl)).equals(png)).toBe(true);
  expect((await emulator.sessionOf()).files).toEqual([{ id, name: 'receipt.png', mime: 'image/png', size: png.length, state: 'uploaded', uploads: 1, from: 'visitor' }]);

  const tracingId = guest.sendMessage('', [id]);
  const echo = await guest.next('StructuredMessage', (frame) => frame.body.direction === 'Inbound');
  expect(echo.tracingId).toBe(tracingId);
  const [item] = echo.body.content as Array<{ contentType: string; attachment: Record<string, unknown> }>;
  expect(item).toEqual({ contentType: 'Attachment', attachment: { id, url: expect.stringMatching(/^http:/), filename: 'receipt.png', mediaType: 'Image', mime: 'image/png', fileSize: png.length } });
  expect((await downloaded(item!.attachment.url)).equals(png)).toBe(true);

  guest.send({ action: 'getJwt' });
  const { jwt } = (await guest.next('JwtResponse')).body as { jwt: string };
  const historyResponse = await fetch(`${emulator.base}/api/v2/webmessaging/messages`, { headers: { Authorization: `Bearer ${jwt}` } });
  const history = (await historyResponse.json()) as { entities: Array<{ direction: string; content: Array<{ attachment: { id: string; url: string } }> }> };
  expect(history.entities).toHaveLength(1);
  expect(history.entities[0]!.direction).toBe('Inbound');
  expect(history.entities[0]!.content[0]!.attachment.id).toBe(id);
  expect((await downloaded(history.entities[0]!.content[0]!.attachment.url)).equals(png)).toBe(true);

  const held = await emulator.sessionOf();
  expect(held.files).toEqual([{ id, name: 'receipt.png', mime: 'image/png', size: png.length, state: 'sent', uploads: 1, from: 'visitor' }]);
  expect(held.messages).toHaveLength(1);
  expect(held.messages[0]!.attachments).toEqual([{ id, name: 'receipt.png', mime: 'image/png', mediaType: 'Image', size: png.length, url: expect.stringMatching(/^http:/) }]);

  // Sent: no longer deletable, and never granted again.
  guest.send({ action: 'deleteAttachment', attachmentId: id });
  expect(await guest.next('string')).toMatchObject({ code: 4000, body: expect.stringContaining('must not have been sent') });
  expect((await guest.presign(id, 'other.png', 'image/png', png.length)).body).toMatchObject({ attachmentId: id, errorCode: 4000 });
  expect((await emulator.sessionOf()).files).toHaveLength(1);
  guest.close();
});

test('uploads the profile does not allow are refused before any PUT (4001, 4002, 4004, 4005)', async () => {
  const guest = await Guest.open(emulator.base, await emulator.ownDeployment());
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
  expect((await emulator.sessionOf()).files).toEqual([]);
  guest.close();

  const off = await Guest.open(emulator.base, await emulator.ownDeployment({ attachments: false }));
  expect((await off.presign(randomUUID(), 'receipt.png', 'image/png', png.length)).body).toMatchObject({ errorCode: 4001, errorMessage: expect.stringContaining('not enabled') });
  off.close();
});

test('a PUT that is not exactly what was granted is refused, and stores nothing', async () => {
  const guest = await Guest.open(emulator.base, await emulator.ownDeployment());
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
  expect((await emulator.sessionOf()).files).toEqual([]);
  await expect(guest.next('UploadSuccessEvent', () => true, 300)).rejects.toThrow();
  // The right PUT still works.
  expect((await put(grant, pdf, 'application/pdf')).status).toBe(200);
  await guest.next('UploadSuccessEvent');
  expect((await emulator.sessionOf()).files.map(({ state, uploads }) => ({ state, uploads }))).toEqual([{ state: 'uploaded', uploads: 1 }]);
  guest.close();
});

test('content that is not what its type says is taken by the PUT, then refused (4003), and cannot be sent', async () => {
  const guest = await Guest.open(emulator.base, await emulator.ownDeployment());
  const id = randomUUID();
  const outcome = await guest.upload(id, 'photo.png', 'image/png', Buffer.from('MZ this is not a picture'));
  expect(outcome).toMatchObject({ type: 'message', class: 'UploadFailureEvent', body: { attachmentId: id, errorCode: 4003 } });
  guest.sendMessage('see this', [id]);
  expect(await guest.next('string')).toMatchObject({ code: 4010, body: 'Attachment not successfully uploaded' });
  guest.send({ action: 'getAttachment', attachmentId: id });
  expect((await guest.next('GenerateUrlError')).body).toMatchObject({ attachmentId: id, errorCode: 4009 });
  const held = await emulator.sessionOf();
  expect(held.messages).toEqual([]);
  expect(held.files.map(({ state }) => state)).toEqual(['failed']);
  guest.close();
});

test('a message naming a file never uploaded (or only presigned) is refused with 4010, and nothing is stored', async () => {
  const guest = await Guest.open(emulator.base, await emulator.ownDeployment());
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
  const held = await emulator.sessionOf();
  expect(held.messages).toEqual([]);
  expect(held.files.map(({ id, state }) => ({ id, state }))).toEqual([{ id: uploaded, state: 'uploaded' }]);
  guest.close();
});

test('the same id presigned again before it is sent (a new owner tab) replaces the bytes: one file, two uploads', async () => {
  const first = await Guest.open(emulator.base, await emulator.ownDeployment());
  const second = await Guest.open(emulator.base, emulator.deploymentId, first.token);
  const id = randomUUID();
  await first.upload(id, 'label.pdf', 'application/pdf', pdf);
  const replacement = Buffer.concat([pdf, Buffer.from('% resumed\n')]);
  expect((await second.upload(id, 'label.pdf', 'application/pdf', replacement)).class).toBe('UploadSuccessEvent');
  // Every connection of the session hears each outcome.
  await first.next('UploadSuccessEvent');
  expect((await emulator.sessionOf()).files).toEqual([{ id, name: 'label.pdf', mime: 'application/pdf', size: replacement.length, state: 'uploaded', uploads: 2, from: 'visitor' }]);
  second.sendMessage('the label', [id]);
  const echo = await first.next('StructuredMessage', (frame) => frame.body.direction === 'Inbound');
  const [item] = echo.body.content as Array<{ attachment: { url: string } }>;
  expect((await downloaded(item!.attachment.url)).equals(replacement)).toBe(true);

  // Another session can neither take the id, nor delete, refresh or send it.
  const stranger = await Guest.open(emulator.base, emulator.deploymentId);
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
  const guest = await Guest.open(emulator.base, await emulator.ownDeployment());
  const id = randomUUID();
  await guest.upload(id, 'label.pdf', 'application/pdf', pdf);
  guest.send({ action: 'deleteAttachment', attachmentId: id });
  expect(await guest.next('AttachmentDeletedResponse')).toMatchObject({ type: 'message', code: 200, body: { attachmentId: id } });
  expect((await emulator.sessionOf()).files).toEqual([]);
  guest.send({ action: 'getAttachment', attachmentId: id });
  expect((await guest.next('GenerateUrlError')).body).toMatchObject({ attachmentId: id, errorCode: 4009, name: 'GenerateUrlError' });
  guest.sendMessage('', [id]);
  expect(await guest.next('string')).toMatchObject({ code: 4010 });
  guest.send({ action: 'deleteAttachment', attachmentId: randomUUID() });
  expect(await guest.next('string')).toMatchObject({ code: 4009 });
  guest.close();
});

