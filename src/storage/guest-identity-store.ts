/** Keeps the guest token, the visitor's identity towards the contact centre, across page loads. */
export interface GuestIdentityStore {
  load(): string | undefined;
  save(token: string): void;
  clear(): void;
  /** Why the store could not persist, when it fell back to memory. */
  readonly problem: string | undefined;
}

/**
 * localStorage when the browser allows it, memory otherwise: reading `localStorage` can
 * throw (blocked site data, sandboxed frames), and writing can hit the quota.
 */
export class LocalStorageIdentityStore implements GuestIdentityStore {
  #memory: string | undefined;
  #problem: string | undefined;

  constructor(private readonly key: string) {}

  get problem(): string | undefined {
    return this.#problem;
  }

  load(): string | undefined {
    try {
      return globalThis.localStorage.getItem(this.key) ?? this.#memory;
    } catch (error) {
      this.#noteProblem(error);
      return this.#memory;
    }
  }

  save(token: string): void {
    this.#memory = token;
    try {
      globalThis.localStorage.setItem(this.key, token);
    } catch (error) {
      this.#noteProblem(error);
    }
  }

  clear(): void {
    this.#memory = undefined;
    try {
      globalThis.localStorage.removeItem(this.key);
    } catch (error) {
      this.#noteProblem(error);
    }
  }

  #noteProblem(error: unknown): void {
    const name = error instanceof DOMException ? error.name : 'Error';
    this.#problem = `localStorage is not usable (${name}); the conversation lasts only as long as this page`;
  }
}

export function identityKey(name: string, deploymentId: string): string {
  return `persistent-chat:${name}:${deploymentId}:token`;
}
