import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRecord, readJsonBody, sendError, sendJson } from '../http/json.js';
import { receiveAgentFile } from './agent-file-api.js';
import { contentKinds, sampleContent, type ContentKind } from './content-samples.js';
import { changeDeployment } from './deployment-api.js';
import type { Emulator } from './emulator.js';
import type { GuestSession } from './guest-session.js';
import type { PlatformApi } from './platform-api.js';

export const adminPrefix = '/emulator/';

type SessionAction = (session: GuestSession, body: Record<string, unknown>, res: ServerResponse) => void;

/** The agent's side of the emulator, as JSON over HTTP: what the console and the tests drive. */
export async function serveAdmin(emulator: Emulator, req: IncomingMessage, res: ServerResponse, url: URL, platform: PlatformApi): Promise<void> {
  const path = url.pathname;
  if (req.method === 'GET' && path === '/emulator/sessions') return sendJson(res, 200, emulator.sessions());
  if (req.method === 'GET' && path === '/emulator/events') return streamChanges(emulator, req, res);
  if (req.method === 'GET' && path === '/emulator/faults') return sendJson(res, 200, emulator.faults.log);
  if (req.method === 'GET' && path === '/emulator/schema-violations') return sendJson(res, 200, emulator.schemaViolations);
  // How many JWT refreshes each signed-in visitor asked for: one browser's tabs share one.
  if (req.method === 'GET' && path === '/emulator/sign-ins') return sendJson(res, 200, { refreshes: Object.fromEntries(emulator.signIns.refreshes) });
  const deployment = /^\/emulator\/deployments\/([A-Za-z0-9_-]{1,128})$/.exec(path);
  if (req.method === 'GET' && deployment) return sendJson(res, 200, emulator.deployments.settings(deployment[1]!));
  if (req.method !== 'POST') return sendError(res, 405, `${req.method} is not supported on ${path}`);
  // A file's bytes are the body itself, not JSON.
  const agentFile = /^\/emulator\/sessions\/([^/]+)\/file$/.exec(path);
  if (agentFile) return receiveAgentFile(emulator, req, res, url, decodeURIComponent(agentFile[1]!));

  const body = await readJsonBody(req);
  if (!body.ok) return sendError(res, 400, body.error);
  if (!isRecord(body.value)) return sendError(res, 400, 'request body must be a JSON object');

  if (path === '/emulator/reset') {
    emulator.reset();
    return sendJson(res, 200, { reset: true });
  }
  if (path === '/emulator/faults') return applyFault(emulator, platform, body.value, res);
  if (deployment) return changeDeployment(emulator, deployment[1]!, body.value, res);

  const match = /^\/emulator\/sessions\/([^/]+)\/([a-z-]+)$/.exec(path);
  const action = match ? sessionActions[match[2]!] : undefined;
  if (!match || !action) return sendError(res, 404, `no such admin route: POST ${path}`);
  const session = emulator.findById(decodeURIComponent(match[1]!));
  if (!session) return sendError(res, 404, `no session with id ${match[1]}`);
  action.call(emulator, session, body.value, res);
}

