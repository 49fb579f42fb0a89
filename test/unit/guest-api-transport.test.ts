import { expect } from '@open-wc/testing';
import type { ConnectionState } from '../../src/transport/connection-state.js';
import type { ServerFrame, SessionResponseBody } from '../../src/transport/guest-api-frames.js';
import { GuestApiTransport, type TransportFailure } from '../../src/transport/guest-api-transport.js';
import { faults, sessionOf, socketUrlFor, uniqueDeploymentId, waitFor } from './helpers/emulator.js';

function recorder() {
  const states: ConnectionState[] = [];
  const sessions: SessionResponseBody[] = [];
  const frames: ServerFrame[] = [];
  const failures: TransportFailure[] = [];
  const ignored: string[] = [];
  return {
    states, sessions, frames, failures, ignored,
    listener: {
      stateChanged: (state: ConnectionState) => states.push(state),
      sessionConfigured: (session: SessionResponseBody) => sessions.push(session),
      frameReceived: (frame: ServerFrame) => frames.push(frame),
      frameIgnored: (reason: string) => ignored.push(reason),
      failed: (failure: TransportFailure) => failures.push(failure),
    },
  };
}

describe('GuestApiTransport against the emulator', () => {
  let transport: GuestApiTransport | undefined;
  afterEach(() => transport?.stop());

  it('configures a new session, then restores it with the same token', async () => {
    const deploymentId = uniqueDeploymentId();
    const token = crypto.randomUUID();
    const first = recorder();
    transport = new GuestApiTransport({ socketUrl: socketUrlFor(deploymentId), deploymentId }, first.listener);
    transport.start(token);
    await waitFor(() => first.sessions[0], 'the first session');
    expect(first.sessions[0]).to.include({ connected: true, newSession: true, readOnly: false, maxCustomDataBytes: 2048 });
    expect(first.states).to.deep.equal(['connecting', 'connected']);
    transport.stop();

    const second = recorder();
    transport = new GuestApiTransport({ socketUrl: socketUrlFor(deploymentId), deploymentId }, second.listener);
    transport.start(token);
    await waitFor(() => second.sessions[0], 'the restored session');
    expect(second.sessions[0]!.newSession).to.equal(false);
  });

  it('matches the echo of a message to its request by tracingId', async () => {
    const deploymentId = uniqueDeploymentId();
    const events = recorder();
    transport = new GuestApiTransport({ socketUrl: socketUrlFor(deploymentId), deploymentId }, events.listener);
    transport.start(crypto.randomUUID());
    await waitFor(() => events.sessions[0], 'session');
    const answer = await transport.request({ action: 'onMessage', tracingId: 'trace-1', message: { type: 'Text', text: 'hello' } });
    expect(answer).to.include({ type: 'message', class: 'StructuredMessage', tracingId: 'trace-1' });
    expect((answer.body as { text: string }).text).to.equal('hello');
    // The echo is a push, so the conversation sees it too.
    expect(events.frames.some((frame) => frame.tracingId === 'trace-1')).to.equal(true);
  });

  it('answers the echo heartbeat and stays connected', async () => {
    const deploymentId = uniqueDeploymentId();
    const events = recorder();
    transport = new GuestApiTransport({ socketUrl: socketUrlFor(deploymentId), deploymentId, heartbeatIntervalMs: 50 }, events.listener);
    transport.start(crypto.randomUUID());
    await waitFor(() => events.sessions[0], 'session');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(transport.state).to.equal('connected');
    expect(events.states).to.deep.equal(['connecting', 'connected']);
  });

  it('reconnects with the same token after the connection drops', async () => {
    const deploymentId = uniqueDeploymentId();
    const events = recorder();
    transport = new GuestApiTransport(
      { socketUrl: socketUrlFor(deploymentId), deploymentId, backoff: { initialMs: 50, maxMs: 200 } },
      events.listener,
    );
    transport.start(crypto.randomUUID());
    await waitFor(() => events.sessions[0], 'session');
    const session = await sessionOf(deploymentId);
    await faults.dropConnections(session.id);
    await waitFor(() => events.sessions[1], 'the second configure');
    expect(events.states).to.deep.equal(['connecting', 'connected', 'reconnecting', 'connected']);
    expect(events.sessions[1]!.newSession).to.equal(false);
    const [after] = await waitFor(async () => {
      const sessions = await (await fetch('/emulator/sessions')).json() as Array<{ id: string; connections: number }>;
      const same = sessions.filter((each) => each.id === session.id && each.connections === 1);
      return same.length ? same : undefined;
    }, 'one live connection again');
    expect(after!.id).to.equal(session.id);
  });

  it('keeps trying while connections are refused, reading offline after a few attempts', async () => {
    const deploymentId = uniqueDeploymentId();
    // Long enough for two refused attempts in Firefox too, which spaces out failed WebSocket
    // connections to one host by itself (RFC 6455 §7.2.3).
    await faults.refuseConnections(deploymentId, 1500);
    const events = recorder();
    transport = new GuestApiTransport(
      { socketUrl: socketUrlFor(deploymentId), deploymentId, backoff: { initialMs: 20, maxMs: 40 }, offlineAfterAttempts: 2 },
      events.listener,
    );
    transport.start(crypto.randomUUID());
    await waitFor(() => events.sessions[0], 'a session once the outage ends', 5000);
    expect(events.states).to.include('offline');
    expect(events.states.at(-1)).to.equal('connected');
    expect(events.failures.map((failure) => failure.code)).to.deep.equal(['connection-failed']);
  });

  it('reports a server that cannot be reached, once', async () => {
    const events = recorder();
    transport = new GuestApiTransport(
      { socketUrl: 'ws://127.0.0.1:9/v1?deploymentId=x', deploymentId: 'x', backoff: { initialMs: 10, maxMs: 20 } },
      events.listener,
    );
    transport.start(crypto.randomUUID());
    await waitFor(() => events.failures[0], 'the failure');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(events.failures).to.have.length(1);
    expect(events.failures[0]!.code).to.equal('connection-failed');
  });

  it('rejects requests while it is not connected', async () => {
    transport = new GuestApiTransport({ socketUrl: socketUrlFor('x'), deploymentId: 'x' }, recorder().listener);
    const error = await transport.request({ action: 'getJwt' }).catch((reason: unknown) => reason);
    expect(error).to.have.property('reason', 'disconnected');
  });
});
