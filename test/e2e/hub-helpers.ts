import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, findChromium, required } from '../../scripts/browsers.mjs';
import { siteUrl, test } from './helpers.js';

export const hubHost = 'chat.hub.localhost';

export interface ThirdPartyDetail {
  available: boolean;
  storage: string;
  access: string;
}

/**
 * A Chromium whose profile allows third-party cookies, as Chrome does by default outside
 * Incognito: the preference is written before the browser starts. Given the profile of an
 * earlier one (closed), the browser starts again on it: a restart.
 */
export async function contextAllowingThirdPartyCookies(existingProfile?: string): Promise<BrowserContext> {
  const profile = existingProfile ?? (await mkdtemp(join(tmpdir(), 'persistent-chat-profile-')));
  if (!existingProfile) {
    await mkdir(join(profile, 'Default'));
    await writeFile(join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }));
  }
  return chromium.launchPersistentContext(profile, {
    executablePath: required(findChromium(), 'Chromium'),
    args: chromiumArgs,
    headless: true,
    baseURL: test.info().project.use.baseURL,
  });
}

/** Keeps every `chat-third-party` detail the page sees, for `thirdPartyReports`. */
export async function recordThirdPartyReports(target: Page | BrowserContext): Promise<void> {
  await target.addInitScript(() => {
    const reports: unknown[] = [];
    (window as unknown as { __thirdParty: unknown[] }).__thirdParty = reports;
    addEventListener('chat-third-party', (event) => reports.push((event as CustomEvent).detail));
  });
}

export function thirdPartyReports(page: Page): Promise<ThirdPartyDetail[]> {
  return page.evaluate(() => (window as unknown as { __thirdParty?: ThirdPartyDetail[] }).__thirdParty ?? []);
}

export function hubUrl(host = hubHost): string {
  return siteUrl(host, '/hub.html');
}
