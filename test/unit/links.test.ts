import { expect } from '@open-wc/testing';
import { html, render } from 'lit';
import { linkify } from '../../src/components/persistent-chat/panel/linkify.js';
import { renderMarkdown } from '../../src/components/persistent-chat/panel/markdown.js';

/** Agent text as the panel shows it: its links, and its visible text. */
function shown(text: string, markdown = false): { links: Array<{ href: string; text: string }>; text: string } {
  const container = document.createElement('div');
  render(html`${markdown ? renderMarkdown(text) : linkify(text)}`, container);
  const links = [...container.querySelectorAll('a')].map((link) => ({ href: link.getAttribute('href')!, text: link.textContent! }));
  return { links, text: container.textContent! };
}

describe('honest links: what a link says is what it opens', () => {
  it('never makes a link of an address with user info', () => {
    for (const address of ['https://bank.example@evil.example/login', 'https://bank.example:pass@evil.example/', 'https://@evil.example/']) {
      expect(shown(`Log in at ${address} now`).links, address).to.deep.equal([]);
    }
    expect(shown('[Your bank](https://bank.example@evil.example/login)', true).links).to.deep.equal([]);
  });

  it('takes direction controls out of links and the text around them', () => {
    const spoofed = `Open https://example.com/\u202Efdp.exe and \u2066here\u2069`;
    const { links, text } = shown(spoofed);
    expect(links).to.deep.equal([{ href: 'https://example.com/fdp.exe', text: 'https://example.com/fdp.exe' }]);
    expect(text).not.to.match(/[\u202a-\u202e\u2066-\u2069]/);
  });

  it('shows an international host as the ASCII host the link opens', () => {
    const { links } = shown('See https://аpple.example/help');
    expect(links).to.have.length(1);
    expect(links[0]!.text).to.equal(links[0]!.href);
    expect(links[0]!.href).to.match(/^https:\/\/xn--/);
  });

  it('keeps sentence punctuation out of a link, and a bare host without the slash the browser adds', () => {
    expect(shown('Go to https://shop.example/orders/42. Thanks!').links).to.deep.equal([{ href: 'https://shop.example/orders/42', text: 'https://shop.example/orders/42' }]);
    expect(shown('(see https://shop.example)').links).to.deep.equal([{ href: 'https://shop.example/', text: 'https://shop.example' }]);
  });

  it('bounds a very long address (the rest stays text)', () => {
    const { links, text } = shown(`https://long.example/${'a'.repeat(5000)}${')'.repeat(5000)}`);
    expect(links).to.have.length(1);
    expect(links[0]!.href.length).to.be.at.most(2100);
    expect(text.length).to.equal(10_021);
  });

  it('in markdown, a link whose text is not its address shows the host it opens', () => {
    const { links, text } = shown('[Track your parcel](https://track.example/p/1)', true);
    expect(links).to.deep.equal([{ href: 'https://track.example/p/1', text: 'Track your parcel' }]);
    expect(text).to.contain('(track.example)');
  });
});
