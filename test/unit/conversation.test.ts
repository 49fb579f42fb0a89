import { expect } from '@open-wc/testing';
import type { ChatMessage } from '../../src/base/chat-message.js';
import { Conversation, type ConversationProblem } from '../../src/conversation/conversation.js';
import { SessionStore } from '../../src/storage/session-store.js';
import { agent, emulator, faults, sessionOf, sessionsOf, socketUrlFor, uniqueDeploymentId, waitFor } from './helpers/emulator.js';

/** A store of the test's own in localStorage, so that a second Conversation finds what the first left. */
function testStore(deploymentId: string): SessionStore {
  return new SessionStore(
    { name: 'unit', deploymentId, mode: 'local', cookieDomain: 'none', consent: 'granted', hostname: location.hostname, secure: false },
    { statusChanged: () => {}, degraded: () => {} },
  );
}

const savedToken = (deploymentId: string) => localStorage.getItem(`persistent-chat:unit:${deploymentId}:session`)?.split('.')[1];

function openConversation(deploymentId: string, storage = testStore(deploymentId)) {
  const added: ChatMessage[] = [];
  const problems: ConversationProblem[] = [];
  const conversation = new Conversation(
    {
      config: {
        deploymentId,
        socketUrl: socketUrlFor(deploymentId),
        apiBaseUrl: emulator().apiBaseUrl,
        configUrl: `${emulator().apiBaseUrl}/webdeployments/v1/deployments/${deploymentId}/config.json`,
      },
      storage,
      transport: { backoff: { initialMs: 50, maxMs: 200 } },
      messagesPerSecond: 20,
    },
    { changed: () => {}, messageAdded: (message) => added.push(message), problem: (problem) => problems.push(problem), warn: () => {}, ended: () => {}, loggedOut: () => {} },
  );
  const started = conversation.start();
  return { conversation, added, problems, started };
}

const texts = (messages: readonly ChatMessage[]) => messages.map((message) => message.text);

