import { expect } from '@open-wc/testing';
import { resolveStorageSettings } from '../../src/config/storage-config.js';

describe('resolveStorageSettings', () => {
  it('defaults to auto storage, a probed cookie domain, granted consent and the browser session', () => {
    expect(resolveStorageSettings({}, 'www.shop.example')).to.deep.equal({
      settings: { mode: 'auto', persist: { kind: 'session' }, cookieDomain: 'auto', consent: 'granted', iframeUrl: undefined, hubOnSite: false },
      problems: [],
    });
  });

  it('reads persist: session, none (memory only, no hub) and days:N from 1 to 400; anything else is the session, reported', () => {
    const read = (persist: string, iframeUrl?: string) => resolveStorageSettings({ persist, ...(iframeUrl ? { iframeUrl } : {}) }, 'www.shop.example');
    expect(read('days:30').settings.persist).to.deep.equal({ kind: 'days', days: 30 });
    const none = read('none', 'https://chat.example/hub.html').settings;
    expect([none.persist, none.mode, none.iframeUrl]).to.deep.equal([{ kind: 'none' }, 'memory', undefined]);
    for (const wrong of ['days:0', 'days:401', 'forever', 'days:-1', 'days:1.5']) {
      const { settings, problems } = read(wrong);
      expect(settings.persist, wrong).to.deep.equal({ kind: 'session' });
      expect(problems.map((problem) => problem.attribute), wrong).to.deep.equal(['persist']);
    }
  });

  it('accepts every adapter by name, in any case', () => {
    for (const storage of ['cookie', 'local', 'indexeddb', 'memory', 'hooks', 'LOCAL']) {
      expect(resolveStorageSettings({ storage }, 'example.com').settings.mode).to.equal(storage.toLowerCase());
    }
  });

  it('refuses an unknown storage and falls back to auto, saying so', () => {
    const { settings, problems } = resolveStorageSettings({ storage: 'redis' }, 'example.com');
    expect(settings.mode).to.equal('auto');
    expect(problems[0]).to.include({ code: 'invalid-attribute', attribute: 'storage' });
  });

  it('accepts a parent domain of the host, with or without a leading dot', () => {
    expect(resolveStorageSettings({ cookieDomain: '.shop.example' }, 'www.shop.example').settings.cookieDomain).to.equal('shop.example');
  });

  it('refuses a cookie domain that is not the host or one of its parents', () => {
    const { settings, problems } = resolveStorageSettings({ cookieDomain: 'evil.example' }, 'www.shop.example');
    expect(settings.cookieDomain).to.equal('auto');
    expect(problems[0]).to.include({ code: 'invalid-attribute', attribute: 'cookie-domain' });
    expect(problems[0]!.message).to.contain('www.shop.example');
  });

  it('takes an absolute http(s) hub address, and reports anything else', () => {
    expect(resolveStorageSettings({ iframeUrl: 'https://chat.example.com/hub.html' }, 'example.com').settings.iframeUrl?.href).to.equal('https://chat.example.com/hub.html');
    for (const iframeUrl of ['/hub.html', 'javascript:alert(1)', 'https://user:pw@chat.example.com/hub.html', 'not a url']) {
      const { settings, problems } = resolveStorageSettings({ iframeUrl }, 'example.com');
      expect(settings.iframeUrl, iframeUrl).to.equal(undefined);
      expect(problems[0]).to.include({ code: 'invalid-attribute', attribute: 'iframe-url' });
    }
  });

  it('storage="iframe" without a hub falls back to auto, saying so; another single store leaves the hub out', () => {
    const withoutHub = resolveStorageSettings({ storage: 'iframe' }, 'example.com');
    expect(withoutHub.settings.mode).to.equal('auto');
    expect(withoutHub.problems[0]!.message).to.contain('iframe-url');
    expect(resolveStorageSettings({ storage: 'iframe', iframeUrl: 'https://chat.example.com/hub.html' }, 'example.com').settings.mode).to.equal('iframe');
    // A hub on the page's own site keeps the token out of the shared cookie; one on another site does not (it may be blocked there).
    const onSite = (iframeUrl: string, hostname: string) => resolveStorageSettings({ iframeUrl }, hostname).settings.hubOnSite;
    expect([onSite('https://chat.shop.example/hub.html', 'www.shop.example'), onSite('https://shop.example/hub.html', 'help.shop.example')]).to.deep.equal([true, true]);
    expect([onSite('https://chat.hub.example/hub.html', 'www.shop.example'), onSite('https://chat.example/hub.html', 'localhost')]).to.deep.equal([false, false]);
    expect(resolveStorageSettings({ storage: 'memory', iframeUrl: 'https://chat.example.com/hub.html' }, 'example.com').settings.iframeUrl).to.equal(undefined);
  });

  it('treats an unreadable consent value as pending, never as granted', () => {
    const { settings, problems } = resolveStorageSettings({ consent: 'yes please' }, 'example.com');
    expect(settings.consent).to.equal('pending');
    expect(problems[0]).to.include({ attribute: 'consent' });
  });
});
