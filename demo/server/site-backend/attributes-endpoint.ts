import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRecord, readJsonBody, sendError, sendJson } from '../http/json.js';
import { PlatformClient, UpstreamError } from './platform-client.js';

export const attributesEndpointPath = '/api/update-guest-attributes';

const maxAttributes = 50;
const maxValueLength = 1024;

/**
 * The site's own backend, as the product documents recommend: it validates the guest
 * attributes a page sends before they reach the contact centre, then updates the session
 * through the platform API with the site's own OAuth client.
 */
export async function serveAttributesEndpoint(client: PlatformClient, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST') return sendError(res, 405, 'use POST');
  const body = await readJsonBody(req);
  if (!body.ok) return sendError(res, 400, body.error);
  const problem = validate(body.value);
  if (problem) return sendError(res, 400, problem);
  const { sessionId, attributes } = body.value as { sessionId: string; attributes: Record<string, string> };
  try {
    await client.updateAttributes(sessionId, attributes);
    sendJson(res, 200, { updated: Object.keys(attributes).length });
  } catch (error) {
    if (error instanceof UpstreamError) return sendError(res, error.status === 404 ? 404 : 502, error.message);
    throw error;
  }
}

function validate(value: unknown): string | undefined {
  if (!isRecord(value)) return 'the body must be a JSON object { sessionId, attributes }';
  const { sessionId, attributes } = value;
  if (typeof sessionId !== 'string' || !/^[A-Za-z0-9-]{1,128}$/.test(sessionId)) return '"sessionId" must be a session id';
  if (!isRecord(attributes)) return '"attributes" must be a flat object of strings';
  const entries = Object.entries(attributes);
  if (entries.length > maxAttributes) return `"attributes" may hold at most ${maxAttributes} keys`;
  for (const [key, each] of entries) {
    if (typeof each !== 'string') return `attribute ${JSON.stringify(key)} must be a string`;
    if (each.length > maxValueLength) return `attribute ${JSON.stringify(key)} is longer than ${maxValueLength} characters`;
  }
  return undefined;
}
