import type { ReactiveControllerHost } from 'lit';
import type { FileProfile } from '../../../base/deployment-features.js';
import type { OutgoingFile } from '../../../base/outbox-entry.js';
import { LazyChunk } from '../../../base/lazy-chunk.js';
import type { FileRefusal } from '../../../uploads/file-profile.js';
import type { FileSender } from '../../../uploads/queue-files.js';
import { localPreviews } from './local-previews.js';

/**
 * What choosing files needs (their checks, and queueing them with a message): fetched with
 * the first file chosen, so that the panel itself is one file to fetch.
 */
const filesCode = new LazyChunk(async () => {
  const [checks, queue] = await Promise.all([import('../../../uploads/file-profile.js'), import('../../../uploads/queue-files.js')]);
  return { refusalOf: checks.refusalOf, outgoingFile: queue.outgoingFile, queueFiles: queue.queueFiles };
});

/** A file in the composer, with why it cannot be sent, once the deployment has said what it takes. */
export interface StagedFile {
  readonly file: OutgoingFile;
  readonly refusal: FileRefusal | undefined;
  /** Uploading already, before Send (in the tab that holds the connection). */
  readonly uploading: boolean;
}

/** At most this many files wait in the composer: each is its own attachment. */
const maxStaged = 10;

/**
 * The files the visitor chose for their next message (the attach button, a drop, a paste):
 * each checked against what the deployment takes before anything is uploaded, shown as a chip
 * (an image with its thumbnail, made from the local file), and sent with the text on Send.
 */
export class ComposerFiles {
  #staged: OutgoingFile[] = [];
  /** The chosen files this tab started uploading before Send. */
  readonly #uploading = new Set<string>();
  /** Drags over the panel that have not left it (enter and leave fire for every child). */
  #dragDepth = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly chat: FileSender,
    /** The element's `uploads` setting. */
    private readonly uploads: () => string,
  ) {}

  /** Whether the visitor may attach files: unless turned off here or by the deployment (not known yet: they are checked once it is). */
  get allowed(): boolean {
    return this.uploads() !== 'off' && this.#profile !== null;
  }

  get #profile(): FileProfile | null | undefined {
    return this.chat.snapshot?.features?.files;
  }

  get dragging(): boolean {
    return this.#dragDepth > 0;
  }

  /** The chosen files, each with its refusal (none while the deployment has not said what it takes). */
  get staged(): StagedFile[] {
    const profile = this.#profile;
    const code = filesCode.value;
    // Files are staged only once their code is here.
    return code ? this.#staged.map((file) => ({ file, refusal: profile === undefined ? undefined : code.refusalOf(file, profile), uploading: this.#uploading.has(file.id) })) : [];
  }

  /** Whether Send has files to send. */
  get sendable(): boolean {
    return this.allowed && this.staged.some(({ refusal }) => !refusal);
  }

  /** Stages the files once their code is here (at once, after the first). */
  add(files: Iterable<File>): void {
    const chosen = [...files];
    void filesCode.load().then(
      ({ outgoingFile, refusalOf }) => {
        for (const file of chosen) {
          if (this.#staged.length >= maxStaged) break;
          const outgoing = outgoingFile(file, file.name || pastedName(file.type));
          if (outgoing.mime.startsWith('image/')) localPreviews.make(outgoing.id, file);
          this.#staged.push(outgoing);
          // Uploaded at once where it may go (the deployment said what it takes) and this tab holds the connection.
          const profile = this.#profile;
          if (profile !== undefined && !refusalOf(outgoing, profile) && this.chat.preupload(outgoing)) this.#uploading.add(outgoing.id);
        }
        this.host.requestUpdate();
      },
      // Without their code, files cannot be chosen now; the visitor may try again.
      () => {},
    );
  }

  remove(id: string): void {
    this.#staged = this.#staged.filter((file) => file.id !== id);
    localPreviews.drop(id);
    // Its upload stops, and what reached the server is deleted there.
    if (this.#uploading.delete(id)) this.chat.cancelUpload(id);
    this.host.requestUpdate();
  }

  /** Sends the text with every file that may go (one message; uploads under way carry on into it); the composer is emptied. */
  send(text: string): void {
    const code = filesCode.value;
    if (!code) return;
    const going = this.staged.filter(({ refusal }) => !refusal).map(({ file }) => file);
    for (const { file, refusal } of this.staged) if (refusal) localPreviews.drop(file.id);
    this.#staged = [];
    this.#uploading.clear();
    this.host.requestUpdate();
    void code.queueFiles(this.chat, text, going);
  }

  dragEntered(event: DragEvent): void {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    this.#dragDepth += 1;
    if (this.#dragDepth === 1) this.host.requestUpdate();
  }

  dragOver(event: DragEvent): void {
    if (!carriesFiles(event)) return;
    // Without this the browser opens the file instead of dropping it here.
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  }

  dragLeft(): void {
    if (this.#dragDepth === 0) return;
    this.#dragDepth -= 1;
    if (this.#dragDepth === 0) this.host.requestUpdate();
  }

  dropped(event: DragEvent): void {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    this.#dragDepth = 0;
    this.add(event.dataTransfer?.files ?? []);
  }

  /** A paste with files in it (a screenshot) attaches them; text pastes as text. */
  pasted(event: ClipboardEvent): void {
    const files = [...(event.clipboardData?.files ?? [])];
    if (files.length === 0) return;
    event.preventDefault();
    this.add(files);
  }
}

function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

/** A pasted screenshot has no name of its own (or `image.png` everywhere): one that tells them apart. */
function pastedName(type: string): string {
  const extension = type.split('/')[1]?.replace(/[^a-z0-9]/gi, '') || 'bin';
  return `pasted-${new Date().toISOString().replace(/[:.]/g, '-')}.${extension}`;
}
