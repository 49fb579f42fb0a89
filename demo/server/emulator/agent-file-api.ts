import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError, sendJson } from '../http/json.js';
import { readRawBody } from '../http/raw-body.js';
import { inboundUploadProfile } from './deployments.js';
import type { Emulator } from './emulator.js';
import { isMimeType, isSafeFileName } from './upload-rules.js';

/** The same limit the visitor's uploads have: the deployment's `maxFileSizeKB`. */
const maxAgentFileBytes = inboundUploadProfile.maxFileSizeKB * 1000;

/**
 * `POST /emulator/sessions/{id}/file?name=…&type=…[&text=…][&nickname=…]`, the raw bytes as the
 * body: the agent sends the visitor a file, as one Outbound message (with the text, when
 * given). Answers 201 `{ id, time, attachmentId }`, as the messages route answers with the message's id.
 */
export async function receiveAgentFile(emulator: Emulator, req: IncomingMessage, res: ServerResponse, url: URL, sessionId: string): Promise<void> {
  const session = emulator.findById(sessionId);
  if (!session) return sendError(res, 404, `no session with id ${sessionId}`);
  const name = url.searchParams.get('name') ?? '';
  const mime = url.searchParams.get('type') ?? '';
  const text = url.searchParams.get('text') ?? '';
  const nickname = url.searchParams.get('nickname') ?? undefined;
  if (!isSafeFileName(name)) return sendError(res, 400, '"name" must be a file name of 1 to 255 characters, without a path separator or a control character');
  if (!isMimeType(mime)) return sendError(res, 400, '"type" must be a MIME type such as image/png');
  const body = await readRawBody(req, maxAgentFileBytes);
  if (!body.ok) return sendError(res, body.tooLarge ? 413 : 400, body.tooLarge ? `the file is larger than ${maxAgentFileBytes} bytes` : 'the body could not be read');
  if (body.bytes.length === 0) return sendError(res, 400, 'the body (the file) is empty');
  if (!emulator.files.hasRoomFor(body.bytes.length)) return sendError(res, 507, "the emulator's file storage is full (maxStoredFileBytes)");
  const { message, attachmentId } = emulator.agentSendsFile(session, { name, mime, bytes: body.bytes }, text, nickname);
  sendJson(res, 201, { id: message.id, time: message.time, attachmentId });
}
