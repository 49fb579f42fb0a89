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
  #delayMs = 0;
  #reorderWindowMs = 0;
  /** The deployment the frame faults apply to; all when undefined. */
  #scope: string | undefined;
  #forcedRateLimits = 0;
  #dropsBeforeEcho = 0;
  readonly #held = new Map<WebSocket, { frames: string[]; timer: ReturnType<typeof setTimeout> }>();

  record(kind: string, detail: Record<string, unknown> = {}): void {
    this.log.push({ at: new Date().toISOString(), kind, ...detail });
    if (this.log.length > 1000) this.log.shift();
  }

  /** Every frame (of one deployment, when given) waits `ms` before it is sent (0 stops it). */
  delay(ms: number, deploymentId?: string): void {
    this.#delayMs = ms;
    this.#scope = deploymentId;
  }

  /** Frames (of one deployment, when given) sent within `windowMs` of each other go out shuffled (0 stops it). */
  reorder(windowMs: number, deploymentId?: string): void {
    this.#reorderWindowMs = windowMs;
    this.#scope = deploymentId;
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

  reset(): void {
    this.#scope = undefined;
    this.#dropsBeforeEcho = 0;
    this.#delayMs = 0;
    this.#reorderWindowMs = 0;
    this.#forcedRateLimits = 0;
  }

  send(socket: WebSocket, frame: ServerFrame | string, deploymentId?: string): void {
    const text = typeof frame === 'string' ? frame : JSON.stringify(frame);
    const inScope = this.#scope === undefined || this.#scope === deploymentId;
    if (inScope && this.#reorderWindowMs > 0) return this.#hold(socket, text);
    if (inScope && this.#delayMs > 0) return void setTimeout(() => sendNow(socket, text), this.#delayMs);
    sendNow(socket, text);
  }

  #hold(socket: WebSocket, text: string): void {
    let held = this.#held.get(socket);
    if (!held) {
      held = {
        frames: [],
        timer: setTimeout(() => {
          this.#held.delete(socket);
          for (const each of shuffle(held!.frames)) sendNow(socket, each);
        }, this.#reorderWindowMs),
      };
      this.#held.set(socket, held);
    }
    held.frames.push(text);
  }
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
