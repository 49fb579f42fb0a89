import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRecord, readJsonBody, sendError, sendJson } from '../http/json.js';
import { PlatformClient, UpstreamError } from './platform-client.js';
import type { SiteSignIn, SiteUser } from './site-sign-in.js';

export const attributesEndpointPath = '/api/update-guest-attributes';

/** What the site vouches for, from its own sign-in: never from the request. */
export function vouchedAttributes(user: SiteUser): Record<string, string> {
  return { 'site.customerId': user.sub, 'site.email': user.email, 'site.name': user.name, 'site.signedIn': 'true' };
}

/**
 * The site's own backend vouching for its signed-in visitor on their chat (`attributes-endpoint`).
 * It takes nothing the page says: the attributes come from the site's sign-in (its session
 * cookie). The request must be this site's own (JSON, and its `Origin`), and prove that the
 * conversation is the caller's: the guest's JWT reads the conversation's history, whose
 * newest message names the conversation to the platform API. The attributes go on the
 * conversation's customer participant (`PATCH …/participants/{id}/attributes`).
 */
export async function serveAttributesEndpoint(client: PlatformClient, signIn: SiteSignIn, req: IncomingMessage, res: ServerResponse, origin: string): Promise<void> {
  if (req.method !== 'POST') return sendError(res, 405, 'use POST');
  // A form or a `text/plain` fetch from another site needs no preflight; JSON does, and gets none here.
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return sendError(res, 415, 'the body must be JSON (Content-Type: application/json)');
  if (req.headers.origin !== origin) return sendError(res, 403, 'requests from this site only');
  const user = signIn.userOf(req);
  if (!user) return sendError(res, 401, 'sign in to the site first');
  const body = await readJsonBody(req);
  if (!body.ok) return sendError(res, 400, body.error);
  const jwt = isRecord(body.value) ? body.value.jwt : undefined;
  if (typeof jwt !== 'string' || !/^[\w-]+\.[\w-]+\.[\w-]+$/.test(jwt)) return sendError(res, 400, 'the body must be { "jwt": the guest JWT }');
  try {
    const attributes = vouchedAttributes(user);
    await client.vouch(jwt, attributes);
    sendJson(res, 200, { vouched: Object.keys(attributes) });
  } catch (error) {
    if (error instanceof UpstreamError) return sendError(res, error.status, error.message);
    throw error;
  }
}
