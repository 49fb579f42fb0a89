import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { PersistentChat } from '../../src/components/persistent-chat/persistent-chat.js';
import { agent, sessionOf, socketUrlFor, uniqueDeploymentId } from './helpers/emulator.js';

const shadow = (element: PersistentChat) => element.shadowRoot!;

/** A widget with a live conversation: the visitor wrote, the agent answered with a link and quick replies. */
async function chattingWidget(): Promise<{ element: PersistentChat; sessionId: string }> {
  const deploymentId = uniqueDeploymentId();
  const element = await fixture<PersistentChat>(html`<persistent-chat deployment-id=${deploymentId} endpoint=${socketUrlFor(deploymentId)}></persistent-chat>`);
  element.open();
  await element.send('Which size should I take?');
  const session = await sessionOf(deploymentId);
  const arrived = oneEvent(element, 'chat-message');
  await fetch(`/emulator/sessions/${session.id}/messages`, {
    method: 'POST',
    body: JSON.stringify({ text: 'See https://shop.example/sizes. Or javascript:alert(1) is not a link.', quickReplies: [{ text: 'Boots', payload: 'BOOTS' }, { text: 'Jackets' }] }),
  });
  await arrived;
  await element.updateComplete;
  return { element, sessionId: session.id };
}

describe('chat UI', () => {
  afterEach(() => localStorage.clear());

  describe('accessibility (axe)', () => {
    it('has no violations with only the launcher', async () => {
      const element = await fixture<PersistentChat>(html`<persistent-chat deployment-id=${uniqueDeploymentId()} region="mypurecloud.com"></persistent-chat>`);
      await expect(element).to.be.accessible();
      element.remove();
    });

    it('has no violations with the panel open, messages, a link and quick replies', async () => {
      const { element } = await chattingWidget();
      await expect(element).to.be.accessible();
      element.remove();
    });

    it('has no violations while asking to end the chat, nor once it has ended', async () => {
      const { element, sessionId } = await chattingWidget();
      shadow(element).querySelector<HTMLButtonElement>('[part~="end-button"]')!.click();
      await element.updateComplete;
      await expect(element).to.be.accessible();
      const ended = oneEvent(element, 'chat-ended');
      await agent.disconnects(sessionId, false);
      await ended;
      await element.updateComplete;
      expect(shadow(element).querySelector('[part~="ended"]')).to.not.equal(null);
      expect(shadow(element).querySelector('[data-notice="agent-left"]')).to.not.equal(null);
      await expect(element).to.be.accessible();
      element.remove();
    });
  });

  it('turns only http(s) addresses in agent text into safe links', async () => {
    const { element } = await chattingWidget();
    const links = [...shadow(element).querySelectorAll('a')];
    expect(links).to.have.length(1);
    expect(links[0]!.href).to.equal('https://shop.example/sizes');
    expect(links[0]!.textContent).to.equal('https://shop.example/sizes');
    expect(links[0]!.rel).to.equal('noopener noreferrer');
    expect(links[0]!.target).to.equal('_blank');
    element.remove();
  });

  it('separates days, and tells the visitor who wrote each message', async () => {
    const { element } = await chattingWidget();
    const separators = [...shadow(element).querySelectorAll('.day')].map((day) => day.textContent?.trim());
    expect(separators).to.deep.equal(['Today']);
    const hidden = [...shadow(element).querySelectorAll('.message > .visually-hidden')].map((label) => label.textContent);
    expect(hidden).to.deep.equal(['You:', 'Sam:']);
    element.remove();
  });

  it('offers quick replies, sends the chosen one, and then closes the set', async () => {
    const { element } = await chattingWidget();
    const buttons = () => [...shadow(element).querySelectorAll<HTMLButtonElement>('[part~="quick-reply"]')];
    expect(buttons().map((button) => button.textContent)).to.deep.equal(['Boots', 'Jackets']);
    const sent = oneEvent(element, 'chat-message');
    buttons()[0]!.click();
    expect((await sent).detail.message).to.include({ text: 'Boots', author: 'visitor', delivery: 'sent' });
    await element.updateComplete;
    expect(buttons().every((button) => button.disabled)).to.equal(true);
    element.remove();
  });

  it('can be used from the keyboard alone', async () => {
    const deploymentId = uniqueDeploymentId();
    const element = await fixture<PersistentChat>(html`<persistent-chat deployment-id=${deploymentId} endpoint=${socketUrlFor(deploymentId)}></persistent-chat>`);
    await executeServerCommand('bring-to-front');
    shadow(element).querySelector<HTMLButtonElement>('[part~="launcher"]')!.focus();
    await sendKeys({ press: 'Enter' });
    // The panel's code is fetched on this first open: on a loaded machine that can take longer than waitUntil's 1 s default.
    await waitUntil(() => shadow(element).activeElement?.tagName === 'TEXTAREA', 'focus in the composer', { timeout: 5000 });
    const sent = oneEvent(element, 'chat-message');
    await sendKeys({ type: 'Typed from the keyboard' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'second line' });
    await sendKeys({ press: 'Enter' });
    expect((await sent).detail.message.text).to.equal('Typed from the keyboard\nsecond line');
    await sendKeys({ press: 'Escape' });
    await element.updateComplete;
    expect(element.opened).to.equal(false);
    expect(shadow(element).activeElement).to.equal(shadow(element).querySelector('[part~="launcher"]'));
    element.remove();
  });

  it('speaks French when its lang says so, and takes the page’s own words over the built-in ones', async () => {
    const element = await fixture<PersistentChat>(html`<persistent-chat lang="fr" deployment-id=${uniqueDeploymentId()} region="mypurecloud.com"></persistent-chat>`);
    expect(shadow(element).querySelector('[part~="launcher"]')!.getAttribute('aria-label')).to.equal('Ouvrir la discussion');
    element.open();
    await element.updateComplete;
    expect(shadow(element).querySelector('[part~="send-button"]')!.textContent).to.equal('Envoyer');
    element.strings = { send: 'Go' };
    await element.updateComplete;
    expect(shadow(element).querySelector('[part~="send-button"]')!.textContent).to.equal('Go');
    element.remove();
  });

  it('lays out right to left when dir is rtl', async () => {
    const element = await fixture<PersistentChat>(html`<persistent-chat dir="rtl" deployment-id=${uniqueDeploymentId()} region="mypurecloud.com"></persistent-chat>`);
    element.open();
    await element.updateComplete;
    const panel = shadow(element).querySelector('[part~="panel"]')!.getBoundingClientRect();
    expect(panel.left).to.be.below(window.innerWidth / 2);
    element.remove();
  });

  it('uses its dark palette when theme is dark', async () => {
    const element = await fixture<PersistentChat>(html`<persistent-chat theme="dark" deployment-id=${uniqueDeploymentId()} region="mypurecloud.com"></persistent-chat>`);
    element.open();
    await element.updateComplete;
    expect(getComputedStyle(shadow(element).querySelector('[part~="panel"]')!).backgroundColor).to.equal('rgb(23, 26, 34)');
    element.remove();
  });

  it('is not changed by an aggressive host stylesheet, and changes nothing on the page', async () => {
    const host = document.createElement('style');
    host.textContent = `* { color: rgb(255, 0, 0) !important; font-size: 40px !important; } button { display: none !important; border-radius: 0 !important; }`;
    const pageButton = document.createElement('button');
    pageButton.textContent = 'page';
    document.body.append(pageButton);
    const before = getComputedStyle(pageButton).cssText || JSON.stringify([...getComputedStyle(pageButton)].map((name) => getComputedStyle(pageButton).getPropertyValue(name)));
    const element = await fixture<PersistentChat>(html`<persistent-chat deployment-id=${uniqueDeploymentId()} region="mypurecloud.com"></persistent-chat>`);
    document.head.append(host);
    try {
      const launcher = shadow(element).querySelector<HTMLElement>('[part~="launcher"]')!;
      const style = getComputedStyle(launcher);
      expect(style.display).to.not.equal('none');
      expect(launcher.getBoundingClientRect().width).to.equal(56);
      expect(style.borderRadius).to.equal('50%');
      host.remove();
      const after = getComputedStyle(pageButton).cssText || JSON.stringify([...getComputedStyle(pageButton)].map((name) => getComputedStyle(pageButton).getPropertyValue(name)));
      expect(after).to.equal(before);
    } finally {
      host.remove();
      pageButton.remove();
      element.remove();
    }
  });
});
