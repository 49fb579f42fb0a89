import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { ChatMessage } from '../../src/base/chat-message.js';
import type { PersistentChat } from '../../src/components/persistent-chat/persistent-chat.js';
import { faults, sessionOf, socketUrlFor, uniqueDeploymentId } from './helpers/emulator.js';

const shadow = (element: PersistentChat) => element.shadowRoot!;
const png = (name: string) => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4])], name, { type: 'image/png' });
const pdf = (name: string, size = 64) => new File(['%PDF-1.4\n'.padEnd(size, ' ')], name, { type: 'application/pdf' });

async function openWidget(attributes = ''): Promise<{ element: PersistentChat; deploymentId: string }> {
  const deploymentId = uniqueDeploymentId();
  const element = await fixture<PersistentChat>(html`<persistent-chat deployment-id=${deploymentId} endpoint=${socketUrlFor(deploymentId)} uploads=${attributes || 'auto'}></persistent-chat>`);
  element.open();
  await element.updateComplete;
  await waitUntil(() => shadow(element).querySelector('textarea'), 'the panel');
  return { element, deploymentId };
}

/** Chooses files as the attach button's file input would. */
async function choose(element: PersistentChat, files: File[]): Promise<void> {
  const input = shadow(element).querySelector<HTMLInputElement>('input[type="file"]')!;
  const data = new DataTransfer();
  for (const file of files) data.items.add(file);
  const before = shadow(element).querySelectorAll('[part~="staged-file"]').length;
  input.files = data.files;
  input.dispatchEvent(new Event('change'));
  // Staged once the files' code is here (fetched with the first file).
  await waitUntil(() => shadow(element).querySelectorAll('[part~="staged-file"]').length === before + files.length, 'the files staged');
}