const sessionActions: Record<string, (this: Emulator, ...args: Parameters<SessionAction>) => void> = {
  messages(session, body, res) {
    const { text, texts, nickname, quickReplies, image, kind, content } = body;
    if (texts !== undefined) {
      // A batch, in order: to seed a long conversation for a demo or a test.
      if (!Array.isArray(texts) || texts.length === 0 || texts.length > 10_000 || !texts.every((each) => typeof each === 'string' && each.trim() !== '')) {
        return sendError(res, 400, '"texts" must be a list of 1 to 10000 non-empty strings');
      }
      const ids = texts.map((each: string) => this.agentSays(session, each, typeof nickname === 'string' ? { nickname } : {}).id);
      return sendJson(res, 201, { ids });
    }
    if (kind !== undefined && !contentKinds.includes(kind as ContentKind)) return sendError(res, 400, `"kind" must be one of ${contentKinds.join(', ')}`);
    if (content !== undefined && !(Array.isArray(content) && content.length <= 20 && content.every((item) => isRecord(item) && typeof item.contentType === 'string'))) {
      return sendError(res, 400, '"content" must be a list of up to 20 Guest API content items, each with a "contentType"');
    }
    const items = [...(kind ? sampleContent(kind as ContentKind, this.files, this.publicOrigin) : []), ...((content as unknown[] | undefined) ?? [])];
    if (text !== undefined && typeof text !== 'string') return sendError(res, 400, '"text" must be a string');
    if ((typeof text !== 'string' || text.trim() === '') && items.length === 0) return sendError(res, 400, '"text" must be a non-empty string (or give "kind" or "content")');
    if (nickname !== undefined && typeof nickname !== 'string') return sendError(res, 400, '"nickname" must be a string');
    if (image !== undefined && typeof image !== 'string') return sendError(res, 400, '"image" must be a URL');
    const replies = quickReplies === undefined ? [] : quickReplies;
    if (!Array.isArray(replies) || !replies.every((reply) => isRecord(reply) && typeof reply.text === 'string' && (reply.payload === undefined || typeof reply.payload === 'string'))) {
      return sendError(res, 400, '"quickReplies" must be a list of { "text", "payload"? }');
    }
    const stored = this.agentSays(session, typeof text === 'string' ? text : '', {
      content: items,
      ...(nickname ? { nickname } : {}),
      ...(image ? { image } : {}),
      quickReplies: replies.map((reply) => ({ text: String(reply.text), payload: String(reply.payload ?? reply.text) })),
    });
    sendJson(res, 201, { id: stored.id, time: stored.time });
  },
  typing(session, _body, res) {
    this.agentTyping(session);
    sendJson(res, 200, { typing: true });
  },
  disconnect(session, body, res) {
    if (body.readOnly !== undefined && typeof body.readOnly !== 'boolean') {
      return sendError(res, 400, '"readOnly" must be true or false');
    }
    this.agentDisconnects(session, body.readOnly === true);
    sendJson(res, 200, { disconnected: true, readOnly: session.readOnly });
  },
  expire(session, _body, res) {
    this.expire(session);
    sendJson(res, 200, { expired: true });
  },
};

type FaultHandler = (emulator: Emulator, platform: PlatformApi, body: Record<string, unknown>, res: ServerResponse) => void;

const whole = (value: unknown, min: number, max: number): value is number => typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/** Malformed frames a server could send: each must be ignored without breaking the connection. */
const defaultMalformedFrames = [
  'not json at all',
  '{"type":"message","class":"StructuredMessage"}',
  '{"type":"surprise","class":"StructuredMessage","code":200,"body":{}}',
  '{"type":"message","class":"UnknownClassFromTheFuture","code":200,"body":{"x":1}}',
  '{"type":"message","class":"StructuredMessage","code":200,"body":{"type":"Text","text":"no id"}}',
  '[1,2,3]',
  'null',
  JSON.stringify({ type: 'message', class: 'StructuredMessage', code: 200, body: { id: 'huge', type: 'Text', direction: 'Outbound', text: 'x'.repeat(200_000) } }),
];

