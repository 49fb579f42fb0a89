import { median, startChat } from './stats.mjs';

const messageCount = 50;

/**
 * Navigation start to the transcript on screen (from the cache) after a reload, for a
 * visitor signed in with Fernhill ID against a guest, in the same run, runs alternating:
 * the sign-in's code (a chunk) and its tokens must not hold up what the cache shows.
 */
export async function measureSignedInRestore(browser, origin, server, runs) {
  const shop = `${origin('www.shop.localhost')}/`;
  const guest = await prepare(browser, server, shop, 'signed-in benchmark: as a guest');
  const signedIn = await prepare(browser, server, shop, 'signed-in benchmark: signed in', async (page) => {
    await page.goto(`${origin('www.shop.localhost')}/auth/sign-in?return=/`);
    await page.locator('select[name=username]').selectOption('alice');
    await page.locator('input[name=password]').fill('alice');
    await page.locator('button[type=submit]').click();
    await page.waitForURL(shop);
  });
  const times = { guest: [], signedIn: [] };
  for (let run = 0; run < runs; run++) {
    times.guest.push(await reload(guest));
    times.signedIn.push(await reload(signedIn));
  }
  await guest.context.close();
  await signedIn.context.close();
  return [
    {
      figure: `Reload to a ${messageCount}-message transcript on screen from the cache, signed in (auth)`,
      value: Math.round(median(times.signedIn)),
      unit: 'ms',
      target: Math.round(median(times.guest) * 1.2),
      baseline: Math.round(median(times.guest)),
      baselineLabel: 'a guest, same page',
    },
  ];
}

async function prepare(browser, server, url, opening, signIn) {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (signIn) await signIn(page);
  await startChat(page, url, opening);
  const { id } = server.emulator.sessions().find((each) => each.messages.some((message) => message.text === opening));
  const session = server.emulator.findById(id);
  for (let i = 1; i < messageCount; i++) server.emulator.agentSays(session, `${opening}: answer ${i}`);
  const newest = `${opening}: answer ${messageCount - 1}`;
  await page.locator('persistent-chat .bubble', { hasText: newest }).waitFor();
  await page.waitForTimeout(300);
  await context.addInitScript(watchTranscript, newest);
  return { context, page, url };
}

async function reload({ page, url }) {
  await page.goto(url);
  return page.waitForFunction(() => window.__transcriptVisibleAt, undefined, { polling: 50 }).then((handle) => handle.jsonValue());
}

/** Runs in the page: when the transcript first shows the newest message (ms since navigation start). */
function watchTranscript(newest) {
  if (window !== window.top) return;
  const check = () => {
    const bubbles = document.querySelector('persistent-chat')?.shadowRoot?.querySelectorAll('.bubble') ?? [];
    if ([...bubbles].some((bubble) => bubble.textContent === newest)) window.__transcriptVisibleAt = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}
