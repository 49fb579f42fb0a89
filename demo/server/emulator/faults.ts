import type { WebSocket } from 'ws';
import type { ServerFrame } from './server-frames.js';

export interface FaultRecord {
  at: string;
  kind: string;
  [detail: string]: unknown;
}

/**
 * What can go wrong between the contact centre and a visitor, on demand: slow or shuffled
 * frames, rate limits, and the rest applied by the emulator itself. Every fault applied is
 * logged, so a test can show what it did.
 */
export class FaultInjector {
  readonly log: FaultRecord[] = [];
  /** Per deployment (the `undefined` key: every deployment), so that tests can run side by side. */
  readonly #delays = new Map<string | undefined, number>();
  readonly #reorderWindows = new Map<string | undefined, number>();
  #forcedRateLimits = 0;
  #dropsBeforeEcho = 0;
  /** Cut each connection after a random number of frames in this range (0 stops it). */
  readonly #dropRanges = new Map<string | undefined, { min: number; max: number }>();
  readonly #framesLeft = new WeakMap<WebSocket, number>();
  readonly #held = new Map<WebSocket, { frames: string[]; timer: ReturnType<typeof setTimeout> }>();
  /** Uploads (of one deployment, or all: key `undefined`) to refuse after storing them, and with which code. */
  readonly #failingUploads = new Map<string | undefined, { count: number; errorCode: number }>();
  readonly #stalledUploads = new Set<string | undefined>();
  /** Uploads read and held while stalled: each completes when the stall ends. */
  readonly #heldUploads: Array<{ deploymentId: string; complete: () => void }> = [];

  record(kind: string, detail: Record<string, unknown> = {}): void {
    this.log.push({ at: new Date().toISOString(), kind, ...detail });
    if (this.log.length > 1000) this.log.shift();
  }

  /** Every frame (of one deployment, when given) waits `ms` before it is sent (0 stops it). */
  delay(ms: number, deploymentId?: string): void {
    setOrClear(this.#delays, deploymentId, ms > 0 ? ms : undefined);
  }

  /** Frames (of one deployment, when given) sent within `windowMs` of each other go out shuffled (0 stops it). */
  reorder(windowMs: number, deploymentId?: string): void {
    setOrClear(this.#reorderWindows, deploymentId, windowMs > 0 ? windowMs : undefined);
  }

  /** The next `count` messages from guests are answered with TooManyRequestsErrorMessage. */
  rateLimitNext(count: number): void {
    this.#forcedRateLimits = count;
  }

  /** Whether this message is to be refused as over the rate (used up one by one). */
  takeForcedRateLimit(): boolean {
    if (this.#forcedRateLimits <= 0) return false;
    this.#forcedRateLimits -= 1;
    return true;
  }

  /** The next `count` guest messages are stored, then the connection is cut before their echo. */
  dropBeforeEcho(count: number): void {
    this.#dropsBeforeEcho = count;
  }

  takeDropBeforeEcho(): boolean {
    if (this.#dropsBeforeEcho <= 0) return false;
    this.#dropsBeforeEcho -= 1;
    return true;
  }

  /** Every connection (of one deployment, when given) is cut after a random `min`–`max` frames, again and again. */
  dropEvery(min: number, max: number, deploymentId?: string): void {
    setOrClear(this.#dropRanges, deploymentId, min > 0 ? { min, max } : undefined);
  }

  /** The next `count` uploads (of one deployment, when given) are stored, then refused on the socket with `errorCode`. */
  failNextUploads(count: number, errorCode: number, deploymentId?: string): void {
    setOrClear(this.#failingUploads, deploymentId, count > 0 ? { count, errorCode } : undefined);
  }

  /** The code to refuse this upload with, when a fault says so (used up one by one). */
  takeUploadFailure(deploymentId: string): number | undefined {
    const key = this.#failingUploads.has(deploymentId) ? deploymentId : undefined;
    const failing = this.#failingUploads.get(key);
    if (!failing) return undefined;
    failing.count -= 1;
    if (failing.count <= 0) this.#failingUploads.delete(key);
    return failing.errorCode;
  }

  /** While on, uploads (of one deployment, when given) are read but not answered; off lets the held ones complete. */
  stallUploads(on: boolean, deploymentId?: string): void {
    if (on) return void this.#stalledUploads.add(deploymentId);
    if (deploymentId === undefined) this.#stalledUploads.clear();
    else this.#stalledUploads.delete(deploymentId);
    this.#releaseUploads();
  }

  /** Runs `complete` now, or once uploads of this deployment are no longer stalled. */
  whenUploadsFlow(deploymentId: string, complete: () => void): void {
    if (this.#isStalled(deploymentId)) this.#heldUploads.push({ deploymentId, complete });
    else complete();
  }

  #isStalled(deploymentId: string): boolean {
    return this.#stalledUploads.has(undefined) || this.#stalledUploads.has(deploymentId);
  }

  #releaseUploads(): void {
    const held = this.#heldUploads.splice(0);
    for (const upload of held) this.whenUploadsFlow(upload.deploymentId, upload.complete);
  }

  reset(): void {
    this.#failingUploads.clear();
    this.#stalledUploads.clear();
    this.#releaseUploads();
    this.#dropRanges.clear();
    this.#delays.clear();
    this.#reorderWindows.clear();
    this.#dropsBeforeEcho = 0;
    this.#forcedRateLimits = 0;
  }

  send(socket: WebSocket, frame: ServerFrame | string, deploymentId?: string): void {
    const text = typeof frame === 'string' ? frame : JSON.stringify(frame);
    const dropRange = this.#dropRanges.get(deploymentId) ?? this.#dropRanges.get(undefined);
    if (dropRange) this.#countTowardsDrop(socket, deploymentId, dropRange);
    const reorderMs = this.#reorderWindows.get(deploymentId) ?? this.#reorderWindows.get(undefined) ?? 0;
    if (reorderMs > 0) return this.#hold(socket, text, reorderMs);
    const delayMs = this.#delays.get(deploymentId) ?? this.#delays.get(undefined) ?? 0;
    if (delayMs > 0) return void setTimeout(() => sendNow(socket, text), delayMs);
    sendNow(socket, text);
  }

  #countTowardsDrop(socket: WebSocket, deploymentId: string | undefined, { min, max }: { min: number; max: number }): void {
    const left = (this.#framesLeft.get(socket) ?? min + Math.floor(Math.random() * (max - min + 1))) - 1;
    this.#framesLeft.set(socket, left);
    if (left > 0) return;
    // Cut once this frame is on its way (or held back with others, which are then lost, as on a real network).
    setTimeout(() => {
      if (socket.readyState !== socket.OPEN) return;
      this.record('dropped-after-frames', { deploymentId });
      socket.terminate();
    });
  }

  #hold(socket: WebSocket, text: string, windowMs: number): void {
    let held = this.#held.get(socket);
    if (!held) {
      held = {
        frames: [],
        timer: setTimeout(() => {
          this.#held.delete(socket);
          for (const each of shuffle(held!.frames)) sendNow(socket, each);
        }, windowMs),
      };
      this.#held.set(socket, held);
    }
    held.frames.push(text);
  }
}

/** A fault's setting for one deployment (or all); none removes it, and none for all removes every one. */
function setOrClear<T>(map: Map<string | undefined, T>, deploymentId: string | undefined, value: T | undefined): void {
  if (value !== undefined) map.set(deploymentId, value);
  else if (deploymentId === undefined) map.clear();
  else map.delete(deploymentId);
}

function sendNow(socket: WebSocket, text: string): void {
  if (socket.readyState === socket.OPEN) socket.send(text);
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
