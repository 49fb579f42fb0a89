import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { PersistentChat } from '../../src/components/persistent-chat/persistent-chat.js';
import type { ChatErrorEvent, ChatMessageEvent } from '../../src/events/chat-events.js';
import { agent, sessionOf, socketUrlFor, uniqueDeploymentId } from './helpers/emulator.js';

function part(element: PersistentChat, name: string): HTMLElement {
  const found = element.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
  if (!found) throw new Error(`no part "${name}" in <persistent-chat>`);
  return found;
}

function captureWarnings(): { warnings: string[]; restore(): void } {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
  return { warnings, restore: () => (console.warn = original) };
}

describe('<persistent-chat>', () => {
  afterEach(() => localStorage.clear());

  it('renders a launcher that opens the panel and moves focus into the composer', async () => {
    const element = await fixture<PersistentChat>(html`<persistent-chat deployment-id=${uniqueDeploymentId()} region="mypurecloud.com"></persistent-chat>`);
    const launcher = part(element, 'launcher');
    expect(launcher.getAttribute('aria-expanded')).to.equal('false');
    launcher.click();
    await element.updateComplete;
    expect(element.hasAttribute('open')).to.equal(true);
    expect(launcher.getAttribute('aria-expanded')).to.equal('true');
    expect(element.shadowRoot!.activeElement?.tagName).to.equal('TEXTAREA');
    element.remove();
  });

  it('minimises on Escape and gives focus back to the launcher', async () => {
    const element = await fixture<PersistentChat>(html`<persistent-chat deployment-id=${uniqueDeploymentId()} region="mypurecloud.com"></persistent-chat>`);
    element.open();
    await element.updateComplete;
    element.shadowRoot!.querySelector('textarea')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await element.updateComplete;
    expect(element.opened).to.equal(false);
    expect(element.shadowRoot!.activeElement).to.equal(part(element, 'launcher'));
    element.remove();
  });

  it('fires chat-ready and reflects ready once configured', async () => {
    const element = document.createElement('persistent-chat');
    element.setAttribute('deployment-id', uniqueDeploymentId());
    element.setAttribute('region', 'mypurecloud.com');
    const ready = oneEvent(element, 'chat-ready');
    document.body.append(element);
    await ready;
    await element.updateComplete;
    expect(element.hasAttribute('ready')).to.equal(true);
    await element.whenReady();
    element.remove();
  });

  it('reports a malformed endpoint with chat-error and one warning, and still renders', async () => {
    const capture = captureWarnings();
    try {
      const element = document.createElement('persistent-chat');
      element.setAttribute('deployment-id', 'd1');
      element.setAttribute('endpoint', 'http://not-a-socket.example');
      const errors: ChatErrorEvent[] = [];
      document.addEventListener('chat-error', (event) => errors.push(event), { once: true });
      document.body.append(element);
      await element.updateComplete;
      expect(errors[0]!.detail.code).to.equal('invalid-attribute');
      expect(errors[0]!.detail.message).to.contain('endpoint');
      expect(capture.warnings.filter((warning) => warning.includes('endpoint'))).to.have.length(1);
      element.open();
      await element.updateComplete;
      expect(part(element, 'panel').textContent).to.contain('unavailable');
      expect(element.shadowRoot!.querySelector('textarea')!.disabled).to.equal(true);
      expect(element.hasAttribute('ready')).to.equal(false);
      element.remove();
    } finally {
      capture.restore();
    }
  });

  it('reports a missing deployment id', async () => {
    const capture = captureWarnings();
    try {
      const element = document.createElement('persistent-chat');
      element.setAttribute('region', 'mypurecloud.com');
      const error = oneEvent(element, 'chat-error');
      document.body.append(element);
      expect((await error).detail).to.include({ code: 'missing-attribute' });
      element.remove();
    } finally {
      capture.restore();
    }
  });

  it('refuses to send an empty message, as an API misuse', async () => {
    const element = await fixture<PersistentChat>(html`<persistent-chat deployment-id="d1" region="mypurecloud.com"></persistent-chat>`);
    expect(() => element.send('  ')).to.throw(TypeError);
    element.remove();
  });

  it('takes send() and injectMessage() in the same moment it joins the page', async () => {
    const deploymentId = uniqueDeploymentId();
    const element = document.createElement('persistent-chat');
    element.setAttribute('deployment-id', deploymentId);
    element.setAttribute('endpoint', socketUrlFor(deploymentId));
    document.body.append(element);
    const notice = element.injectMessage('Our shop opens at 9.');
    const sent = await element.send('Sent before the first render');
    expect(notice).to.include({ author: 'notice', text: 'Our shop opens at 9.' });
    expect(sent).to.include({ delivery: 'sent', text: 'Sent before the first render' });
    const session = await sessionOf(deploymentId);
    expect(session.messages.map((message) => message.text)).to.deep.equal(['Sent before the first render']);
    element.remove();
  });

  it('chats with the emulator: the visitor writes, the agent answers, each shown once', async () => {
    const deploymentId = uniqueDeploymentId();
    const element = await fixture<PersistentChat>(html`<persistent-chat deployment-id=${deploymentId} endpoint=${socketUrlFor(deploymentId)}></persistent-chat>`);
    element.open();
    await element.updateComplete;
    const composer = element.shadowRoot!.querySelector('textarea')!;
    composer.value = 'Do you ship to Norway?';
    const sent = oneEvent(element, 'chat-message');
    composer.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    expect(((await sent) as ChatMessageEvent).detail.message).to.include({ author: 'visitor', delivery: 'sent', text: 'Do you ship to Norway?' });
    expect(composer.value).to.equal('');

    const session = await sessionOf(deploymentId);
    const received = oneEvent(element, 'chat-message');
    await agent.says(session.id, 'We do: <b>3 to 5 days</b>');
    expect(((await received) as ChatMessageEvent).detail.message).to.include({ author: 'agent', senderName: 'Sam' });
    await element.updateComplete;

    const bubbles = [...element.shadowRoot!.querySelectorAll('.bubble')].map((bubble) => bubble.textContent);
    expect(bubbles).to.deep.equal(['Do you ship to Norway?', 'We do: <b>3 to 5 days</b>']);
    expect(element.shadowRoot!.querySelector('.bubble b')).to.equal(null, 'agent text is never HTML');
    expect(part(element, 'transcript').getAttribute('role')).to.equal('log');
    await waitUntil(() => element.shadowRoot!.querySelector('.status')?.getAttribute('data-state') === 'connected');
    element.remove();
  });

  it('closes its connection when it leaves the page', async () => {
    const deploymentId = uniqueDeploymentId();
    const element = await fixture<PersistentChat>(html`<persistent-chat deployment-id=${deploymentId} endpoint=${socketUrlFor(deploymentId)}></persistent-chat>`);
    await element.send('hello');
    expect((await sessionOf(deploymentId)).connections).to.equal(1);
    element.remove();
    await waitUntil(async () => (await sessionOf(deploymentId)).connections === 0, 'the socket to close');
  });

  it('makes lit print no warnings while it renders, opens and chats', async () => {
    const capture = captureWarnings();
    try {
      const deploymentId = uniqueDeploymentId();
      const element = await fixture<PersistentChat>(html`<persistent-chat deployment-id=${deploymentId} endpoint=${socketUrlFor(deploymentId)}></persistent-chat>`);
      element.open();
      await element.send('checking for warnings');
      await element.updateComplete;
      element.close();
      await element.updateComplete;
      element.remove();
      expect(capture.warnings).to.deep.equal([]);
    } finally {
      capture.restore();
    }
  });

  it('tolerates its script being loaded twice', async () => {
    // A second copy of the registration module, as a page that includes the script twice gets.
    const again = '../../src/define.ts?twice';
    await import(/* @vite-ignore */ again);
    expect(customElements.get('persistent-chat')).to.be.a('function');
  });
});
