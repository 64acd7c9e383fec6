// Kiosk mode: larger touch targets; a citizen who walks away mid-form is warned, then the
// session ends and the next person finds nothing of theirs; an unfinished draft moves to a
// phone with one scan, once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { launch, newContext } from './browser.mjs';

const BASE = process.env.DVC_URL || 'http://127.0.0.1:8080';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let browser;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Everything the browser keeps for this origin, as text. */
async function kept(page) {
  return page.evaluate(async () => {
    const local = JSON.stringify({ ...localStorage });
    const session = JSON.stringify({ ...sessionStorage });
    const drafts = await new Promise((resolve) => {
      const open = indexedDB.open('dvc');
      open.onupgradeneeded = () => open.result.createObjectStore('drafts');
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('drafts')) return resolve('[]');
        const all = db.transaction('drafts').objectStore('drafts').getAll();
        all.onsuccess = () => { resolve(JSON.stringify(all.result)); db.close(); };
      };
      open.onerror = () => resolve('[]');
    });
    const cached = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        cached.push(`${name} ${request.url} ${await response.clone().text().catch(() => '')}`);
      }
    }
    return `${local}\n${session}\n${drafts}\n${cached.join('\n')}`;
  });
}

/** Staff turn a browser into a kiosk with a setting on the device itself (the kiosk build's
 * DVC_KIOSK does the same for every browser that loads it). */
async function makeKiosk(page, settings) {
  await page.goto(`${BASE}/`);
  await page.evaluate((s) => localStorage.setItem('dvc.kiosk', s), settings);
}

test('kiosk: a link cannot turn kiosk mode on, so it cannot wipe a citizen\'s drafts', async () => {
  const context = await newContext(browser, { viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`${BASE}/nop-ho-so/1.001193`);
  await page.waitForSelector('#applicant-full_name', { timeout: 20000 });
  await page.fill('#applicant-full_name', 'Lò Thị Xuân');
  await page.waitForTimeout(300);
  assert.match(await kept(page), /Lò Thị Xuân/);
  // A stranger's link asking for a kiosk with a 2-second timeout.
  await page.goto(`${BASE}/?kiosk=1&idle=2&warn=1`);
  await page.waitForSelector('#search-q', { timeout: 20000 });
  await page.waitForTimeout(5000);
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('kiosk')), false);
  assert.equal(await page.$('#kiosk-end'), null);
  assert.match(await kept(page), /Lò Thị Xuân/, 'the draft is still there');
  await context.close();
});

test('kiosk: walked away mid-form, the session ends and nothing of the citizen is left', async () => {
  const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await makeKiosk(page, 'idle=3,warn=3');
  await page.goto(`${BASE}/`);
  await page.waitForSelector('#kiosk-end', { timeout: 20000 });
  assert.ok(await page.evaluate(() => document.documentElement.classList.contains('kiosk')));
  const height = await page.evaluate(() => document.querySelector('.search__button, .button').getBoundingClientRect().height);
  assert.ok(height >= 64, `touch targets of 64 px (${height})`);

  await page.goto(`${BASE}/nop-ho-so/1.001193`);
  await page.waitForSelector('#applicant-full_name', { timeout: 20000 });
  await page.fill('#applicant-full_name', 'Trịnh Văn Bình');
  await page.fill('#applicant-id_number', '026085077040');
  await page.waitForTimeout(200);
  assert.match(await kept(page), /Trịnh Văn Bình/, 'the draft is kept while the citizen works');

  // No touch for a while: the warning, with the focus on "Tiếp tục".
  await page.waitForSelector('#idle-dialog', { timeout: 10000 });
  assert.equal(await page.getAttribute('#idle-dialog', 'role'), 'alertdialog');
  assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Tiếp tục');
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] }));
  assert.deepEqual(result.violations.map((v) => v.id), [], 'the warning dialog');
  // The session ends: home, and nothing personal anywhere.
  await page.waitForURL(`${BASE}/`, { timeout: 10000 });
  await page.waitForSelector('#kiosk-end', { timeout: 20000 });
  const left = await kept(page);
  assert.doesNotMatch(left, /Trịnh Văn Bình|026085077040/);
  const kept_data = left.split('\n').filter((l) => l.startsWith('dvc-data ')).map((l) => new URL(l.split(' ')[1]).pathname);
  assert.ok(kept_data.every((p) => /^\/api\/v1\/(catalog(\/pack)?|procedures\/[^/]+(\/form)?|areas|stats)$/.test(p)), `only public data is cached: ${kept_data}`);
  await context.close();
});

test('kiosk: “Tiếp tục trên điện thoại” opens the draft on a phone once', async () => {
  const kiosk = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  const page = await kiosk.newPage();
  await makeKiosk(page, 'idle=120,warn=30');
  await page.goto(`${BASE}/nop-ho-so/1.001193`);
  await page.waitForSelector('#applicant-full_name', { timeout: 20000 });
  await page.fill('#applicant-full_name', 'Đinh Thị Mơ');
  await page.waitForTimeout(200);
  await page.click('#handoff');
  await page.waitForSelector('#handoff-qr svg');
  const link = (await page.textContent('#handoff-qr .done-qr__link')).trim();
  assert.match(link, /\/tiep-tuc\/[0-9a-f]{32}$/);
  // The citizen ends the kiosk session; the link still carries the draft.
  await page.click('#kiosk-end');
  await page.waitForURL(`${BASE}/`);

  const phone = await newContext(browser, { viewport: { width: 390, height: 844 } });
  const mobile = await phone.newPage();
  await mobile.goto(link);
  await mobile.waitForSelector('#applicant-full_name', { timeout: 20000 });
  assert.equal(await mobile.inputValue('#applicant-full_name'), 'Đinh Thị Mơ');
  assert.equal(await mobile.$('#kiosk-end'), null, 'a phone is not a kiosk');
  const again = await phone.newPage();
  await again.goto(link);
  await again.waitForSelector('.notice--error', { timeout: 20000 });
  assert.match(await again.textContent('.notice--error'), /đã được dùng hoặc đã hết hạn/);
  await kiosk.close();
  await phone.close();
});

test('switching the language keeps what was typed in a form', async () => {
  const context = await newContext(browser, { viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`${BASE}/nop-ho-so/1.001193`);
  await page.waitForSelector('#applicant-full_name', { timeout: 20000 });
  await page.fill('#applicant-full_name', 'Phan Văn Đức');
  await page.click('.site-nav__lang');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.match(await page.textContent('label[for="applicant-full_name"]'), /name/i);
  assert.equal(await page.inputValue('#applicant-full_name'), 'Phan Văn Đức');
  await page.click('.site-nav__lang');
  await page.waitForFunction(() => document.documentElement.lang === 'vi');
  assert.equal(await page.inputValue('#applicant-full_name'), 'Phan Văn Đức');
  await context.close();
});
