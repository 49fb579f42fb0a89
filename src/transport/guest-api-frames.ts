/** The Guest API's wire shapes, and a checked parser for what the server sends. */

/** A frame from the server: `type: "response"` answers a request, `type: "message"` is a push. */
export interface ServerFrame {
  type: 'response' | 'message';
  class: string;
  code: number;
  body: unknown;
  tracingId?: string;
}

export interface SessionResponseBody {
  connected: boolean;
  newSession: boolean;
  readOnly: boolean;
  maxCustomDataBytes?: number;
  durationSeconds?: number;
  expirationDate?: number;
}

/** The fixed `tracingId` of the heartbeat: base64 of "HealthCheckMessageId", as the official SDK sends. */
export const heartbeatTracingId = 'SGVhbHRoQ2hlY2tNZXNzYWdlSWQ=';

export type ParsedFrame = { ok: true; frame: ServerFrame } | { ok: false; reason: string };

/** Larger frames are refused unread: agent text is capped at 4,000 characters by the Guest API. */
export const maxFrameLength = 128 * 1024;

/** Checks the envelope's shape; anything else is refused with a reason, never thrown. */
export function parseServerFrame(data: unknown): ParsedFrame {
  if (typeof data !== 'string') return { ok: false, reason: 'binary frame' };
  if (data.length > maxFrameLength) return { ok: false, reason: `frame of ${data.length} characters is larger than ${maxFrameLength}` };
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return { ok: false, reason: 'frame is not JSON' };
  }
  if (!isRecord(value)) return { ok: false, reason: 'frame is not an object' };
  const { type, code, tracingId } = value;
  if (type !== 'response' && type !== 'message') return { ok: false, reason: `unknown frame type ${String(type)}` };
  if (typeof value.class !== 'string') return { ok: false, reason: 'frame has no class' };
  if (typeof code !== 'number') return { ok: false, reason: 'frame has no numeric code' };
  const frame: ServerFrame = { type, class: value.class, code, body: value.body };
  if (typeof tracingId === 'string') frame.tracingId = tracingId;
  return { ok: true, frame };
}

export function readSessionResponse(body: unknown): SessionResponseBody | undefined {
  if (!isRecord(body) || typeof body.connected !== 'boolean') return undefined;
  return {
    connected: body.connected,
    newSession: body.newSession === true,
    readOnly: body.readOnly === true,
    ...(typeof body.maxCustomDataBytes === 'number' ? { maxCustomDataBytes: body.maxCustomDataBytes } : {}),
    ...(typeof body.durationSeconds === 'number' ? { durationSeconds: body.durationSeconds } : {}),
    ...(typeof body.expirationDate === 'number' ? { expirationDate: body.expirationDate } : {}),
  };
}

/** The error code a frame carries: a `class: "string"` error, or a 429 body's `errorCode`. */
export function errorCodeOf(frame: ServerFrame): number | undefined {
  if (frame.class === 'string' && frame.code !== 200) return frame.code;
  if (frame.class === 'TooManyRequestsErrorMessage') return 4029;
  return undefined;
}

/**
 * Whether a frame answers the `configureSession` sent with `configureId`: one tagged with it,
 * or, untagged as the real service sends them, the next `SessionResponse` or error. Errors
 * that the official SDK only logs (4000, 4020, 5000) are not a verdict on the session.
 */
export function answersConfigure(frame: ServerFrame, configureId: string): boolean {
  if (frame.tracingId !== undefined) return frame.tracingId === configureId;
  if (frame.class === 'SessionResponse' || frame.class === 'TooManyRequestsErrorMessage') return true;
  const code = errorCodeOf(frame);
  return code !== undefined && !loggedOnlyCodes.has(code);
}

/**
 * Whether an untagged error fails the message in flight: too long (4011), attributes over
 * budget (4013), over the rate (4029), or a refusal in the HTTP range (a read-only
 * conversation's 403, a 400). The session-level codes (4006, 4007) are not: they end the session.
 */
export function failsMessageInFlight(frame: ServerFrame): boolean {
  const code = errorCodeOf(frame);
  if (code === undefined || loggedOnlyCodes.has(code)) return false;
  return code === 4011 || code === 4013 || code === 4029 || (code >= 400 && code < 600);
}

/** Codes the official SDK only logs, even while configuring. */
const loggedOnlyCodes = new Set([4000, 4020, 5000]);

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
