import { expect } from '@open-wc/testing';
import { resolveChatConfig } from '../../src/config/chat-config.js';

describe('resolveChatConfig', () => {
  it('derives the Guest API socket, the REST host and the published configuration from a region', () => {
    const { config, problems } = resolveChatConfig({ deploymentId: 'abc-123', region: 'euw2.pure.cloud' });
    expect(problems).to.deep.equal([]);
    expect(config).to.deep.equal({
      deploymentId: 'abc-123',
      socketUrl: 'wss://webmessaging.euw2.pure.cloud/v1?deploymentId=abc-123',
      apiBaseUrl: 'https://api.euw2.pure.cloud',
      configUrl: 'https://api-cdn.euw2.pure.cloud/webdeployments/v1/deployments/abc-123/config.json',
    });
  });

  it('lets an endpoint override the region and adds the deployment id to it', () => {
    const { config } = resolveChatConfig({ deploymentId: 'd1', region: 'mypurecloud.com', endpoint: 'ws://localhost:8000/v1' });
    expect(config?.socketUrl).to.equal('ws://localhost:8000/v1?deploymentId=d1');
    expect(config?.apiBaseUrl).to.equal('http://localhost:8000');
    expect(config?.configUrl).to.equal('http://localhost:8000/webdeployments/v1/deployments/d1/config.json');
  });

  it('maps a webmessaging. endpoint host to the matching api. host', () => {
    const { config } = resolveChatConfig({ deploymentId: 'd1', endpoint: 'wss://webmessaging.mypurecloud.de/v1' });
    expect(config?.apiBaseUrl).to.equal('https://api.mypurecloud.de');
    expect(config?.configUrl).to.equal('https://api-cdn.mypurecloud.de/webdeployments/v1/deployments/d1/config.json');
  });

  it('reports a missing deployment id and gives no config', () => {
    const { config, problems } = resolveChatConfig({ region: 'mypurecloud.com' });
    expect(config).to.equal(undefined);
    expect(problems).to.have.length(1);
    expect(problems[0]).to.include({ code: 'missing-attribute', attribute: 'deployment-id' });
  });

  it('reports when neither region nor endpoint is set', () => {
    const { config, problems } = resolveChatConfig({ deploymentId: 'd1' });
    expect(config).to.equal(undefined);
    expect(problems.map((problem) => problem.code)).to.deep.equal(['missing-attribute']);
  });

  for (const endpoint of ['http://localhost:8000/v1', 'not a url', 'ws://user:secret@host/v1', 'javascript:alert(1)']) {
    it(`refuses the endpoint ${endpoint} and names the attribute`, () => {
      const { config, problems } = resolveChatConfig({ deploymentId: 'd1', endpoint });
      expect(config).to.equal(undefined);
      expect(problems[0]).to.include({ code: 'invalid-attribute', attribute: 'endpoint' });
      expect(problems[0]!.message).to.contain('ws://');
    });
  }

  it('falls back to a valid region when the endpoint is malformed, and still reports it', () => {
    const { config, problems } = resolveChatConfig({ deploymentId: 'd1', region: 'mypurecloud.com', endpoint: 'nope' });
    expect(config?.socketUrl).to.equal('wss://webmessaging.mypurecloud.com/v1?deploymentId=d1');
    expect(problems.map((problem) => problem.attribute)).to.deep.equal(['endpoint']);
  });

  for (const region of ['localhost', 'evil.com/steal', 'https://mypurecloud.com', 'my purecloud.com']) {
    it(`refuses the region ${JSON.stringify(region)}`, () => {
      const { config, problems } = resolveChatConfig({ deploymentId: 'd1', region });
      expect(config).to.equal(undefined);
      expect(problems[0]).to.include({ code: 'invalid-attribute', attribute: 'region' });
    });
  }

  it('refuses a deployment id that could escape the query string', () => {
    const { config, problems } = resolveChatConfig({ deploymentId: 'a&b=c', region: 'mypurecloud.com' });
    expect(config).to.equal(undefined);
    expect(problems[0]).to.include({ code: 'invalid-attribute', attribute: 'deployment-id' });
  });
});
