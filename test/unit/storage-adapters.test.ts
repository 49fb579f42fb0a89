import { expect } from '@open-wc/testing';
import { CookieAdapter } from '../../src/storage/adapters/cookie-adapter.js';
import { HooksAdapter } from '../../src/storage/adapters/hooks-adapter.js';
import { IndexedDbAdapter } from '../../src/storage/adapters/indexeddb-adapter.js';
import { LocalStorageAdapter } from '../../src/storage/adapters/local-storage-adapter.js';
import { MemoryAdapter } from '../../src/storage/adapters/memory-adapter.js';
import { StorageError, type StorageAdapter } from '../../src/storage/storage-adapter.js';

const adapters: Array<[string, () => StorageAdapter]> = [
  ['cookie', () => new CookieAdapter({ domain: 'auto', hostname: location.hostname, secure: false })],
  ['local', () => new LocalStorageAdapter()],
  ['indexeddb', () => new IndexedDbAdapter()],
  ['memory', () => new MemoryAdapter()],
  ['hooks', () => {
    let saved: Record<string, string> = {};
    return new HooksAdapter({ load: () => saved, save: (data) => void (saved = data) });
  }],
];

for (const [name, create] of adapters) {
  describe(`${name} adapter`, () => {
    it('passes its probe, then stores, reads and deletes a value', async () => {
      const adapter = create();
      await adapter.probe();
      await adapter.set('pchat_test', 'value-1');
      expect(await adapter.get('pchat_test')).to.equal('value-1');
      await adapter.set('pchat_test', 'value-2');
      expect(await adapter.get('pchat_test')).to.equal('value-2');
      await adapter.delete('pchat_test');
      expect(await adapter.get('pchat_test')).to.equal(undefined);
    });
  });
}

describe('cookie adapter', () => {
  it('writes a session cookie that the page can read back', async () => {
    const adapter = new CookieAdapter({ domain: 'none', hostname: location.hostname, secure: false });
    await adapter.set('pchat_session_test', 'v1.abc');
    expect(document.cookie).to.contain('pchat_session_test=v1.abc');
    await adapter.delete('pchat_session_test');
    expect(document.cookie).to.not.contain('pchat_session_test');
  });

  it('refuses a value larger than a cookie of ours may be', async () => {
    const adapter = new CookieAdapter({ domain: 'none', hostname: location.hostname, secure: false });
    const error = await adapter.set('pchat_big', 'x'.repeat(5000)).catch((reason: unknown) => reason);
    expect(error).to.be.instanceOf(StorageError);
    expect((error as StorageError).kind).to.equal('too-large');
    expect(document.cookie).to.not.contain('pchat_big');
  });

  it('deleting a cookie that is not there writes nothing: no domain probe, no test cookie', async () => {
    const written: string[] = [];
    const jar = { read: () => '', write: (cookie: string) => void written.push(cookie) };
    const adapter = new CookieAdapter({ domain: 'auto', hostname: 'www.shop.example', secure: true, jar });
    await adapter.delete('pchat_absent');
    expect(written).to.deep.equal([]);
  });

  it('keeps cookies on this host when the host is localhost', async () => {
    const adapter = new CookieAdapter({ domain: 'auto', hostname: 'localhost', secure: false });
    expect(await adapter.domain()).to.equal(undefined);
    expect(adapter.capabilities.sharedAcrossSubdomains).to.equal(false);
  });
});

describe('indexeddb adapter', () => {
  it('updates atomically: concurrent increments all count', async () => {
    const adapter = new IndexedDbAdapter();
    await adapter.delete('pchat_counter');
    await Promise.all(Array.from({ length: 50 }, () => adapter.update('pchat_counter', (old) => String(Number(old ?? 0) + 1))));
    expect(await adapter.get('pchat_counter')).to.equal('50');
  });
});

describe('hooks adapter', () => {
  it('reports a load() that throws, with the reason', async () => {
    const adapter = new HooksAdapter({ load: () => { throw new Error('database down'); }, save: () => {} });
    const error = await adapter.probe().catch((reason: unknown) => reason);
    expect((error as StorageError).message).to.contain('database down');
  });

  it('reports a save() that rejects', async () => {
    const adapter = new HooksAdapter({ load: () => ({}), save: () => Promise.reject(new Error('403 from the site')) });
    const error = await adapter.set('k', 'v').catch((reason: unknown) => reason);
    expect((error as StorageError).message).to.contain('403 from the site');
  });

  it('refuses hooks that are not functions', async () => {
    const adapter = new HooksAdapter({} as never);
    expect(await adapter.probe().catch((reason: unknown) => (reason as StorageError).kind)).to.equal('unavailable');
  });
});
