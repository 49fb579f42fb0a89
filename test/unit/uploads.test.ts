import { expect } from '@open-wc/testing';
import { sendingMessageOf } from '../../src/base/outbox-entry.js';
import { cacheOf } from '../../src/conversation/conversation-persistence.js';
import { recogniseSent } from '../../src/conversation/history-claims.js';
import { decodeCache, encodeCache } from '../../src/storage/session-record.js';
import { mimeOf, refusalOf, typeMatches } from '../../src/uploads/file-profile.js';
import { readFileProfile } from '../../src/uploads/read-file-profile.js';
import { isOutgoingFile } from '../../src/uploads/outgoing-file-check.js';
import { UploadProgress } from '../../src/uploads/upload-progress.js';

const withAttachments = { messenger: { fileUpload: { enableAttachments: true } } };
const session = {
  connected: true,
  allowedMedia: { inbound: { fileTypes: [{ type: 'image/*' }, { type: 'application/pdf' }], maxFileSizeKB: 10240 } },
  blockedExtensions: ['.exe', '.bat'],
};

describe('the attachment profile', () => {
  it('comes from the SessionResponse when the configuration has fileUpload.enableAttachments', () => {
    expect(readFileProfile(withAttachments, session)).to.deep.equal({ types: ['image/*', 'application/pdf'], maxKB: 10240, blocked: ['.exe', '.bat'] });
  });

  it('comes from the legacy fileUpload.modes otherwise: the types of every mode, the size of the first', () => {
    const config = { messenger: { fileUpload: { modes: [{ fileTypes: ['image/png'], maxFileSizeKB: 100 }, { fileTypes: ['application/pdf'], maxFileSizeKB: 9999 }] } } };
    expect(readFileProfile(config, session)).to.deep.equal({ types: ['image/png', 'application/pdf'], maxKB: 100, blocked: [] });
  });

  it('is off without types, without a size, or with an empty inbound profile, as the official SDK decides', () => {
    expect(readFileProfile(withAttachments, { ...session, allowedMedia: {} })).to.equal(undefined);
    expect(readFileProfile(withAttachments, { ...session, allowedMedia: { inbound: {} } })).to.equal(undefined);
    expect(readFileProfile(withAttachments, { ...session, allowedMedia: { inbound: { fileTypes: [{ type: 'image/png' }], maxFileSizeKB: 0 } } })).to.equal(undefined);
    expect(readFileProfile({ messenger: {} }, session)).to.equal(undefined);
    expect(readFileProfile('not a configuration', 42)).to.equal(undefined);
  });
});

describe('checking a file before it is uploaded', () => {
  const profile = readFileProfile(withAttachments, session)!;
  const file = (name: string, size: number, mime: string) => ({ name, size, mime });

  it('takes what the profile allows, wildcards included', () => {
    expect(refusalOf(file('boot.jpg', 48_213, 'image/jpeg'), profile)).to.equal(undefined);
    expect(refusalOf(file('receipt.pdf', 10_240_999, 'application/pdf'), profile)).to.equal(undefined);
  });

  it('refuses by type, size (1000-byte KB, as the service counts), extension (exactly as listed), emptiness, and when files are off', () => {
    expect(refusalOf(file('notes.txt', 10, 'text/plain'), profile)).to.deep.equal({ kind: 'type', type: 'text/plain' });
    expect(refusalOf(file('big.pdf', 10_241_000, 'application/pdf'), profile)).to.deep.equal({ kind: 'size', maxKB: 10240 });
    expect(refusalOf(file('setup.exe', 10, 'image/png'), profile)).to.deep.equal({ kind: 'extension', extension: '.exe' });
    expect(refusalOf(file('SETUP.EXE', 10, 'image/png'), profile)).to.equal(undefined);
    expect(refusalOf(file('empty.png', 0, 'image/png'), profile)).to.deep.equal({ kind: 'empty' });
    expect(refusalOf(file('boot.jpg', 10, 'image/jpeg'), null)).to.deep.equal({ kind: 'off' });
  });

  it('matches types as the Java SDK does', () => {
    expect(typeMatches('*/*', 'application/zip')).to.equal(true);
    expect(typeMatches('*/*', 'nonsense')).to.equal(false);
    expect(typeMatches('image/*', 'IMAGE/PNG')).to.equal(true);
    expect(typeMatches('image/png', 'image/jpeg')).to.equal(false);
    expect(typeMatches('application/*+json', 'application/ld+json')).to.equal(true);
  });

  it('types a file the browser could not type from its extension', () => {
    expect(mimeOf('receipt.PDF', '')).to.equal('application/pdf');
    expect(mimeOf('voice.opus', '')).to.equal('audio/ogg');
    expect(mimeOf('noextension', '')).to.equal('application/octet-stream');
    expect(mimeOf('photo.png', 'image/webp')).to.equal('image/webp');
  });
});

