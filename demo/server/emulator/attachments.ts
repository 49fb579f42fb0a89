import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError } from '../http/json.js';

export interface StoredFile {
  id: string;
  name: string;
  mime: string;
  bytes: Buffer;
}

export const filesPrefix = '/emulator/files/';

/**
 * The files of the emulated deployment, behind presigned download addresses that expire as
 * the real ones do (S3-style: `X-Amz-Date`, `X-Amz-Expires`, a signature).
 */
export class AttachmentStore {
  readonly #files = new Map<string, StoredFile>();
  readonly #key = randomBytes(32);

  put(name: string, mime: string, bytes: Buffer): StoredFile {
    const file = { id: randomUUID(), name, mime, bytes };
    this.#files.set(file.id, file);
    return file;
  }

  get(id: string): StoredFile | undefined {
    return this.#files.get(id);
  }

  /** A download address for `id`, valid for `seconds` from now. */
  presign(origin: string, id: string, seconds: number, now = new Date()): string {
    const file = this.#files.get(id);
    const url = new URL(`${filesPrefix}${id}/${encodeURIComponent(file?.name ?? 'file')}`, origin);
    url.searchParams.set('X-Amz-Date', now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, ''));
    url.searchParams.set('X-Amz-Expires', String(seconds));
    url.searchParams.set('X-Amz-Signature', this.#sign(url.pathname, url.searchParams.get('X-Amz-Date')!, seconds));
    return url.href;
  }

  /** `GET /emulator/files/{id}/{name}?…`: the file, or 403 when the address expired or was altered. */
  serve(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const id = url.pathname.slice(filesPrefix.length).split('/')[0]!;
    const file = this.#files.get(id);
    const date = url.searchParams.get('X-Amz-Date') ?? '';
    const seconds = Number(url.searchParams.get('X-Amz-Expires'));
    const signature = Buffer.from(url.searchParams.get('X-Amz-Signature') ?? '');
    const expected = Buffer.from(this.#sign(url.pathname, date, seconds));
    if (!file || signature.length !== expected.length || !timingSafeEqual(signature, expected)) return sendError(res, 403, 'SignatureDoesNotMatch');
    const issued = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date);
    const issuedAt = issued ? Date.UTC(+issued[1]!, +issued[2]! - 1, +issued[3]!, +issued[4]!, +issued[5]!, +issued[6]!) : 0;
    if (Date.now() > issuedAt + seconds * 1000) return sendError(res, 403, 'Request has expired');
    res.writeHead(200, {
      'Content-Type': file.mime,
      'Content-Length': String(file.bytes.length),
      'Content-Disposition': `inline; filename="${file.name.replace(/["\\\r\n]/g, '_')}"`,
      'Cache-Control': 'private, max-age=60',
      'X-Content-Type-Options': 'nosniff',
      'Access-Control-Allow-Origin': '*',
    });
    res.end(req.method === 'HEAD' ? undefined : file.bytes);
  }

  reset(): void {
    this.#files.clear();
  }

  #sign(path: string, date: string, seconds: number): string {
    return createHmac('sha256', this.#key).update(`${path}\n${date}\n${seconds}`).digest('hex');
  }
}
