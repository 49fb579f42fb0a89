import { randomBytes, randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import type { DevServer } from '../../demo/server/dev-server.js';
import { expect, test, type EmulatorSession } from './helpers.js';

// The visitor's file uploads, spoken over a real socket from Node, as the real service
// describes them (reference §3): onAttachment → PresignedUrlResponse → PUT → UploadSuccessEvent
// → onMessage naming the attachment → its echo carries a download address.
//
// The tests speak to a dev server of their file's own (the build's, as the shared one runs):
// the faults other files apply to every session of the shared server (rate limits, echoes
// lost with the connection) are answered by the widget's retries, which a raw socket has not.

export type Frame = { type: string; class: string; code: number; body: Record<string, unknown>; tracingId?: string };

export const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(1200)]);
export const pdf = Buffer.from('%PDF-1.4\n% a small document\n%%EOF\n');

/** One guest connection on the emulator, with the frames it received kept until a test takes them. */
export class Guest {
  readonly #frames: Frame[] = [];
  readonly #waiting = new Set<() => void>();

  private constructor(
    private readonly socket: WebSocket,
    readonly token: string,
  ) {
    socket.on('message', (data) => {
      this.#frames.push(JSON.parse(data.toString()) as Frame);
      for (const wake of this.#waiting) wake();
    });
  }

  /** A connection that has configured nothing yet. */
  static async connect(baseURL: string, deploymentId: string, token: string = randomUUID()): Promise<Guest> {
    const socket = new WebSocket(`${baseURL.replace(/^http/, 'ws')}/v1?deploymentId=${deploymentId}`);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    return new Guest(socket, token);
  }

  static async open(baseURL: string, deploymentId: string, token: string = randomUUID()): Promise<Guest> {
    const guest = await Guest.connect(baseURL, deploymentId, token);
    guest.send({ action: 'configureSession', deploymentId, token });
    await guest.next('SessionResponse');
    return guest;
  }

  send(request: Record<string, unknown>): void {
    this.socket.send(JSON.stringify({ token: this.token, tracingId: randomUUID(), ...request }));
  }

  /** The first frame of this class (or one of these) not yet taken, waiting for it when it has not come. */
  async next(classes: string | string[], match: (frame: Frame) => boolean = () => true, timeout = 5000): Promise<Frame> {
    const deadline = Date.now() + timeout;
    const className = [classes].flat().join(' or ');
    for (;;) {
      const index = this.#frames.findIndex((frame) => [classes].flat().includes(frame.class) && match(frame));
      if (index >= 0) return this.#frames.splice(index, 1)[0]!;
      if (Date.now() > deadline) throw new Error(`no ${className} frame within ${timeout} ms; received: ${this.#frames.map((frame) => frame.class).join(', ')}`);
      await new Promise<void>((resolve) => {
        const wake = () => (this.#waiting.delete(wake), resolve());
        this.#waiting.add(wake);
        setTimeout(wake, 100);
      });
    }
  }

  /** Asks for an upload of `file` under `attachmentId`: the PresignedUrlResponse, or the refusal. */
  async presign(attachmentId: string, fileName: string, fileType: string, fileSize: number): Promise<Frame> {
    this.send({ action: 'onAttachment', attachmentId, fileName, fileType, fileSize, errorsAsJson: true });
    return this.next(['PresignedUrlResponse', 'UploadFailureEvent', 'string'], (frame) => frame.class === 'string' || frame.body.attachmentId === attachmentId);
  }

  /** Presigns and PUTs `bytes`, waiting for the outcome on the socket. */
  async upload(attachmentId: string, fileName: string, fileType: string, bytes: Buffer): Promise<Frame> {
    const grant = await this.presign(attachmentId, fileName, fileType, bytes.length);
    expect(grant.class).toBe('PresignedUrlResponse');
    expect((await put(grant, bytes, fileType)).status).toBe(200);
    return this.next(['UploadSuccessEvent', 'UploadFailureEvent'], (frame) => frame.body.attachmentId === attachmentId);
  }

  sendMessage(text: string, attachmentIds: string[]): string {
    const tracingId = randomUUID();
    const content = attachmentIds.map((id) => ({ contentType: 'Attachment', attachment: { id } }));
    this.socket.send(JSON.stringify({ action: 'onMessage', token: this.token, tracingId, message: { type: 'Text', text, content } }));
    return tracingId;
  }

  close(): void {
    this.socket.close();
  }
}

/** The PUT a client makes with a grant: every granted header, and the file's type. */
export function put(grant: Frame, bytes: Buffer, contentType: string, headers: Record<string, string> = grant.body.headers as Record<string, string>, url = String(grant.body.url)): Promise<Response> {
  return fetch(url, { method: 'PUT', headers: { ...headers, 'content-type': contentType }, body: new Uint8Array(bytes) });
}

export async function downloaded(url: unknown): Promise<Buffer> {
  const response = await fetch(String(url));
  expect(response.status, `download of ${String(url)}`).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

/** A dev server of the test's own, for emulator options the shared one cannot change (the build's, as the shared one runs). */
export async function privateServer(emulator: Record<string, unknown>): Promise<DevServer> {
  const { startDevServer } = (await import(new URL('../../build/server/dev-server.js', import.meta.url).href)) as typeof import('../../demo/server/dev-server.js');
  return startDevServer({ port: 0, emulator });
}

/**
 * A dev server for the spec file that calls it (started before its tests, closed after), its
 * admin API, and a deployment of each test's own; after each test, every frame either way
 * must have matched the official schema.
 */
export function ownEmulator() {
  let server: DevServer | undefined;
  let deploymentId = '';
  const own = {
    get server(): DevServer {
      if (!server) throw new Error('the emulator starts in beforeAll');
      return server;
    },
    /** The test's latest deployment. */
    get deploymentId(): string {
      return deploymentId;
    },
    get base(): string {
      return `http://localhost:${own.server.port}`;
    },
    /** The emulator's admin API (`/emulator/…`): a POST when there is a body. */
    async api<T = unknown>(path: string, body?: object): Promise<T> {
      const response = await fetch(`${own.base}/emulator/${path}`, body ? { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) } : {});
      expect(response.ok, `admin ${path} answered ${response.status}`).toBe(true);
      return (await response.json()) as T;
    },
    /** A deployment of the test's own (its sessions, its scoped faults), with these settings. */
    async ownDeployment(settings: Record<string, unknown> = {}): Promise<string> {
      deploymentId = `up-${randomUUID().slice(0, 8)}`;
      await own.api(`deployments/${deploymentId}`, settings);
      return deploymentId;
    },
    /** The one session of the test's latest deployment (or of `id`). */
    async sessionOf(id = deploymentId): Promise<EmulatorSession> {
      const sessions = await own.api<EmulatorSession[]>('sessions');
      const found = sessions.filter((session) => session.deploymentId === id);
      expect(found, `sessions of ${id}`).toHaveLength(1);
      return found[0]!;
    },
  };
  test.beforeAll(async () => {
    server = await privateServer({});
  });
  test.afterAll(async () => {
    await server?.close();
  });
  test.afterEach(async () => {
    expect(await own.api('schema-violations')).toEqual([]);
  });
  return own;
}

