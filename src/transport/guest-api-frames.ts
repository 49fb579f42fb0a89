/** The Guest API's wire shapes, and a checked parser for what the server sends. */
import { isRecord } from '../base/is-record.js';

export { isRecord };

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
  /** What files the guest may send (the attachment profile reads them: `uploads/file-profile.ts`). */
  allowedMedia?: unknown;
  blockedExtensions?: unknown;
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
    allowedMedia: body.allowedMedia,
    blockedExtensions: body.blockedExtensions,
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
 * or, untagged as the real service sends them, the next `SessionResponse`, a session-level
 * error (4006, 4007, 4017) or a refusal in the HTTP range. A 429 or a message's error
 * (4011, 4013) is no verdict on the session, and the errors the official SDK only logs
 * (4000, 4020, 5000) neither: the configure waits on, and is retried if it goes unanswered.
 */
export function answersConfigure(frame: ServerFrame, configureId: string): boolean {
  if (frame.tracingId !== undefined) return frame.tracingId === configureId;
  if (frame.class === 'SessionResponse') return true;
  const code = frame.class === 'string' ? frame.code : undefined;
  return code !== undefined && (code === 4006 || code === 4007 || code === 4017 || (code >= 300 && code < 600));
}

/**
 * Whether an untagged error fails the message in flight, as the official SDK decides it:
 * too long (4011), attributes over budget (4013), over the rate (4029). Other errors are
 * only reported: they may belong to another request (typing, getJwt, Clear).
 */
export function failsMessageInFlight(frame: ServerFrame): boolean {
  const code = errorCodeOf(frame);
  return code === 4011 || code === 4013 || code === 4029;
}