const faultHandlers: Record<string, FaultHandler> = {
  'drop-connections'(emulator, _platform, { sessionId }, res) {
    if (sessionId === undefined) return sendJson(res, 200, { dropped: emulator.dropConnections() });
    const session = typeof sessionId === 'string' ? emulator.findById(sessionId) : undefined;
    if (!session) return sendError(res, 404, `no session with id ${JSON.stringify(sessionId)}`);
    sendJson(res, 200, { dropped: session.dropAll() });
  },
  'refuse-connections'(emulator, _platform, { ms, deploymentId }, res) {
    if (!whole(ms, 0, 600_000)) return sendError(res, 400, '"ms" must be a number of milliseconds from 0 to 600000');
    if (deploymentId !== undefined && typeof deploymentId !== 'string') return sendError(res, 400, '"deploymentId" must be a string');
    emulator.refuseConnections(ms, deploymentId);
    sendJson(res, 200, { refusingForMs: ms });
  },
  'close-connections'(emulator, _platform, { code = 1011, reason = 'closed by a fault' }, res) {
    if (!whole(code, 1000, 4999) || code === 1005 || code === 1006 || typeof reason !== 'string') {
      return sendError(res, 400, '"code" must be a WebSocket close code (1000-4999, not 1005 or 1006) and "reason" a string');
    }
    sendJson(res, 200, { closed: emulator.closeConnections(code, reason) });
  },
  restart(emulator, _platform, { ms = 500 }, res) {
    if (!whole(ms, 0, 60_000)) return sendError(res, 400, '"ms" must be from 0 to 60000');
    // A restart forgets every live socket but keeps the sessions, and is away for a moment.
    emulator.refuseConnections(ms);
    sendJson(res, 200, { dropped: emulator.dropConnections(), awayForMs: ms });
  },
  'delay-frames'(emulator, _platform, { ms, deploymentId }, res) {
    if (!whole(ms, 0, 10_000)) return sendError(res, 400, '"ms" must be from 0 to 10000 (0 stops the delay)');
    if (deploymentId !== undefined && typeof deploymentId !== 'string') return sendError(res, 400, '"deploymentId" must be a string');
    emulator.faults.delay(ms, deploymentId);
    sendJson(res, 200, { delayMs: ms });
  },
  'reorder-frames'(emulator, _platform, { windowMs, deploymentId }, res) {
    if (!whole(windowMs, 0, 10_000)) return sendError(res, 400, '"windowMs" must be from 0 to 10000 (0 stops reordering)');
    if (deploymentId !== undefined && typeof deploymentId !== 'string') return sendError(res, 400, '"deploymentId" must be a string');
    emulator.faults.reorder(windowMs, deploymentId);
    sendJson(res, 200, { reorderWindowMs: windowMs });
  },
  'drop-every'(emulator, _platform, { min, max, deploymentId }, res) {
    if (!whole(min, 0, 10_000) || !whole(max, min as number, 10_000)) return sendError(res, 400, '"min" and "max" must be frame counts, 0 <= min <= max (min 0 stops it)');
    if (deploymentId !== undefined && typeof deploymentId !== 'string') return sendError(res, 400, '"deploymentId" must be a string');
    emulator.faults.dropEvery(min as number, max as number, deploymentId);
    sendJson(res, 200, { droppingEvery: min === 0 ? undefined : [min, max] });
  },
  'too-many-requests'(emulator, _platform, { count }, res) {
    if (!whole(count, 1, 1000)) return sendError(res, 400, '"count" must be from 1 to 1000');
    emulator.faults.rateLimitNext(count);
    sendJson(res, 200, { refusingMessages: count });
  },
  'drop-before-echo'(emulator, _platform, { count = 1 }, res) {
    if (!whole(count, 1, 100)) return sendError(res, 400, '"count" must be from 1 to 100');
    emulator.faults.dropBeforeEcho(count);
    sendJson(res, 200, { droppingBeforeEcho: count });
  },
  'malformed-frames'(emulator, _platform, { sessionId, frames = defaultMalformedFrames }, res) {
    const session = typeof sessionId === 'string' ? emulator.findById(sessionId) : undefined;
    if (!session) return sendError(res, 404, `no session with id ${JSON.stringify(sessionId)}`);
    if (!Array.isArray(frames) || !frames.every((frame) => typeof frame === 'string')) return sendError(res, 400, '"frames" must be a list of strings');
    sendJson(res, 200, { connections: emulator.sendRaw(session, frames), frames: frames.length });
  },
  'refuse-refresh'(emulator, _platform, { count = 1 }, res) {
    if (!whole(count, 0, 100)) return sendError(res, 400, '"count" must be from 0 to 100 (0 stops it)');
    emulator.signIns.refuseNextRefreshes(count);
    sendJson(res, 200, { refusingRefreshes: count });
  },
  'api-unauthorized'(_emulator, platform, { count }, res) {
    if (!whole(count, 0, 100)) return sendError(res, 400, '"count" must be a whole number from 0 to 100 (0 stops it)');
    platform.refuseNextCalls(count);
    sendJson(res, 200, { refusingCalls: count });
  },
  'fail-next-upload'(emulator, _platform, { count = 1, errorCode = 4003, deploymentId }, res) {
    if (!whole(count, 0, 100)) return sendError(res, 400, '"count" must be from 0 to 100 (0 stops it)');
    if (!whole(errorCode, 4000, 4999)) return sendError(res, 400, '"errorCode" must be a Guest API error code from 4000 to 4999');
    if (deploymentId !== undefined && typeof deploymentId !== 'string') return sendError(res, 400, '"deploymentId" must be a string');
    emulator.faults.failNextUploads(count, errorCode, deploymentId);
    sendJson(res, 200, { failingUploads: count, errorCode });
  },
  'stall-uploads'(emulator, _platform, { on, deploymentId }, res) {
    if (typeof on !== 'boolean') return sendError(res, 400, '"on" must be true (hold every upload unanswered) or false (let them complete)');
    if (deploymentId !== undefined && typeof deploymentId !== 'string') return sendError(res, 400, '"deploymentId" must be a string');
    emulator.faults.stallUploads(on, deploymentId);
    sendJson(res, 200, { stallingUploads: on });
  },
  'expire-download-urls'(emulator, _platform, { deploymentId }, res) {
    if (deploymentId !== undefined && typeof deploymentId !== 'string') return sendError(res, 400, '"deploymentId" must be a string');
    emulator.files.expireUrls(deploymentId);
    sendJson(res, 200, { expiredDownloadUrls: true });
  },
  clear(emulator, _platform, _body, res) {
    emulator.faults.reset();
    emulator.refuseConnections(0);
    sendJson(res, 200, { cleared: true });
  },
};

