import { randomUUID } from 'node:crypto';
import { expect, test } from './helpers.js';
import { downloaded, Guest, ownEmulator, pdf, png, privateServer, put } from './guest-socket.js';

// The emulator's uploads from the browser's side (CORS), the agent's files, the faults and the memory cap, over a raw socket.
const emulator = ownEmulator();

test('a browser on another origin may PUT: the preflight is answered for the granted headers only', async ({ page }) => {
  const guest = await Guest.open(emulator.base, await emulator.ownDeployment());
  const id = randomUUID();
  const grant = await guest.presign(id, 'receipt.png', 'image/png', png.length);
  const origin = `http://www.shop.localhost:${emulator.server.port}`;
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
  const guest = await Guest.open(emulator.base, await emulator.ownDeployment());
  await emulator.api('faults', { kind: 'failNextUpload', count: 1, deploymentId: emulator.deploymentId });
  const id = randomUUID();
  expect((await guest.upload(id, 'label.pdf', 'application/pdf', pdf)).body).toMatchObject({ attachmentId: id, errorCode: 4003 });
  expect((await emulator.sessionOf()).files.map(({ state, uploads }) => ({ state, uploads }))).toEqual([{ state: 'failed', uploads: 1 }]);
  expect((await guest.upload(id, 'label.pdf', 'application/pdf', pdf)).class).toBe('UploadSuccessEvent');
  expect((await emulator.sessionOf()).files.map(({ state, uploads }) => ({ state, uploads }))).toEqual([{ state: 'uploaded', uploads: 2 }]);
  await emulator.api('faults', { kind: 'fail-next-upload', count: 1, errorCode: 4002, deploymentId: emulator.deploymentId });
  expect((await guest.upload(randomUUID(), 'other.pdf', 'application/pdf', pdf)).body).toMatchObject({ errorCode: 4002 });
  const log = await emulator.api<Array<{ kind: string; deploymentId?: string }>>('faults');
  expect(log.filter((fault) => fault.kind === 'fail-next-upload' && fault.deploymentId === emulator.deploymentId)).toHaveLength(2);
  guest.close();
});

test('faults: stallUploads holds PUTs unanswered until it is turned off; then they complete', async () => {
  const guest = await Guest.open(emulator.base, await emulator.ownDeployment());
  await emulator.api('faults', { kind: 'stallUploads', on: true, deploymentId: emulator.deploymentId });
  const id = randomUUID();
  const grant = await guest.presign(id, 'label.pdf', 'application/pdf', pdf.length);
  let answered = false;
  const putting = put(grant, pdf, 'application/pdf').then((response) => ((answered = true), response.status));
  await expect(guest.next('UploadSuccessEvent', () => true, 1500)).rejects.toThrow();
  expect(answered).toBe(false);
  expect((await emulator.sessionOf()).files).toEqual([]);
  await emulator.api('faults', { kind: 'stallUploads', on: false, deploymentId: emulator.deploymentId });
  expect(await putting).toBe(200);
  expect((await guest.next('UploadSuccessEvent')).body.attachmentId).toBe(id);
  const log = await emulator.api<Array<{ kind: string; on?: boolean; deploymentId?: string }>>('faults');
  expect(log.filter((fault) => fault.deploymentId === emulator.deploymentId).map(({ kind, on }) => ({ kind, on }))).toEqual([
    { kind: 'stall-uploads', on: true },
    { kind: 'stall-uploads', on: false },
  ]);
  guest.close();
});

test('faults: expireDownloadUrls voids every download address at once; getAttachment then gives a working one', async () => {
  const guest = await Guest.open(emulator.base, await emulator.ownDeployment());
  const id = randomUUID();
  const success = await guest.upload(id, 'receipt.png', 'image/png', png);
  guest.sendMessage('', [id]);
  const echo = await guest.next('StructuredMessage', (frame) => frame.body.direction === 'Inbound');
  const echoed = (echo.body.content as Array<{ attachment: { url: string } }>)[0]!.attachment.url;
  await downloaded(echoed);
  await emulator.api('faults', { kind: 'expireDownloadUrls', deploymentId: emulator.deploymentId });
  for (const url of [success.body.downloadUrl, echoed]) expect((await fetch(String(url))).status).toBe(403);
  guest.send({ action: 'getAttachment', attachmentId: id });
  const fresh = await guest.next('PresignedUrlResponse');
  expect(fresh.body).toMatchObject({ attachmentId: id, headers: {}, fileName: 'receipt.png', fileType: 'image/png', fileSize: png.length });
  expect((await downloaded(fresh.body.url)).equals(png)).toBe(true);
  guest.close();
});

test("a short attachmentUrlSeconds makes the visitor's own download address expire; getAttachment renews it", async () => {
  const guest = await Guest.open(emulator.base, await emulator.ownDeployment({ attachmentUrlSeconds: 1 }));
  const id = randomUUID();
  const success = await guest.upload(id, 'label.pdf', 'application/pdf', pdf);
  await expect.poll(async () => (await fetch(String(success.body.downloadUrl))).status).toBe(403);
  guest.send({ action: 'getAttachment', attachmentId: id });
  expect((await downloaded((await guest.next('PresignedUrlResponse')).body.url)).equals(pdf)).toBe(true);
  guest.close();
});

test('the agent sends a file (admin route): the guest gets one Outbound message carrying it', async () => {
  const guest = await Guest.open(emulator.base, await emulator.ownDeployment());
  const { id } = await emulator.sessionOf();
  const sendFile = (query: string) => fetch(`${emulator.base}/emulator/sessions/${id}/file?${query}`, { method: 'POST', body: new Uint8Array(pdf) });
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
  expect((await emulator.sessionOf()).files).toEqual([{ id: attachmentId, name: 'return-label.pdf', mime: 'application/pdf', size: pdf.length, state: 'sent', uploads: 0, from: 'agent' }]);
  expect((await sendFile('name=a/b.pdf&type=application/pdf')).status).toBe(400);
  expect((await sendFile('name=b.pdf')).status).toBe(400);
  guest.close();
});

test("the agent console shows the visitor's files, names as text, and sends one with Attach file", async ({ page }) => {
  const guest = await Guest.open(emulator.base, await emulator.ownDeployment());
  const image = randomUUID();
  const document = randomUUID();
  await guest.upload(image, 'receipt.png', 'image/png', png);
  await guest.upload(document, '<i onmouseover=x>notes.pdf', 'application/pdf', pdf);
  guest.sendMessage('two files', [image, document]);
  await guest.next('StructuredMessage');
  const { id } = await emulator.sessionOf();

  await page.goto(`${emulator.base}/agent/`);
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
