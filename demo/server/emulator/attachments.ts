import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError } from '../http/json.js';

/** Who put a file there and for which conversation: a session's files are refreshable by that session alone. */
export interface FileOwner {
  sessionId: string;
  deploymentId: string;
  from: 'visitor' | 'agent';
}

/**
 * `uploaded`: a visitor's file, not yet named by a message; `sent`: in a message (an agent's
 * files are sent at once); `failed`: the bytes arrived but the service refused them
 * (UploadFailureEvent), so no message may name them.
 */
export type FileState = 'uploaded' | 'sent' | 'failed';

export interface StoredFile {
  id: string;
  name: string;
  mime: string;
  bytes: Buffer;
  owner?: FileOwner;
  state: FileState;
  /** How many uploads (PUTs) stored bytes under this id: a resumed upload replaces the bytes, it adds no file. */
  uploads: number;
}

export const filesPrefix = '/emulator/files/';

/**
 * The files of the emulated deployment, behind presigned download addresses that expire as
 * the real ones do (S3-style: `X-Amz-Date`, `X-Amz-Expires`, a signature). The store holds
 * at most `maxBytes` in all, as it is only memory.
 */
export class AttachmentStore {
  readonly #files = new Map<string, StoredFile>();
  readonly #key = randomBytes(32);
  /** Part of every download signature: bumping one (all: key `*`) voids every address issued before. */
  readonly #epochs = new Map<string, number>();
  #bytes = 0;

  constructor(readonly maxBytes = Number.POSITIVE_INFINITY) {}

  /** An agent's file (a sample or one the console sends), under a new id. */
  put(name: string, mime: string, bytes: Buffer, owner?: FileOwner): StoredFile {
    const file: StoredFile = { id: randomUUID(), name, mime, bytes, state: 'sent', uploads: 0, ...(owner ? { owner } : {}) };
    this.#files.set(file.id, file);
    this.#bytes += bytes.length;
    return file;
  }

  /** A visitor's upload under the id the client chose: replaces the bytes of an earlier upload of that id. */
  putUpload(id: string, name: string, mime: string, bytes: Buffer, owner: FileOwner, state: 'uploaded' | 'failed'): StoredFile {
    const earlier = this.#files.get(id);
    if (earlier) this.#bytes -= earlier.bytes.length;
    const file: StoredFile = { id, name, mime, bytes, owner, state, uploads: (earlier?.uploads ?? 0) + 1 };
    this.#files.set(id, file);
    this.#bytes += bytes.length;
    return file;
  }

  /** Whether `size` more bytes fit (counting the bytes of `replacing`, which would go, as free). */
  hasRoomFor(size: number, replacing?: string): boolean {
    const freed = replacing ? (this.#files.get(replacing)?.bytes.length ?? 0) : 0;
    return this.#bytes - freed + size <= this.maxBytes;
  }

  get(id: string): StoredFile | undefined {
    return this.#files.get(id);
  }

  /** An agent's file, once a message of this session carries it (a file already owned stays its owner's). */
  adopt(id: string, owner: FileOwner): void {
    const file = this.#files.get(id);
    if (file && !file.owner) file.owner = owner;
  }

  delete(id: string): void {
    const file = this.#files.get(id);
    if (!file) return;
    this.#bytes -= file.bytes.length;
    this.#files.delete(id);
  }

  ofSession(sessionId: string): StoredFile[] {
    return [...this.#files.values()].filter((file) => file.owner?.sessionId === sessionId);
  }

  /** A session that is gone takes its files with it. */
  forgetSession(sessionId: string): void {
    for (const file of this.ofSession(sessionId)) this.delete(file.id);
  }

  /** Every download address issued so far (of one deployment's files, when given) stops working at once. */
  expireUrls(deploymentId = '*'): void {
    this.#epochs.set(deploymentId, (this.#epochs.get(deploymentId) ?? 0) + 1);
  }

  /** A download address for `id`, valid for `seconds` from now. */
  presign(origin: string, id: string, seconds: number, now = new Date()): string {
    const file = this.#files.get(id);
    const url = new URL(`${filesPrefix}${id}/${encodeURIComponent(file?.name ?? 'file')}`, origin);
    url.searchParams.set('X-Amz-Date', amzDate(now));
    url.searchParams.set('X-Amz-Expires', String(seconds));
    url.searchParams.set('X-Amz-Signature', this.#sign(url.pathname, url.searchParams.get('X-Amz-Date')!, seconds, file));
    return url.href;
  }

  /** `GET /emulator/files/{id}/{name}?…`: the file, or 403 when the address expired or was altered. */
  serve(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const id = url.pathname.slice(filesPrefix.length).split('/')[0]!;
    const file = this.#files.get(id);
    const date = url.searchParams.get('X-Amz-Date') ?? '';
    const seconds = Number(url.searchParams.get('X-Amz-Expires'));
    if (!file || !signatureMatches(url.searchParams.get('X-Amz-Signature'), this.#sign(url.pathname, date, seconds, file))) return sendError(res, 403, 'SignatureDoesNotMatch');
    if (hasExpired(date, seconds)) return sendError(res, 403, 'Request has expired');
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
    this.#bytes = 0;
    // Epochs only grow, so that an address issued before a reset never works again either.
    this.expireUrls();
  }

  #sign(path: string, date: string, seconds: number, file: StoredFile | undefined): string {
    const epoch = `${this.#epochs.get('*') ?? 0}.${this.#epochs.get(file?.owner?.deploymentId ?? '') ?? 0}`;
    return createHmac('sha256', this.#key).update(`${path}\n${date}\n${seconds}\n${epoch}`).digest('hex');
  }
}

/** `20260105T100001Z`, the form S3 signs. */
export function amzDate(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Whether an address issued at `date` (`X-Amz-Date`) for `seconds` has run out; an unreadable date has. */
export function hasExpired(date: string, seconds: number, now = Date.now()): boolean {
  const issued = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date);
  if (!issued || !Number.isFinite(seconds)) return true;
  const issuedAt = Date.UTC(+issued[1]!, +issued[2]! - 1, +issued[3]!, +issued[4]!, +issued[5]!, +issued[6]!);
  return now > issuedAt + seconds * 1000;
}

/** Compares a signature from an address with the expected one in constant time. */
export function signatureMatches(given: string | null, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