/** The upload faults under the names the widget's contract gives them, for the kebab-case kinds above. */
const faultAliases: Record<string, string> = { failNextUpload: 'fail-next-upload', stallUploads: 'stall-uploads', expireDownloadUrls: 'expire-download-urls' };

function applyFault(emulator: Emulator, platform: PlatformApi, body: Record<string, unknown>, res: ServerResponse): void {
  const named = typeof body.kind === 'string' ? (Object.hasOwn(faultAliases, body.kind) ? faultAliases[body.kind]! : body.kind) : undefined;
  const handler = named !== undefined && Object.hasOwn(faultHandlers, named) ? faultHandlers[named] : undefined;
  if (!handler) return sendError(res, 400, `unknown fault kind ${JSON.stringify(body.kind)}; supported: ${Object.keys(faultHandlers).join(', ')}`);
  const { kind: _given, ...detail } = body;
  const kind = named!;
  if (kind !== 'malformed-frames') emulator.faults.record(String(kind), detail);
  else emulator.faults.record('malformed-frames', { sessionId: detail.sessionId });
  handler(emulator, platform, body, res);
}

/** Server-sent events: one `change` event whenever a session changes, so the console stays live. */
function streamChanges(emulator: Emulator, req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
  res.write('retry: 1000\n\n');
  let pending = false;
  const unsubscribe = emulator.onChange(() => {
    if (pending) return;
    pending = true;
    setTimeout(() => {
      pending = false;
      res.write('event: change\ndata: {}\n\n');
    }, 50);
  });
  req.on('close', unsubscribe);
}
