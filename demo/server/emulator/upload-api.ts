import { createHash } from 'node:crypto';
import { readRawBody } from '../http/raw-body.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError } from '../http/json.js';
import type { FaultInjector } from './faults.js';
import type { GuestSession } from './guest-session.js';
import { isUuid } from './upload-rules.js';
import { uploadsPrefix, type Uploads } from './uploads.js';

/** What the upload host needs from the emulator. */
export interface UploadApiHost {
  readonly uploads: Uploads;
  readonly faults: FaultInjector;
  isAllowedOrigin(origin: string | undefined): boolean;
  findById(id: string): GuestSession | undefined;
}

/** The headers a browser may send with the PUT (S3's CORS rule of the upload bucket, as the emulator sets it). */
const allowedHeaders = ['content-type', 'x-amz-tagging'];

/**
 * `PUT /emulator/uploads/{attachmentId}?X-Amz-…`: the upload host, as strict as S3 with a
 * presigned PUT. The address must be the one granted and unexpired, every header granted
 * must be there as given, `Content-Type` must be the declared type and the length the
 * declared size. A browser's preflight is answered for allowed origins only.
 */
export async function serveUpload(host: UploadApiHost, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const origin = req.headers.origin;
  const allowedOrigin = origin !== undefined && host.isAllowedOrigin(origin);
  if (allowedOrigin) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Expose-Headers', 'ETag');
  }
  res.setHeader('Vary', 'Origin');
  if (req.method === 'OPTIONS') return preflight(req, res, allowedOrigin);
  if (req.method !== 'PUT') {
    res.setHeader('Allow', 'PUT, OPTIONS');
    return sendError(res, 405, 'MethodNotAllowed');
  }

  const attachmentId = url.pathname.slice(uploadsPrefix.length);
  const grant = isUuid(attachmentId) ? host.uploads.grantFor(attachmentId) : undefined;
  if (!grant) return sendError(res, 403, 'AccessDenied');
  const refused = host.uploads.checkAddress(url, grant);
  if (refused) return sendError(res, 403, refused);
  for (const [name, value] of Object.entries(grant.headers)) {
    if (req.headers[name] !== value) return sendError(res, 403, `SignatureDoesNotMatch: the signed header ${name} is missing or altered`);
  }
  if (req.headers['content-type'] !== grant.fileType) return sendError(res, 403, 'SignatureDoesNotMatch: Content-Type is not the declared fileType');
  const declared = req.headers['content-length'];
  if (declared === undefined) return sendError(res, 411, 'MissingContentLength');
  if (Number(declared) !== grant.fileSize) {
    // Not read: a body of another size is refused before it is received.
    if (Number(declared) > grant.fileSize) res.setHeader('Connection', 'close');
    return sendError(res, 400, 'IncompleteBody: Content-Length is not the declared fileSize');
  }
  const session = host.findById(grant.owner.sessionId);
  if (!session || session.isExpired()) return sendError(res, 403, 'AccessDenied: the session that asked for this upload has ended');

  const bytes = await readExactly(req, grant.fileSize);
  if (!bytes) {
    res.setHeader('Connection', 'close');
    return sendError(res, 400, 'IncompleteBody: the body is not the declared fileSize');
  }
  // A stalled upload is read, then held unanswered: the fault's point is an upload that hangs.
  host.faults.whenUploadsFlow(grant.owner.deploymentId, () => {
    res.writeHead(200, { ETag: `"${createHash('md5').update(bytes).digest('hex')}"`, 'Content-Length': '0' }).end();
    host.uploads.receive(grant, bytes);
  });
}

/** A browser's CORS preflight: an allowed origin may PUT with the granted headers, nothing else. */
function preflight(req: IncomingMessage, res: ServerResponse, allowedOrigin: boolean): void {
  const method = req.headers['access-control-request-method'];
  const headers = (req.headers['access-control-request-headers'] ?? '')
    .split(',')
    .map((each) => each.trim().toLowerCase())
    .filter(Boolean);
  if (!allowedOrigin || method !== 'PUT' || !headers.every((header) => allowedHeaders.includes(header))) {
    return sendError(res, 403, 'CORSResponse: This CORS request is not allowed');
  }
  res.writeHead(200, {
    'Access-Control-Allow-Methods': 'PUT',
    'Access-Control-Allow-Headers': allowedHeaders.join(', '),
    'Access-Control-Max-Age': '600',
    'Content-Length': '0',
  });
  res.end();
}

/** The body, when it is exactly `size` bytes; never holds more than `size` (a longer body is cut off). */
async function readExactly(req: IncomingMessage, size: number): Promise<Buffer | undefined> {
  const body = await readRawBody(req, size);
  return body.ok && body.bytes.length === size ? body.bytes : undefined;
}