describe('a file in the outbox', () => {
  const blob = new Blob(['%PDF-1.4'], { type: 'application/pdf' });
  const entry = { clientId: 'c1', text: 'my receipt', files: [{ id: 'a1', name: 'receipt.pdf', size: blob.size, mime: 'application/pdf', blob, kept: 'shelf' }] };

  it('shows as a sending message whose file is uploading', () => {
    const message = sendingMessageOf(entry);
    expect(message).to.include({ clientId: 'c1', text: 'my receipt', delivery: 'sending' });
    expect(message.attachments).to.deep.equal([{ id: 'a1', name: 'receipt.pdf', size: blob.size, mime: 'application/pdf', mediaType: 'File', state: 'uploading' }]);
  });

  it('is cached without the file itself (a Blob has no JSON), and read back', () => {
    const cache = decodeCache(encodeCache(cacheOf([], [entry], '', { lastReadId: undefined, sentAttributes: undefined })))!;
    expect(cache.outbox[0]!.files).to.deep.equal([{ id: 'a1', name: 'receipt.pdf', size: blob.size, mime: 'application/pdf', kept: 'shelf' }]);
  });

  it('is checked field by field where it is used: a tampered one is told apart', () => {
    expect(isOutgoingFile(entry.files[0])).to.equal(true);
    expect(isOutgoingFile({ ...entry.files[0], blob: {} })).to.equal(false);
    expect(isOutgoingFile({ ...entry.files[0], size: '12' })).to.equal(false);
    expect(isOutgoingFile(null)).to.equal(false);
  });

  it('does not break the transcript when a tampered store gives it no type', () => {
    const message = sendingMessageOf({ clientId: 'c2', text: '', files: [{ id: 'a2', name: 'x', size: 1, mime: undefined as unknown as string }] });
    expect(message.attachments?.[0]?.mediaType).to.equal('File');
  });
});

describe('upload progress', () => {
  it('reaches the other tabs of the origin', async () => {
    const here = new UploadProgress();
    const there = new UploadProgress();
    const heard = new Promise<number>((resolve) => there.listen((id, fraction) => id === 'u1' && resolve(fraction)));
    here.set('u1', 0.5);
    expect(await heard).to.equal(0.5);
    expect(there.get('u1')).to.equal(0.5);
  });

  it('ignores what is not an id and a number', async () => {
    const there = new UploadProgress();
    let heard = 0;
    there.listen(() => heard++);
    const channel = new BroadcastChannel('persistent-chat:uploads');
    channel.postMessage({ id: 'u2', fraction: 'half' });
    channel.postMessage({ id: { toString: 1 }, fraction: 1 });
    channel.postMessage('<img src=x onerror=alert(1)>');
    await new Promise((resolve) => setTimeout(resolve, 100));
    channel.close();
    expect(heard).to.equal(0);
  });
});

describe('a message with files whose echo was lost', () => {
  const files = [{ id: 'att-1', name: 'a.png', size: 10, mime: 'image/png' }];
  const inHistory = (id: string, text: string, attachmentIds: string[]) => ({
    kind: 'message' as const,
    message: { id, author: 'visitor' as const, text, time: '2020-01-01T00:00:00.000Z', delivery: 'sent' as const, attachments: attachmentIds.map((each) => ({ id: each, name: 'a.png', mediaType: 'Image' as const, state: 'sent' as const, url: 'https://files.example/a.png' })) },
  });

  it('is recognised in history by its attachment ids, whatever the clocks say, and is not sent again', () => {
    const pending = [{ clientId: 'c1', text: '', writtenAt: Date.now(), files }];
    const [event] = recogniseSent([inHistory('server-1', '', ['att-1'])], pending, () => false);
    expect(event?.kind === 'message' && event.message.clientId).to.equal('c1');
  });

  it('is not taken for another message that says the same with other files, or none', () => {
    const pending = [{ clientId: 'c1', text: 'see', writtenAt: Date.now(), files }];
    const events = recogniseSent([inHistory('server-1', 'see', ['att-2']), inHistory('server-2', 'see', [])], pending, () => false);
    expect(events.map((event) => event.kind === 'message' && event.message.clientId)).to.deep.equal([undefined, undefined]);
  });
});
