import { expect, test } from '@playwright/test';
import type { SessionView } from '../../../demo/server/emulator/admin-types.js';

/** The emulator's admin API, from Node: for scenarios that drive a browser without Playwright's pages. */
export async function adminCall<T = unknown>(path: string, body?: object): Promise<T> {
  const url = new URL(`/emulator/${path}`, test.info().project.use.baseURL);
  const response = await fetch(url, body ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {});
  expect(response.ok, `admin ${path} answered ${response.status}`).toBe(true);
  return (await response.json()) as T;
}

/** The session whose transcript holds `text`, once the emulator has it. */
export async function sessionHolding(text: string): Promise<SessionView> {
  let found: SessionView | undefined;
  await expect
    .poll(async () => {
      found = (await adminCall<SessionView[]>('sessions')).find((each) => each.messages.some((message) => message.text === text));
      return found !== undefined;
    }, { message: `a session with the message "${text}"` })
    .toBe(true);
  return found!;
}

/** A page of the demo shop on one of its host names, on the test server's port. */
export function shopUrl(host = 'www.shop.localhost', path = '/'): string {
  const base = new URL(test.info().project.use.baseURL!);
  return `http://${host}:${base.port}${path}`;
}
