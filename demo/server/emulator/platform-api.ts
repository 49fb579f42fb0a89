import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRecord, readJsonBody, sendJson } from '../http/json.js';
import type { Emulator } from './emulator.js';

/** OAuth clients the emulated platform API accepts (client credentials grant). */
export const defaultOAuthClients: Readonly<Record<string, string>> = { 'demo-client': 'demo-secret' };

const tokenLifetimeSeconds = 3600;

/**
 * The part of the Genesys Cloud platform API a site's backend uses: client-credentials
 * tokens, and the Conversations API's participant attributes.
 */
export class PlatformApi {
  readonly #tokens = new Map<string, number>();
  #unauthorizedCalls = 0;

  constructor(
    private readonly emulator: Emulator,
    private readonly clients: Readonly<Record<string, string>> = defaultOAuthClients,
  ) {}

  /** Fault: the next `count` API calls answer 401, as with a revoked token. */
  refuseNextCalls(count: number): void {
    this.#unauthorizedCalls = count;
  }

  /** `POST /oauth/token` with `grant_type=client_credentials` and HTTP Basic client credentials. */
  async token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'method_not_allowed' });
    const form = new URLSearchParams(await readText(req));
    const [id, secret] = basicCredentials(req.headers.authorization) ?? [form.get('client_id'), form.get('client_secret')];
    if (form.get('grant_type') !== 'client_credentials') return sendJson(res, 400, { error: 'unsupported_grant_type' });
    if (!id || !secret || this.clients[id] !== secret) return sendJson(res, 401, { error: 'invalid_client' });
    const token = randomBytes(24).toString('base64url');
    this.#tokens.set(token, Date.now() + tokenLifetimeSeconds * 1000);
    sendJson(res, 200, { access_token: token, token_type: 'bearer', expires_in: tokenLifetimeSeconds });
  }

  /**
   * The Conversations API a site's backend uses to set data on a messaging conversation
   * (there is no guest or session attributes endpoint on the platform):
   * - `GET /api/v2/conversations/messages/{messageId}/details`: the conversation a message is in;
   * - `GET /api/v2/conversations/messages/{conversationId}`: its participants;
   * - `PATCH /api/v2/conversations/messages/{conversationId}/participants/{participantId}/attributes` with `{ attributes }`.
   */
  async conversations(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (!this.#authorized(req)) return sendJson(res, 401, { message: 'Invalid or expired token', code: 'bad.credentials', status: 401 });
    const details = /^\/api\/v2\/conversations\/messages\/([^/]+)\/details$/.exec(pathname);
    const attributes = /^\/api\/v2\/conversations\/messages\/([^/]+)\/participants\/([^/]+)\/attributes$/.exec(pathname);
    const conversation = /^\/api\/v2\/conversations\/messages\/([^/]+)$/.exec(pathname);
    if (details && req.method === 'GET') {
      const found = this.emulator.findMessage(decodeURIComponent(details[1]!));
      if (!found) return notFound(res, 'message');
      return sendJson(res, 200, { id: found.message.id, conversationId: found.session.id, direction: found.message.direction.toLowerCase(), timestamp: found.message.time });
    }
    if (conversation && req.method === 'GET') {
      const session = this.emulator.findById(decodeURIComponent(conversation[1]!));
      if (!session) return notFound(res, 'conversation');
      return sendJson(res, 200, {
        id: session.id,
        participants: [{ id: session.customerParticipantId, purpose: 'customer', attributes: { ...session.participantAttributes } }],
      });
    }
    if (attributes && req.method === 'PATCH') {
      const session = this.emulator.findById(decodeURIComponent(attributes[1]!));
      if (!session) return notFound(res, 'conversation');
      if (decodeURIComponent(attributes[2]!) !== session.customerParticipantId) return notFound(res, 'participant');
      const body = await readJsonBody(req);
      const given = body.ok && isRecord(body.value) ? body.value.attributes : undefined;
      if (!isRecord(given) || !Object.values(given).every((value) => typeof value === 'string')) return sendJson(res, 400, { message: 'attributes must map strings to strings', code: 'bad.request', status: 400 });
      Object.assign(session.participantAttributes, given);
      this.emulator.changed();
      return sendJson(res, 202, { attributes: { ...session.participantAttributes } });
    }
    return sendJson(res, 404, { message: `no such route: ${req.method} ${pathname}`, code: 'not.found', status: 404 });
  }

  #authorized(req: IncomingMessage): boolean {
    const bearer = /^bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const expiresAt = bearer ? this.#tokens.get(bearer) : undefined;
    if (this.#unauthorizedCalls > 0 || !expiresAt || expiresAt < Date.now()) {
      this.#unauthorizedCalls = Math.max(0, this.#unauthorizedCalls - 1);
      return false;
    }
    return true;
  }
}

function notFound(res: ServerResponse, what: string): void {
  sendJson(res, 404, { message: `${what} not found`, code: 'not.found', status: 404 });
}

function basicCredentials(header: string | undefined): [string, string] | undefined {
  const encoded = /^basic\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (!encoded) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  return separator < 0 ? undefined : [decoded.slice(0, separator), decoded.slice(separator + 1)];
}

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 16 * 1024) break;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
