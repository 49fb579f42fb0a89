/** The emulator the test runner started, and its admin API (forwarded by the test server). */
import type { SessionView as EmulatorSession } from '../../../demo/server/emulator/admin-types.js';

export type { EmulatorSession };

declare global {
  interface Window {
    __emulator?: { socketUrl: string; apiBaseUrl: string };
  }
}


export function emulator(): { socketUrl: string; apiBaseUrl: string } {
  const value = window.__emulator;
  if (!value) throw new Error('window.__emulator is missing: run the tests through web-test-runner.config.mjs');
  return value;
}

/** A deployment id of the test's own, so that tests running side by side never share sessions. */
export function uniqueDeploymentId(): string {
  return `test-${crypto.randomUUID()}`;
}

export function socketUrlFor(deploymentId: string): string {
  return `${emulator().socketUrl}?deploymentId=${deploymentId}`;
}

async function admin<T>(path: string, body?: object): Promise<T> {
  const response = await fetch(`/emulator/${path}`, body ? { method: 'POST', body: JSON.stringify(body) } : {});
  if (!response.ok) throw new Error(`admin ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

export function sessionsOf(deploymentId: string): Promise<EmulatorSession[]> {
  return admin<EmulatorSession[]>('sessions').then((all) => all.filter((session) => session.deploymentId === deploymentId));
}

/** The one session of a deployment, once it exists. */
export async function sessionOf(deploymentId: string): Promise<EmulatorSession> {
  return waitFor(async () => (await sessionsOf(deploymentId))[0], `a session for ${deploymentId}`);
}

export const agent = {
  says: (sessionId: string, text: string) => admin<{ id: string }>(`sessions/${sessionId}/messages`, { text }),
  types: (sessionId: string) => admin(`sessions/${sessionId}/typing`, {}),
  disconnects: (sessionId: string, readOnly: boolean) => admin(`sessions/${sessionId}/disconnect`, { readOnly }),
  expires: (sessionId: string) => admin(`sessions/${sessionId}/expire`, {}),
};

export const faults = {
  dropConnections: (sessionId: string) => admin('faults', { kind: 'drop-connections', sessionId }),
  refuseConnections: (deploymentId: string, ms: number) => admin('faults', { kind: 'refuse-connections', deploymentId, ms }),
  stallUploads: (deploymentId: string, on: boolean) => admin('faults', { kind: 'stall-uploads', deploymentId, on }),
};

/** Polls `probe` until it returns something, failing with `what` after `timeoutMs`. */
export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
