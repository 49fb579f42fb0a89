import type { IncomingMessage } from 'node:http';

export type RawBodyResult = { ok: true; bytes: Buffer } | { ok: false; tooLarge: boolean };

/**
 * Reads a request body of at most `limit` bytes as it came. A body declared longer is refused
 * before it is read, and one that grows past the limit is cut off: never more is held.
 */
export async function readRawBody(req: IncomingMessage, limit: number): Promise<RawBodyResult> {
  if (Number(req.headers['content-length'] ?? 0) > limit) return { ok: false, tooLarge: true };
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > limit) {
        req.destroy();
        return { ok: false, tooLarge: true };
      }
      chunks.push(chunk as Buffer);
    }
  } catch {
    return { ok: false, tooLarge: false };
  }
  return { ok: true, bytes: Buffer.concat(chunks, size) };
}