describe('sending files', () => {
  afterEach(() => localStorage.clear());

  it('sendFile() resolves with the acknowledged message, its attachment on the server; chat-message carries it', async () => {
    const { element, deploymentId } = await openWidget();
    const heard = new Promise<ChatMessage>((resolve) => element.addEventListener('chat-message', (event) => (event as CustomEvent<{ message: ChatMessage }>).detail.message.author === 'visitor' && resolve((event as CustomEvent<{ message: ChatMessage }>).detail.message)));
    const message = await element.sendFile(pdf('receipt.pdf'), { text: 'My receipt' });
    expect(message.delivery).to.equal('sent');
    expect(message.text).to.equal('My receipt');
    expect(message.attachments).to.have.length(1);
    expect(message.attachments![0]).to.include({ name: 'receipt.pdf', mediaType: 'File', mime: 'application/pdf', state: 'sent' });
    expect(message.attachments![0]!.url).to.match(/^http:\/\/.*\/emulator\/files\//);
    expect((await heard).attachments?.[0]?.name).to.equal('receipt.pdf');
    const session = await sessionOf(deploymentId);
    expect(session.files.map(({ name, state, uploads }) => ({ name, state, uploads }))).to.deep.equal([{ name: 'receipt.pdf', state: 'sent', uploads: 1 }]);
    element.remove();
  });

  it('sendFile() refuses clearly what cannot be sent, and sends nothing', async () => {
    const { element, deploymentId } = await openWidget();
    await element.send('Hello');
    const refused = async (call: () => Promise<unknown>): Promise<Error> => call().then(() => new Error('resolved'), (error: Error) => error);
    expect(await refused(() => element.sendFile('not a file' as unknown as File))).to.be.instanceOf(TypeError);
    expect(await refused(() => element.sendFile(pdf('a.pdf'), { text: 42 as unknown as string }))).to.be.instanceOf(TypeError);
    const wrongType = await refused(() => element.sendFile(new File(['x'], 'notes.txt', { type: 'text/plain' })));
    expect(wrongType).to.be.instanceOf(TypeError);
    expect(wrongType.message).to.contain('notes.txt');
    expect(await refused(() => element.sendFile(pdf('big.pdf', 10_241_000)))).to.be.instanceOf(RangeError);
    expect(await refused(() => element.sendFile(new File([''], 'empty.pdf', { type: 'application/pdf' })))).to.be.instanceOf(TypeError);
    const aborted = await refused(() => element.sendFile(pdf('a.pdf'), { signal: AbortSignal.abort() }));
    expect(aborted.name).to.equal('AbortError');
    expect((await sessionOf(deploymentId)).files).to.deep.equal([]);
    element.remove();
  });

  it('with uploads="off" there is no attach button and sendFile() refuses', async () => {
    const { element } = await openWidget('off');
    expect(shadow(element).querySelector('[part~="attach-button"]')).to.equal(null);
    const error = await element.sendFile(pdf('a.pdf')).catch((caught: Error) => caught);
    expect(error).to.be.instanceOf(TypeError);
    element.remove();
  });

  it('cancelling an upload through the signal leaves the message not sent, and nothing on the server', async () => {
    const { element, deploymentId } = await openWidget();
    await element.send('Hello');
    await faults.stallUploads(deploymentId, true);
    const controller = new AbortController();
    const sending = element.sendFile(pdf('slow.pdf', 50_000), { text: 'Slow one', signal: controller.signal });
    await waitUntil(() => shadow(element).querySelector('[part~="upload-attachment"] progress'), 'the upload under way');
    controller.abort();
    const outcome = await sending.then(() => undefined, (error: Error) => error);
    expect(outcome?.name).to.equal('AbortError');
    await faults.stallUploads(deploymentId, false);
    await waitUntil(() => shadow(element).querySelector('[data-delivery="failed"]'), 'the message not sent');
    // Whatever the held upload left on the server, no message carries it: a message written after it has been answered.
    expect((await element.send('After the cancel')).delivery).to.equal('sent');
    const session = await sessionOf(deploymentId);
    expect(session.messages.map((message) => message.text)).to.deep.equal(['Hello', 'After the cancel']);
    expect(session.files.filter(({ state }) => state === 'sent')).to.deep.equal([]);
    expect(shadow(element).querySelector('[data-delivery="failed"]')).to.not.equal(null);
    element.remove();
  });
});

describe('files in the panel: accessibility and keyboard', () => {
  afterEach(() => localStorage.clear());

  it('has no violations with chosen files (one refused), nor with the drop target showing', async () => {
    const { element } = await openWidget();
    await waitUntil(() => element.shadowRoot!.querySelector('.status[data-state="connected"]'), 'connected');
    await choose(element, [png('photo.png'), new File(['MZ'], 'setup.exe', { type: 'application/octet-stream' })]);
    await waitUntil(() => shadow(element).querySelector('[part~="file-refusal"]'), 'the refusal');
    expect(shadow(element).querySelectorAll('[part~="staged-file"]')).to.have.length(2);
    await expect(element).to.be.accessible();
    const data = new DataTransfer();
    data.items.add(png('dragged.png'));
    shadow(element).querySelector('[part~="panel"]')!.dispatchEvent(new DragEvent('dragenter', { bubbles: true, cancelable: true, dataTransfer: data }));
    await element.updateComplete;
    expect(shadow(element).querySelector('[part~="drop-target"]')).to.not.equal(null);
    await expect(element).to.be.accessible();
    element.remove();
  });

  it('has no violations while a file uploads, with its progress bar and cancel button; Cancel works from the keyboard', async () => {
    await executeServerCommand('bring-to-front');
    const { element, deploymentId } = await openWidget();
    await element.send('Hello');
    await faults.stallUploads(deploymentId, true);
    const sending = element.sendFile(pdf('slow.pdf', 50_000));
    const cancel = await waitUntil(() => shadow(element).querySelector<HTMLButtonElement>('[part~="cancel-upload"]'), 'the upload under way').then(() => shadow(element).querySelector<HTMLButtonElement>('[part~="cancel-upload"]')!);
    await expect(element).to.be.accessible();
    expect(cancel.getAttribute('aria-label')).to.equal('Cancel: slow.pdf');
    cancel.focus();
    await sendKeys({ press: 'Enter' });
    expect((await sending).delivery).to.equal('failed');
    await element.updateComplete;
    expect(shadow(element).querySelector('[part~="upload-failure"]')?.textContent).to.equal('Cancelled');
    await faults.stallUploads(deploymentId, false);
    element.remove();
  });

  it('reaches the attach button and removes a chosen file from the keyboard', async () => {
    await executeServerCommand('bring-to-front');
    const { element } = await openWidget();
    const attach = shadow(element).querySelector<HTMLButtonElement>('[part~="attach-button"]')!;
    expect(attach.getAttribute('aria-label')).to.equal('Attach files');
    shadow(element).querySelector<HTMLTextAreaElement>('textarea')!.focus();
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(shadow(element).activeElement).to.equal(attach);
    await choose(element, [pdf('wrong.pdf')]);
    const remove = shadow(element).querySelector<HTMLButtonElement>('[part~="staged-file"] button')!;
    expect(remove.getAttribute('aria-label')).to.equal('Remove wrong.pdf');
    remove.focus();
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    expect(shadow(element).querySelectorAll('[part~="staged-file"]')).to.have.length(0);
    element.remove();
  });
});
