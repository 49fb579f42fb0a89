import { expect } from '@open-wc/testing';
import { resolveStorageSettings } from '../../src/config/storage-config.js';

describe('resolveStorageSettings', () => {
  it('defaults to auto storage, a probed cookie domain and granted consent', () => {
    expect(resolveStorageSettings({}, 'www.shop.example')).to.deep.equal({
      settings: { mode: 'auto', cookieDomain: 'auto', consent: 'granted' },
      problems: [],
    });
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

  it('treats an unreadable consent value as pending, never as granted', () => {
    const { settings, problems } = resolveStorageSettings({ consent: 'yes please' }, 'example.com');
    expect(settings.consent).to.equal('pending');
    expect(problems[0]).to.include({ attribute: 'consent' });
  });
});