describe('Conversation against the emulator', () => {
  const open: Conversation[] = [];
  afterEach(() => open.splice(0).forEach((conversation) => conversation.dispose()));

  afterEach(() => localStorage.clear());

  function track<T extends { conversation: Conversation }>(value: T): T {
    open.push(value.conversation);
    return value;
  }

  it('stays offline until the visitor engages, then starts a session', async () => {
    const deploymentId = uniqueDeploymentId();
    const { conversation, started } = track(openConversation(deploymentId));
    await started;
    expect(conversation.snapshot).to.include({ connection: 'idle', hasSession: false });
    conversation.activate();
    await waitFor(() => savedToken(deploymentId), 'the saved session record');
    await waitFor(() => conversation.snapshot.connection === 'connected', 'connected');
  });

  it('shows a sent message as sending, then as sent with the server id', async () => {
    const deploymentId = uniqueDeploymentId();
    const { conversation, added } = track(openConversation(deploymentId));
    const sent = conversation.send('Where is my order?');
    expect(conversation.snapshot.messages[0]).to.include({ text: 'Where is my order?', delivery: 'sending' });
    const message = await sent;
    expect(message).to.include({ delivery: 'sent', author: 'visitor' });
    expect(message.id).to.not.equal(message.clientId);
    expect(added.map((each) => each.id)).to.deep.equal([message.id]);
    const session = await sessionOf(deploymentId);
    expect(texts(session.messages as unknown as ChatMessage[])).to.deep.equal(['Where is my order?']);
  });

  it('shows agent messages and the agent typing', async () => {
    const deploymentId = uniqueDeploymentId();
    const { conversation, added } = track(openConversation(deploymentId));
    await conversation.send('Hello?');
    const session = await sessionOf(deploymentId);
    await agent.says(session.id, 'Hi, I am Sam');
    await waitFor(() => added.length === 2, 'the agent message');
    expect(added[1]).to.include({ author: 'agent', text: 'Hi, I am Sam', senderName: 'Sam' });
    await agent.types(session.id);
    await waitFor(() => conversation.snapshot.agentTyping, 'typing');
    expect(conversation.snapshot.agentTyping?.name).to.equal('Sam');
  });

  it('restores the transcript from history after a reload, each message once', async () => {
    const deploymentId = uniqueDeploymentId();
    const first = track(openConversation(deploymentId));
    await first.conversation.send('one');
    await first.conversation.send('two');
    const session = await sessionOf(deploymentId);
    await agent.says(session.id, 'three');
    await waitFor(() => first.conversation.snapshot.messages.length === 3, 'three messages');
    first.conversation.dispose();
    await waitFor(() => localStorage.getItem(`persistent-chat:unit:${deploymentId}:cache`)?.includes('three'), 'the cache write');

    const second = track(openConversation(deploymentId));
    // The cached transcript is there as soon as start() resolves, before the socket answers.
    await second.started;
    expect(texts(second.conversation.snapshot.messages)).to.deep.equal(['one', 'two', 'three']);
    expect(second.conversation.snapshot.connection).to.not.equal('connected');
    await waitFor(() => second.conversation.snapshot.connection === 'connected', 'the reconnection');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(texts(second.conversation.snapshot.messages)).to.deep.equal(['one', 'two', 'three']);
    expect(second.added).to.deep.equal([], 'restored history is not announced as new');
  });

  it('sends a message written before the stored session was read into that session, not a new one', async () => {
    const deploymentId = uniqueDeploymentId();
    const first = track(openConversation(deploymentId));
    await first.conversation.send('from the first page');
    first.conversation.dispose();
    await waitFor(() => localStorage.getItem(`persistent-chat:unit:${deploymentId}:cache`)?.includes('from the first page'), 'the cache write');

    const second = track(openConversation(deploymentId));
    const sent = await second.conversation.send('written at once on the next page');
    expect(sent.delivery).to.equal('sent');
    const sessions = await sessionsOf(deploymentId);
    expect(sessions).to.have.length(1);
    expect(sessions[0]!.messages.map((message) => message.text)).to.deep.equal(['from the first page', 'written at once on the next page']);
  });

  it('delivers a message written during an outage once, and recovers what the agent said meanwhile', async () => {
    const deploymentId = uniqueDeploymentId();
    const { conversation, added } = track(openConversation(deploymentId));
    await conversation.send('before');
    const session = await sessionOf(deploymentId);
    await faults.refuseConnections(deploymentId, 700);
    await faults.dropConnections(session.id);
    await waitFor(() => conversation.snapshot.connection !== 'connected', 'the drop');
    await agent.says(session.id, 'said while you were away');
    const during = conversation.send('during');
    expect(conversation.snapshot.messages.at(-1)).to.include({ text: 'during', delivery: 'sending' });
    expect(await during).to.include({ delivery: 'sent' });
    await waitFor(() => conversation.snapshot.messages.length === 3, 'all three messages');
    expect(texts(conversation.snapshot.messages)).to.deep.equal(['before', 'said while you were away', 'during']);
    expect(added.filter((message) => message.text === 'said while you were away')).to.have.length(1);
    const after = await sessionOf(deploymentId);
    expect(after.messages.filter((message) => message.text === 'during')).to.have.length(1);
  });

  it('marks a message the server refuses as failed, and says why', async () => {
    const deploymentId = uniqueDeploymentId();
    const { conversation, problems } = track(openConversation(deploymentId));
    const message = await conversation.send('x'.repeat(5000));
    expect(message.delivery).to.equal('failed');
    expect(message.failure).to.contain('4011');
    expect(problems.map((problem) => problem.code)).to.include('message-rejected');
  });

  it('forgets an expired session and starts a new one when the visitor writes again', async () => {
    const deploymentId = uniqueDeploymentId();
    const { conversation } = track(openConversation(deploymentId));
    await conversation.send('old conversation');
    const oldToken = await waitFor(() => savedToken(deploymentId), 'the saved token');
    const session = await sessionOf(deploymentId);
    await agent.expires(session.id);
    await waitFor(() => !conversation.snapshot.hasSession, 'the session to be forgotten');
    await waitFor(() => savedToken(deploymentId) === undefined, 'the stored session to be deleted');
    expect(conversation.snapshot.messages.map((message) => message.author)).to.deep.equal(['notice']);
    const fresh = await conversation.send('new conversation');
    expect(fresh.delivery).to.equal('sent');
    expect(await waitFor(() => savedToken(deploymentId), 'the new token')).to.not.equal(oldToken);
  });
});
