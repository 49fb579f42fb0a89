import { expect } from '@open-wc/testing';
import type { ChatMessage } from '../../src/base/chat-message.js';
import { ChatErrorEvent } from '../../src/events/chat-events.js';
import { ChatSession, type ChatSessionListener } from '../../src/session/chat-session.js';
import { defaultSettings, readSettings, type SettingValues } from '../../src/session/session-settings.js';
import { sessionOf, sessionsOf, socketUrlFor, uniqueDeploymentId, waitFor } from './helpers/emulator.js';

/** A session as the element would drive it, without rendering: what it says is recorded. */
function openSession(settings: Partial<SettingValues>) {
  const events: Event[] = [];
  let open = false;
  const listener: ChatSessionListener = {
    changed: () => {},
    ownerChanged: () => {},
    showOpen: (value) => void (open = value),
    isOpen: () => open,
    agentMessageArrived: () => {},
    dispatch: (event) => void events.push(event),
    hubContainer: () => document.body,
  };
  const session = new ChatSession(listener);
  let current = { ...defaultSettings(), name: `unit-${Math.random().toString(36).slice(2)}`, storage: 'local', cookieDomain: 'none', ...settings };
  session.connect();
  session.configure(current);
  return {
    session,
    events,
    errors: () => events.filter((event): event is ChatErrorEvent => event instanceof ChatErrorEvent).map((event) => event.detail),
    change(next: Partial<SettingValues>) {
      current = { ...current, ...next };
      session.configure(current);
    },
    open() {
      open = true;
      session.openChanged(true);
      session.activate();
    },
  };
}

const texts = (messages: readonly ChatMessage[] | undefined) => (messages ?? []).map((message) => message.text);

