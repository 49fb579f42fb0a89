import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRecord, readJsonBody, sendJson } from '../http/json.js';
import type { Emulator } from './emulator.js';

/** OAuth clients the emulated platform API accepts (client credentials grant). */
export const defaultOAuthClients: Readonly<Record<string, string>> = { 'demo-client': 'demo-secret' };

const tokenLifetimeSeconds = 3600;

/**
 * The part of the Genesys Cloud platform API a site's backend uses: client-credentials
 * tokens, and updating a guest session's attributes.
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

  /** `PATCH /api/v2/webmessaging/sessions/{id}/attributes` with `{ customAttributes }`. */
  async updateAttributes(req: IncomingMessage, res: ServerResponse, sessionId: string): Promise<void> {
    if (req.method !== 'PATCH') return sendJson(res, 405, { message: 'Method not allowed', status: 405 });
    const bearer = /^bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const expiresAt = bearer ? this.#tokens.get(bearer) : undefined;
    if (this.#unauthorizedCalls > 0 || !expiresAt || expiresAt < Date.now()) {
      this.#unauthorizedCalls = Math.max(0, this.#unauthorizedCalls - 1);
      return sendJson(res, 401, { message: 'Invalid or expired token', code: 'bad.credentials', status: 401 });
    }
    const body = await readJsonBody(req);
    const attributes = body.ok && isRecord(body.value) ? body.value.customAttributes : undefined;
    if (!isRecord(attributes) || !Object.values(attributes).every((value) => typeof value === 'string')) {
      return sendJson(res, 400, { message: 'customAttributes must map strings to strings', status: 400 });
    }
    const session = this.emulator.findById(sessionId);
    if (!session) return sendJson(res, 404, { message: `No session ${sessionId}`, status: 404 });
    Object.assign(session.customAttributes, attributes);
    this.emulator.changed();
    sendJson(res, 200, { customAttributes: session.customAttributes });
  }
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
