import { expect, waitUntil } from '@open-wc/testing';
import { resolveChatConfig } from '../../src/config/chat-config.js';
import { OutgoingAttributes } from '../../src/conversation/outgoing-attributes.js';
import * as connectionCode from '../../src/conversation/server-connection.js';
import { ServerLink } from '../../src/conversation/server-link.js';
import { sessionOf, socketUrlFor, uniqueDeploymentId } from './helpers/emulator.js';

describe('ServerLink', () => {
  it('says offline while the connection’s code cannot be fetched, and fetches it again the moment the browser is back online', async () => {
    const deploymentId = uniqueDeploymentId();
    const { config } = resolveChatConfig({ deploymentId, endpoint: socketUrlFor(deploymentId) });
    let fetches = 0;
    let reachable = false;
    const failures: string[] = [];
    const link = new ServerLink(
      config!,
      undefined,
      new OutgoingAttributes(() => ({})),
      { stateChanged: () => {}, configured: () => {}, features: () => {}, expiring: () => {}, events: () => {}, sessionEnded: () => {}, loggedOut: () => {}, transcript: () => [], failed: (failure) => failures.push(failure.code), warn: () => {} },
      () => {
        fetches += 1;
        return reachable ? Promise.resolve(connectionCode) : Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
      },
    );
    try {
      link.start(crypto.randomUUID());
      expect(link.state).to.equal('connecting');
      await waitUntil(() => link.state === 'offline');
      expect(failures).to.deep.equal(['connection-failed']);
      expect(link.running).to.equal(true);

      reachable = true;
      window.dispatchEvent(new Event('online'));
      // At once, not after the backoff's first wait (1 s).
      expect(fetches).to.equal(2);
      await waitUntil(() => link.state === 'connected');
      expect((await sessionOf(deploymentId)).connections).to.equal(1);
    } finally {
      await link.stop();
    }
  });

  it('stopped while the code is on its way, it starts nothing when the code arrives', async () => {
    const deploymentId = uniqueDeploymentId();
    const { config } = resolveChatConfig({ deploymentId, endpoint: socketUrlFor(deploymentId) });
    let arrive: (code: typeof connectionCode) => void = () => {};
    const link = new ServerLink(
      config!,
      undefined,
      new OutgoingAttributes(() => ({})),
      { stateChanged: () => {}, configured: () => {}, features: () => {}, expiring: () => {}, events: () => {}, sessionEnded: () => {}, loggedOut: () => {}, transcript: () => [], failed: () => {}, warn: () => {} },
      () => new Promise((resolve) => (arrive = resolve)),
    );
    link.start(crypto.randomUUID());
    await link.stop();
    expect([link.state, link.running]).to.deep.equal(['idle', false]);
    arrive(connectionCode);
    expect(await link.deliver({ clientId: 'c1', text: 'hello' })).to.deep.equal({ kind: 'disconnected' });
    expect([link.state, link.running]).to.deep.equal(['idle', false]);
  });
});