describe('ChatSession', () => {
  const sessions: ChatSession[] = [];
  afterEach(() => {
    sessions.splice(0).forEach((session) => session.disconnect());
    localStorage.clear();
  });

  function start(settings: Partial<SettingValues>) {
    const opened = openSession(settings);
    sessions.push(opened.session);
    return opened;
  }

  it('keeps the conversation when a setting that changes in place changes, and sends in it', async () => {
    const deploymentId = uniqueDeploymentId();
    const chat = start({ deploymentId, endpoint: socketUrlFor(deploymentId) });
    await chat.session.whenReady();
    const first = await chat.session.send('Before the change')!;
    expect(first.delivery).to.equal('sent');
    chat.change({ asyncChat: true, consent: 'granted', contextAttributes: 'none' });
    // New parts would start disconnected, without the transcript until the store is read.
    expect(chat.session.snapshot, 'the same conversation, still connected').to.include({ connection: 'connected', hasSession: true });
    expect(texts(chat.session.snapshot?.messages)).to.deep.equal(['Before the change']);
    const second = await chat.session.send('After the change')!;
    expect(second.delivery).to.equal('sent');
    const server = await sessionOf(deploymentId);
    expect(server.messages.map((message) => message.text)).to.deep.equal(['Before the change', 'After the change']);
    expect(await sessionsOf(deploymentId)).to.have.length(1);
  });

  it('moves the conversation to new storage with its session, transcript and a message written in the same task', async () => {
    const deploymentId = uniqueDeploymentId();
    const chat = start({ deploymentId, endpoint: socketUrlFor(deploymentId) });
    await chat.session.whenReady();
    expect((await chat.session.send('First, in localStorage')!).delivery).to.equal('sent');
    const moved = chat.session.send('Written as the storage changes')!;
    chat.change({ storage: 'memory' });
    expect((await moved).delivery, 'the promise settles with the real outcome').to.equal('sent');
    await waitFor(() => texts(chat.session.snapshot?.messages).length === 2, 'both messages on screen');
    expect(texts(chat.session.snapshot?.messages)).to.deep.equal(['First, in localStorage', 'Written as the storage changes']);
    const servers = await sessionsOf(deploymentId);
    expect(servers, 'one session: the token came along').to.have.length(1);
    expect(servers[0]!.messages.map((message) => message.text)).to.deep.equal(['First, in localStorage', 'Written as the storage changes']);
  });

  it('sends what the visitor wrote to the new deployment when the deployment changes, once, and settles its promise', async () => {
    const before = uniqueDeploymentId();
    const after = uniqueDeploymentId();
    const chat = start({ deploymentId: before, endpoint: socketUrlFor(before) });
    chat.open();
    const sent = chat.session.send('Written just before the switch')!;
    chat.change({ deploymentId: after, endpoint: socketUrlFor(after) });
    const message = await sent;
    expect(message.delivery).to.equal('sent');
    const server = await sessionOf(after);
    expect(server.messages.map((each) => each.text)).to.deep.equal(['Written just before the switch']);
    const old = await sessionsOf(before);
    expect(old.flatMap((each) => each.messages), 'nothing went to the old deployment').to.deep.equal([]);
  });

  it('carries several changes in a row, each before the last has settled, without losing or doubling a message', async () => {
    const deploymentId = uniqueDeploymentId();
    const chat = start({ deploymentId, endpoint: socketUrlFor(deploymentId) });
    const promises: Array<Promise<ChatMessage>> = [];
    for (const [index, change] of ([{ storage: 'memory' }, { asyncChat: true }, { storage: 'local' }, { cookieDomain: 'auto' }, { asyncChat: false }] as const).entries()) {
      promises.push(chat.session.send(`Message ${index}`)!);
      chat.change(change);
    }
    const settled = await Promise.all(promises);
    expect(settled.map((message) => message.delivery)).to.deep.equal(['sent', 'sent', 'sent', 'sent', 'sent']);
    const server = await sessionOf(deploymentId);
    expect(server.messages.map((message) => message.text)).to.deep.equal(['Message 0', 'Message 1', 'Message 2', 'Message 3', 'Message 4']);
    expect(await sessionsOf(deploymentId)).to.have.length(1);
  });

  it('keeps what the visitor wrote while the element is away from the page, and sends it when it is back', async () => {
    const deploymentId = uniqueDeploymentId();
    const chat = start({ deploymentId, endpoint: socketUrlFor(deploymentId) });
    const sent = chat.session.send('Written as the element moves')!;
    chat.session.disconnect();
    chat.session.connect();
    expect((await sent).delivery).to.equal('sent');
    const server = await sessionOf(deploymentId);
    expect(server.messages.map((message) => message.text)).to.deep.equal(['Written as the element moves']);
  });

  it('settles the open promises as the messages stand when the element leaves for good, and the next page sends what waits', async () => {
    const deploymentId = uniqueDeploymentId();
    const name = `leaving-${Math.random().toString(36).slice(2)}`;
    const chat = start({ deploymentId, endpoint: socketUrlFor(deploymentId), name });
    expect((await chat.session.send('Before leaving')!).delivery).to.equal('sent');
    const leaving = chat.session.send('Written as the page navigates away')!;
    chat.session.disconnect();
    expect((await leaving).delivery, 'settled, not left waiting for an element that has gone').to.equal('sending');
    // The next page (the same widget) finds it in the stored outbox and sends it, once.
    const next = start({ deploymentId, endpoint: socketUrlFor(deploymentId), name });
    await next.session.whenReady();
    await waitFor(async () => (await sessionOf(deploymentId)).messages.length === 2, 'the message sent by the next page');
    expect((await sessionOf(deploymentId)).messages.map((message) => message.text)).to.deep.equal(['Before leaving', 'Written as the page navigates away']);
  });

  it('ends a chat once when a tab that has not heard from the owner yet ends it: a new chat started after it stays', async () => {
    const deploymentId = uniqueDeploymentId();
    const name = `ending-${Math.random().toString(36).slice(2)}`;
    const owner = start({ deploymentId, endpoint: socketUrlFor(deploymentId), name });
    expect((await owner.session.send('The first chat')!).delivery).to.equal('sent');
    // A second tab of the same widget, ended at once (a sign-out page, say).
    const other = start({ deploymentId, endpoint: socketUrlFor(deploymentId), name });
    other.session.endChat();
    await waitFor(() => owner.session.snapshot?.ended === 'cleared', 'the chat ended');
    owner.session.startNewChat();
    expect((await owner.session.send('A new chat')!).delivery).to.equal('sent');
    // The owner publishes its status several times meanwhile: none of it ends the new chat.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(owner.session.snapshot?.ended).to.equal(undefined);
    const sessions = await sessionsOf(deploymentId);
    expect(sessions.filter((each) => each.messages.some((message) => message.text === 'A new chat')).map((each) => each.state)).to.deep.equal(['active']);
  });
});

describe('readSettings', () => {
  it('takes values of the right type, and falls back to the default for each wrong one, saying which', () => {
    const given = { ...defaultSettings(), deploymentId: { id: 'x' }, asyncChat: 'yes', autoOpen: Number.NaN, windowSize: 30, strings: 'hello', name: 'shop' };
    const { values, problems } = readSettings(given as never);
    expect(values).to.include({ deploymentId: '', asyncChat: false, autoOpen: 0, windowSize: 30, name: 'shop' });
    expect(values.strings).to.deep.equal({});
    expect(problems.map((problem) => problem.setting).sort()).to.deep.equal(['asyncChat', 'autoOpen', 'deploymentId', 'strings']);
    expect(problems.find((problem) => problem.setting === 'deploymentId')?.message).to.equal('deploymentId must be of type string, not object; using the default');
  });

  it('treats null and undefined as not given', () => {
    const { values, problems } = readSettings({ ...defaultSettings(), name: null, region: undefined } as never);
    expect(values).to.include({ name: 'default', region: '' });
    expect(problems).to.deep.equal([]);
  });
});
