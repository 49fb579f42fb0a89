import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http/json.js';
import type { Emulator } from './emulator.js';

export const historyPath = '/api/v2/webmessaging/messages';

/** `GET /api/v2/webmessaging/messages`: the guest's history, newest first, behind the JWT from `getJwt`. */
export async function serveHistory(emulator: Emulator, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const origin = req.headers.origin;
  if (origin !== undefined) {
    if (!emulator.isAllowedOrigin(origin)) return sendJson(res, 403, { message: 'Origin not allowed', status: 403 });
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Vary', 'Origin');
  }
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      'Access-Control-Allow-Methods': 'GET, OPTIONS',
      'Access-Control-Allow-Headers': 'Authorization, Content-Type',
      'Access-Control-Max-Age': '600',
    });
    return void res.end();
  }
  if (req.method !== 'GET') return sendJson(res, 405, { message: 'Method not allowed', status: 405 });

  const bearer = /^bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const sessionId = bearer ? await emulator.jwt.verify(bearer) : undefined;
  const session = sessionId ? emulator.findById(sessionId) : undefined;
  if (!session) return sendJson(res, 401, { message: 'Invalid or expired token', code: 'bad.credentials', status: 401 });

  const lenient = emulator.deployments.settings(session.deploymentId).lenient;
  const pageSize = clampInteger(url.searchParams.get('pageSize'), 25, 1, 100);
  const pageNumber = clampInteger(url.searchParams.get('pageNumber'), 1, 1, Number.MAX_SAFE_INTEGER);
  const newestFirst = [...session.messages].reverse();
  const start = (pageNumber - 1) * pageSize;
  sendJson(res, 200, {
    // The guest's message metadata is not promised in history: only the lenient mode keeps it.
    entities: newestFirst.slice(start, start + pageSize).map((message) => emulator.wire(message, { clientMetadata: lenient })),
    pageSize,
    pageNumber,
    total: newestFirst.length,
    pageCount: Math.ceil(newestFirst.length / pageSize),
  });
}

function clampInteger(value: string | null, fallback: number, min: number, max: number): number {
  const parsed = value === null ? Number.NaN : Number(value);
  return Number.isInteger(parsed) ? Math.min(max, Math.max(min, parsed)) : fallback;
}
