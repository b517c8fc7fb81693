// Drives Sora's reference web client (served by the host at /) in Debian's Chromium through playwright-core, as
// three people on phones would use it: alice verifies a cameo from a recording file and grants it to bob; bob
// makes a video with @alice, watches it render live, and publishes; alice sees the use; carol sees the video in
// her feed; alice revokes, and the video leaves carol's open feed without a reload (the videoRemoved push).
// Prints one JSON line per step ({ step, ... }), then { step: "done" }; a failure prints { step: "error" }.
// Usage: node web-client-e2e.mjs <base-url> <cameo-recording> <screenshot-dir> <admin-handle> [handle-suffix]
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [base, recording, shots, adminHandle, tag = ''] = process.argv.slice(2);
// tag: a suffix for the handles, so the script can run again against a database that already has them.
const A = `alice${tag}`, B = `bob${tag}`, C = `carol${tag}`;
mkdirSync(shots, { recursive: true });
const started = Date.now();
const say = (step, extra = {}) => console.log(JSON.stringify({ step, ms: Date.now() - started, ...extra }));
const executablePath = process.env.SORA_CHROMIUM || '/usr/bin/chromium';

const browser = await chromium.launch({
  executablePath,
  // --no-sandbox: CI runs as root in a container, where Chromium's sandbox cannot start.
  args: ['--no-sandbox', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--autoplay-policy=no-user-gesture-required'],
});
const consoleErrors = [];

async function person(name) {
  // A phone: the app is made for one first.
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  page.on('pageerror', (e) => consoleErrors.push(`${name}: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && !/Failed to load resource/.test(m.text()) && consoleErrors.push(`${name}: ${m.text()}`));
  await page.goto(base);
  return page;
}

async function signUp(page, handle, birthDate = '1990-04-01') {
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.getByLabel('Handle', { exact: true }).fill(handle);
  await page.getByLabel('Email').fill(`${handle}@example.test`);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByLabel('Date of birth').fill(birthDate);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByText(`@${handle}`, { exact: true }).waitFor();
}

// Each screen, as it is photographed, is also checked for controls a screen reader could not name.
const unlabelled = [];
async function shot(page, name) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: false });
  const nameless = await page.evaluate(() => [...document.querySelectorAll('button, input, select, textarea, a[href], video[controls]')]
    .filter((e) => !e.closest('[hidden], dialog:not([open])') && e.type !== 'hidden')
    // A select's options are not its name, and an input has no text: those need a label.
    .filter((e) => !(e.getAttribute('aria-label') || e.getAttribute('aria-labelledby') || e.labels?.length || e.getAttribute('title')
      || (!['SELECT', 'INPUT', 'TEXTAREA'].includes(e.tagName) && e.textContent.trim())))
    .map((e) => e.outerHTML.slice(0, 120)));
  for (const html of nameless) unlabelled.push(`${name}: ${html}`);
}

try {
  const alice = await person('alice');
  await page0(alice);
  await signUp(alice, A);
  say('signed-up', { handle: A });

  // 2. Verify a cameo by uploading a fixture recording.
  await alice.getByRole('link', { name: 'My cameo' }).click();
  await alice.getByRole('button', { name: 'Create my cameo' }).click();
  await alice.getByTestId('phrase').waitFor();
  await alice.getByLabel('Or upload a recording').setInputFiles(recording);
  await shot(alice, 'cameo-record');
  await alice.getByRole('button', { name: 'Send for verification' }).click();
  await alice.locator('[data-cameo-status="VERIFIED"]').waitFor({ timeout: 150_000 });
  say('cameo-verified');

  // 1 (second user) and 3. Bob signs up; alice grants her cameo to him.
  const bob = await person('bob');
  await signUp(bob, B);
  say('signed-up', { handle: B });
  await alice.getByLabel('Grant to (handle)').fill(B);
  await alice.getByRole('button', { name: 'Grant', exact: true }).click();
  await alice.locator(`li[data-grantee="${B}"]`, { hasText: 'Valid' }).waitFor();
  await shot(alice, 'cameo-consent');
  say('granted');

  // 4. Bob generates with @alice (consent checked as he types), sees the price, watches progress to READY, publishes.
  await bob.getByRole('link', { name: 'Create', exact: true }).click();
  await bob.getByLabel('Prompt').fill(`@${A} walks along a sunny beach and waves`);
  await bob.locator('[data-testid="mentions"] li[data-allowed="true"]').waitFor();
  await bob.getByRole('button', { name: 'Review price' }).click();
  await bob.getByTestId('price').waitFor();
  await bob.getByRole('button', { name: 'Confirm and generate' }).waitFor();
  await shot(bob, 'create');
  await bob.getByRole('button', { name: 'Confirm and generate' }).click();
  const card = bob.locator('[data-generation-id]');
  await card.waitFor();
  const seenStates = new Set();
  // The states the subscription pushed, as the page showed them, until READY.
  for (const deadline = Date.now() + 240_000; Date.now() < deadline;) {
    const state = await card.getAttribute('data-state');
    seenStates.add(state);
    if (state === 'RENDERING' && !seenStates.has('shot')) { seenStates.add('shot'); await shot(bob, 'progress'); }
    if (['READY', 'FAILED', 'BLOCKED', 'CANCELLED'].includes(state)) break;
    await bob.waitForFunction((s) => document.querySelector('[data-generation-id]')?.dataset.state !== s, state, { timeout: 240_000 });
  }
  const finalState = await card.getAttribute('data-state');
  const generationId = await card.getAttribute('data-generation-id');
  say('rendered', { state: finalState, states: [...seenStates].filter((s) => s !== 'shot') });
  if (finalState !== 'READY') throw new Error(`the generation ended ${finalState}`);
  await bob.getByRole('button', { name: 'Publish' }).click();
  await bob.locator('[data-video-status="PUBLISHED"]').waitFor();
  await shot(bob, 'ready');
  const videoId = await bob.evaluate(async (id) => {
    const token = JSON.parse(localStorage.getItem('sora.token')).token;
    const r = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: 'query($id: ID!) { generation(id: $id) { video { id } } }', variables: { id } }) });
    return (await r.json()).data.generation.video.id;
  }, generationId);
  say('published', { generationId, videoId });
  // The video's provenance and consent receipts, while it is public.
  await bob.goto(`${base}/#/videos/${videoId}`);
  await bob.getByRole('heading', { level: 1 }).waitFor();
  await bob.getByText('receipt', { exact: false }).first().waitFor();
  await shot(bob, 'provenance');

  // 5. Alice sees the use in her list (pushed by cameoActivity); carol sees the video in her feed.
  await alice.locator(`[data-testid="usages"] li[data-requester="${B}"]`).waitFor();
  await alice.locator(`[data-testid="usages"] li[data-requester="${B}"]`).scrollIntoViewIfNeeded();
  await shot(alice, 'usages');
  say('usage-listed');

  const carol = await person('carol');
  // Carol signed up elsewhere and capped her feed at one video a day (before her feed ever loads, since a served
  // video is not served again); she signs in here, and her feed ends with the cap's message, not an empty screen.
  await carol.evaluate(async (handle) => {
    const call = async (query, token) => {
      const r = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query }) });
      const body = await r.json();
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };
    const { signUp } = await call(`mutation { signUp(input: { handle: "${handle}", email: "${handle}@example.test", password: "correct horse battery", birthDate: "1991-02-03" }) { token errors { code } } }`);
    const { setDailyScrollCap } = await call('mutation { setDailyScrollCap(input: { cap: 1 }) { errors { code } } }', signUp.token);
    if (setDailyScrollCap.errors.length) throw new Error(JSON.stringify(setDailyScrollCap.errors));
  }, C);
  await carol.getByLabel('Handle or email').fill(C);
  await carol.getByLabel('Password').fill('correct horse battery');
  await carol.locator('form[aria-label="Sign in"]').getByRole('button', { name: 'Sign in' }).click();
  await carol.getByText(`@${C}`, { exact: true }).waitFor();
  const slide = carol.locator(`article.slide[data-video-id="${videoId}"]`);
  await slide.waitFor({ timeout: 30_000 });
  // The player really plays (autoplay, muted) and the time it played is what recordView reports.
  await carol.waitForFunction((id) => (document.querySelector(`article[data-video-id="${id}"] video`)?.currentTime ?? 0) > 0.3, videoId, { timeout: 30_000 });
  await shot(carol, 'feed');
  await slide.getByRole('button', { name: /^Comments/ }).click();
  const comments = carol.getByRole('dialog', { name: 'Comments' });
  await comments.getByLabel('Add a comment').fill('The waves are lovely');
  await comments.getByRole('button', { name: 'Post' }).click();
  await comments.getByText('The waves are lovely').waitFor();
  await shot(carol, 'comments');
  await carol.keyboard.press('Escape');
  await slide.getByRole('button', { name: 'Why this video?' }).click();
  await carol.getByRole('dialog', { name: 'Why this video' }).waitFor();
  await shot(carol, 'why-this-video');
  await carol.keyboard.press('Escape');
  say('in-feed', { viewer: 'carol' });

  // 6. Alice revokes; the video leaves carol's open feed, with no reload.
  const navigations = [];
  carol.on('framenavigated', (f) => f === carol.mainFrame() && navigations.push(f.url()));
  await alice.getByRole('button', { name: `Revoke @${B}` }).click();
  await alice.locator(`li[data-grantee="${B}"]`, { hasText: 'Revoked' }).waitFor();
  say('revoked');
  await slide.waitFor({ state: 'detached', timeout: 30_000 });
  await carol.getByText('no longer available').waitFor();
  await carol.locator('.end[data-end-reason="DAILY_SCROLL_CAP_REACHED"]', { hasText: "today's limit" }).waitFor();
  await shot(carol, 'feed-after-revoke');
  say('removed-from-feed', { reloads: navigations.length });

  // The other screens, for the record (and for anything that fails to render).
  await bob.goto(`${base}/#/mine`);
  await bob.locator('[data-generation-id]').first().waitFor();
  await shot(bob, 'my-videos');
  await bob.goto(`${base}/#/messages`);
  await bob.getByRole('heading', { level: 1 }).waitFor();
  await shot(bob, 'messages');
  await bob.goto(`${base}/#/family`);
  await bob.getByRole('heading', { level: 1 }).waitFor();
  await shot(bob, 'family');
  const admin = await person('admin');
  await signUp(admin, `${adminHandle}`);
  await admin.getByRole('link', { name: 'Moderation' }).click();
  await admin.getByRole('heading', { level: 1 }).waitFor();
  await shot(admin, 'moderation');
  // The admin makes itself an auditor (as an admin may), signs in again to carry the role, and opens the audit.
  await admin.evaluate(async () => {
    const token = JSON.parse(localStorage.getItem('sora.token')).token;
    const call = async (query) => (await (await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) })).json()).data;
    const { me } = await call('{ me { id } }');
    const { grantRole } = await call(`mutation { grantRole(input: { accountId: "${me.id}", role: AUDITOR }) { errors { code } } }`);
    if (grantRole.errors.length) throw new Error(JSON.stringify(grantRole.errors));
  });
  await admin.getByRole('button', { name: 'Sign out' }).click();
  await admin.getByLabel('Handle or email').fill(adminHandle);
  await admin.getByLabel('Password').fill('correct horse battery');
  await admin.locator('form[aria-label="Sign in"]').getByRole('button', { name: 'Sign in' }).click();
  await admin.getByRole('link', { name: 'Audit' }).click();
  await admin.getByRole('heading', { level: 1 }).waitFor();
  await shot(admin, 'audit');
  await bob.goto(`${base}/#/search`);
  await bob.getByLabel('Search videos').fill('beach');
  await bob.getByRole('search').getByRole('button', { name: 'Search' }).click();
  await bob.locator('.end, article.slide').first().waitFor();
  await shot(bob, 'search');
  say('screens', { errors: consoleErrors, unlabelled });
  say('done');
} catch (error) {
  say('error', { message: String(error?.message ?? error), errors: consoleErrors });
  process.exitCode = 1;
} finally {
  await browser.close();
}

async function page0(page) {
  await page.getByRole('heading', { level: 1 }).waitFor();
  await shot(page, 'sign-in');
}
