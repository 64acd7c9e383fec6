// The installable app with a patchy connection: the manifest and service worker are served
// right; after one visit the app opens offline, searches, shows a procedure already viewed and
// keeps a draft; a dossier filed offline waits as "Đang chờ gửi" and lands exactly once when
// the connection returns.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newContext, vietnamDate } from './browser.mjs';
import { fillApplicant, fillChild, paperDocumentsAndSubmit } from './filing.mjs';

const BASE = process.env.DVC_URL || 'http://127.0.0.1:8080';
const CCCD = '026190077030';
const PHONE = '0912077030';
let browser;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the manifest and the service worker are served with their types and are never cached stale', async () => {
  const manifest = await fetch(`${BASE}/manifest.webmanifest`);
  assert.equal(manifest.headers.get('content-type'), 'application/manifest+json');
  assert.equal(manifest.headers.get('cache-control'), 'no-cache');
  const m = await manifest.json();
  assert.equal(m.display, 'standalone');
  assert.equal(m.lang, 'vi');
  assert.ok(m.short_name && m.name && m.start_url);
  const sizes = m.icons.map((i) => `${i.sizes} ${i.purpose}`);
  for (const want of ['192x192 any', '512x512 any', '512x512 maskable']) assert.ok(sizes.includes(want), want);
  for (const icon of m.icons) {
    const r = await fetch(`${BASE}${icon.src}`);
    assert.equal(r.headers.get('content-type'), 'image/png', icon.src);
  }
  const sw = await fetch(`${BASE}/sw.js`);
  assert.match(sw.headers.get('content-type'), /javascript/);
  assert.equal(sw.headers.get('cache-control'), 'no-cache');
  const source = await sw.text();
  const precache = JSON.parse(source.match(/const PRECACHE = (\[.*\]);/)[1]);
  assert.ok(precache.includes('/index.html') && precache.some((f) => /_bg\.wasm$/.test(f)) && precache.some((f) => /\.js$/.test(f)), 'the build wrote the shell list');
  for (const file of precache) assert.equal((await fetch(`${BASE}${file}`)).status, 200, `${file} exists`);
});

test('offline after one visit: opens, searches, shows a viewed procedure, keeps a draft; filed offline, it lands once back online', async () => {
  const context = await newContext(browser, { viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error' && !/net::ERR_(FAILED|INTERNET_DISCONNECTED)/.test(m.text())) errors.push(m.text()); });

  // One visit online: home, a procedure, the start of its form.
  await page.goto(`${BASE}/`);
  await page.waitForSelector('.link-grid a', { timeout: 20000 });
  await page.evaluate(() => navigator.serviceWorker.ready);
  // Chromium's own installability check (what Lighthouse's installable audit uses).
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  // A test browser context is incognito, which Chromium reports by itself; nothing else may be wrong.
  assert.deepEqual(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito'), [], 'installable');
  await cdp.detach();
  await page.goto(`${BASE}/thu-tuc/1.001193`);
  await page.waitForSelector('#documents-title', { timeout: 20000 });
  await page.goto(`${BASE}/nop-ho-so/1.001193`);
  await page.waitForFunction(() => document.getElementById('applicant-address-commune') && document.getElementById('applicant-address-province').options.length > 1, null, { timeout: 20000 });

  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector('#applicant-full_name', { timeout: 20000 });
  await page.waitForSelector('#offline-notice', { timeout: 5000 }); // says it is offline
  await page.goto(`${BASE}/tim-kiem?q=khai%20sinh`);
  await page.waitForSelector('.card__title a', { timeout: 20000 });
  assert.match(await page.textContent('.card__title a'), /khai sinh/i, 'search works offline');
  await page.goto(`${BASE}/thu-tuc/1.001193`);
  await page.waitForSelector('#documents-title', { timeout: 20000 });

  // A whole birth registration filed offline (documents handed in on paper).
  await page.goto(`${BASE}/nop-ho-so/1.001193`);
  await fillApplicant(page, { name: 'Ngô Thị Hiền', cccd: CCCD, born: '09/09/1990', phone: PHONE, street: 'Số 30' });
  await fillChild(page, { child: 'Ngô Gia Huy', born: vietnamDate(-4), mother: 'Ngô Thị Hiền', motherCccd: CCCD });
  await page.click('form.apply-form button[type=submit]');
  await paperDocumentsAndSubmit(page);
  await page.waitForSelector('#queued', { timeout: 20000 });
  assert.match(await page.textContent('#queued'), /Đang chờ gửi/);

  const count = async () => (await (await fetch(`${BASE}/api/v1/dossiers`, { headers: { 'x-applicant': CCCD, 'x-phone': PHONE } })).json()).length;
  const before = await count();
  await page.waitForTimeout(300);
  assert.equal(await count(), before, 'nothing sent while offline');
  await context.setOffline(false);
  await page.waitForSelector('#dossier-code', { timeout: 20000 });
  assert.equal(await count(), before + 1, 'exactly one dossier once back online');
  // Another "online" event sends nothing more.
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await page.waitForTimeout(500);
  assert.equal(await count(), before + 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a second visit starts from the device: the page and the app’s code come from the service worker, none from the network', async () => {
  const context = await newContext(browser, { viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`${BASE}/tim-kiem?q=khai%20sinh`);
  await page.waitForSelector('.card__title a', { timeout: 20000 });
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20000 });
  // Every page's code too, fetched by the worker in the background once it is active.
  const lazy = JSON.parse((await (await fetch(`${BASE}/sw.js`)).text()).match(/const LAZY = (\[.*\]);/)[1]);
  const allKept = (files) => page.evaluate(async (files) => {
    const shell = (await caches.keys()).find((n) => n.startsWith('dvc-shell-'));
    if (!shell) return false;
    const cache = await caches.open(shell);
    for (const f of files) if (!(await cache.match(f))) return false;
    return true;
  }, files);
  for (let waited = 0; !(await allKept(lazy)); waited += 200) {
    assert.ok(waited < 30000, 'the worker keeps every page’s code within 30 s');
    await page.waitForTimeout(200);
  }

  const fromNetwork = [];
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    if (!path.startsWith('/api/') && !r.fromServiceWorker()) fromNetwork.push(path);
  });
  await page.goto(`${BASE}/thu-tuc/1.001193`);
  await page.waitForFunction(() => /khai sinh/i.test(document.querySelector('h1')?.textContent ?? ''), null, { timeout: 20000 });
  await page.goto(`${BASE}/`);
  await page.waitForSelector('.link-grid--popular a');
  assert.deepEqual(fromNetwork.filter((p) => p !== '/sw.js'), [], 'nothing of the app from the network');
  // And a page whose code was never opened works with no network at all.
  await context.setOffline(true);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('requestfailed', (r) => errors.push(`failed ${r.url()} ${r.failure()?.errorText}`));
  await page.goto(`${BASE}/ho-so-cua-toi`);
  await page.waitForFunction(() => /Hồ sơ của tôi/.test(document.querySelector('h1')?.textContent ?? ''), null, { timeout: 20000 })
    .catch(async (e) => assert.fail(`${e.message}\n${await page.textContent('body')}\n${errors.join('\n')}`));
  await context.close();
});
