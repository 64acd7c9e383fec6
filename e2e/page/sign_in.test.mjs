// Signing in with the e-ID through the test identity provider's real login page (e2e/idp,
// started by scripts/test.sh beside the server): the header shows the citizen, the first
// filing step is prefilled and the identity cannot be edited, the dossier filed appears under
// "Hồ sơ của tôi" on another browser after signing in again, nothing of the citizen or the
// session is readable on the device, a level-1 account is offered the step up, and signing
// out ends the session here and at the provider. Signed in, the wallet on the device keeps
// only what the e-ID does not give (contact, address), and the next filing takes the identity
// from the e-ID and the rest from the wallet.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { launch, newContext, vietnamDate } from './browser.mjs';
import { fillAddress, fillChild, paperDocumentsAndSubmit } from './filing.mjs';
import { SECOND } from './returning.mjs';

const BASE = process.env.DVC_URL || 'http://127.0.0.1:8080';
const IDP = process.env.DVC_E2E_IDP;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AN = { id: '001099012345', name: 'Nguyễn Văn An', born: '17/05/1999', phone: '0912345678' };
const BINH = { id: '026188000111', name: 'Trần Thị Bình' };
let browser;

before(async () => {
  assert.ok(IDP, 'DVC_E2E_IDP names the test identity provider (scripts/test.sh starts it)');
  browser = await launch();
});
after(async () => { await browser?.close(); });

async function fresh(viewport = { width: 390, height: 844 }) {
  // bypassCSP: axe-core is injected as an inline script, which the pages' policy refuses.
  const context = await newContext(browser, { viewport, serviceWorkers: 'block', bypassCSP: true });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  return { context, page, problems };
}

async function axe(page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(() => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }));
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** On the provider's login page: its labels, as a citizen reads them. */
async function logInAtProvider(page, id, { checkAccessibility = false } = {}) {
  await page.waitForURL((url) => url.href.startsWith(IDP), { timeout: 20000 });
  await page.getByText('Nhà cung cấp định danh THỬ NGHIỆM').waitFor();
  if (checkAccessibility) assert.deepEqual(await axe(page), [], 'the provider login page');
  await page.getByLabel('Số định danh cá nhân').fill(id);
  await page.getByLabel('Mật khẩu').fill('Test@12345');
  await page.getByLabel('Mã OTP').fill('123456');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/** Everything this origin's pages can read: storage, IndexedDB and cookies. */
async function readable(page) {
  return page.evaluate(async () => {
    const dump = async (name) => new Promise((resolve) => {
      const open = indexedDB.open(name);
      open.onsuccess = async () => {
        const db = open.result;
        const out = [];
        for (const store of db.objectStoreNames) {
          out.push(await new Promise((r) => {
            const all = db.transaction(store).objectStore(store).getAll();
            all.onsuccess = () => r(JSON.stringify(all.result));
            all.onerror = () => r('');
          }));
        }
        db.close();
        resolve(out.join('\n'));
      };
      open.onerror = () => resolve('');
    });
    const databases = (await indexedDB.databases()).map((d) => d.name);
    const idb = [];
    for (const name of databases) idb.push(await dump(name));
    return { local: JSON.stringify({ ...localStorage }), session: JSON.stringify({ ...sessionStorage }), idb: idb.join('\n'), cookies: document.cookie };
  });
}

test('a citizen signs in with the e-ID, files without typing their identity, finds it on another browser, and signs out', async () => {
  const { context, page, problems } = await fresh();
  await page.goto(`${BASE}/nop-ho-so/1.001193`);
  await page.locator('#sign-in-offer').waitFor({ timeout: 20000 });
  await page.locator('#sign-in-offer a').click();
  await logInAtProvider(page, AN.id, { checkAccessibility: true });

  // Back on the first step, signed in: the header shows the citizen.
  await page.waitForURL(`${BASE}/nop-ho-so/1.001193`);
  const account = page.locator('.site-nav__user');
  await account.waitFor({ timeout: 20000 });
  assert.equal((await account.textContent()).trim(), 'An');
  assert.match(await account.getAttribute('aria-label'), /Nguyễn Văn An.*mức 2/);

  // The identity comes from the e-ID: shown, masked, and not editable.
  await page.locator('#eid-full_name').waitFor();
  assert.equal(await page.locator('#eid-full_name').textContent(), AN.name);
  assert.equal(await page.locator('#eid-id_number').textContent(), '001******345');
  assert.equal(await page.locator('#eid-birth_date').textContent(), AN.born);
  assert.equal(await page.locator('#applicant-id_number').count(), 0, 'no field to type the CCCD into');
  assert.equal(await page.locator('#applicant-full_name').count(), 0);
  assert.equal(await page.inputValue('#applicant-phone'), AN.phone, 'the phone starts from the e-ID, editable');
  assert.deepEqual(await axe(page), [], 'the first step, signed in');

  await fillAddress(page, { street: 'Số 12 phố Hàng Bài' });
  await page.click('form.apply-form button[type=submit]');
  await fillChild(page, { child: 'Nguyễn Minh Khang', born: vietnamDate(-3), mother: 'Lê Thị Hoa', motherCccd: '001199012346' });
  await page.click('form.apply-form button[type=submit]');
  await paperDocumentsAndSubmit(page);
  await page.waitForURL(/\/da-nop$/, { timeout: 20000 });
  const code = (await page.locator('#dossier-code').textContent()).trim();
  assert.match(code, /-\d{6}-\d{4}$/);

  // Nothing of the citizen's identity, and no token, is readable on the device.
  const kept = await readable(page);
  for (const secret of [AN.id, AN.name, AN.born, AN.phone, '19990517']) {
    for (const [where, text] of Object.entries(kept)) assert.ok(!text.includes(secret), `${secret} in ${where}`);
  }
  assert.ok(!/dvc_session|dvc_login|test_idp/.test(kept.cookies), `readable cookies: ${kept.cookies}`);
  const cookies = await context.cookies(BASE);
  const session = cookies.find((c) => c.name === 'dvc_session');
  assert.ok(session?.httpOnly && session.sameSite === 'Lax', JSON.stringify(cookies));
  assert.deepEqual(problems, []);

  // Another browser: signing in again shows the dossier under "Hồ sơ của tôi".
  const other = await fresh({ width: 1280, height: 900 });
  await other.page.goto(`${BASE}/ho-so-cua-toi`);
  await other.page.locator('#sign-in-hint a').click();
  await logInAtProvider(other.page, AN.id);
  await other.page.waitForURL(`${BASE}/ho-so-cua-toi`);
  const listed = other.page.locator('#account-dossiers li', { hasText: code });
  await listed.waitFor({ timeout: 20000 });
  assert.deepEqual(await axe(other.page), [], 'my dossiers, signed in');
  await listed.getByRole('link').click();
  await other.page.waitForURL(`${BASE}/tra-cuu/${code}`);
  await other.page.locator('#dossier-status').waitFor({ timeout: 20000 });
  assert.deepEqual(other.problems, []);
  await other.context.close();

  // Signing out: here, then at the provider, and back home signed out.
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.waitForURL((url) => url.href.startsWith(`${IDP}/session/end`), { timeout: 20000 });
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.waitForURL(`${BASE}/`, { timeout: 20000 });
  await page.locator('.site-nav__login').waitFor({ timeout: 20000 });
  const after = await page.evaluate(async () => (await fetch('/api/v1/session')).status);
  assert.equal(after, 401);
  await context.close();
});

test('signed in, the wallet keeps only what the e-ID does not give, and the next filing takes each from its source', async () => {
  const { context, page, problems } = await fresh();
  const street = 'Số 7 ngõ Huế';
  await page.goto(`${BASE}/nop-ho-so/1.001193`);
  await page.locator('#sign-in-offer a').click({ timeout: 20000 });
  await logInAtProvider(page, AN.id);
  await page.waitForURL(`${BASE}/nop-ho-so/1.001193`);
  await page.locator('#eid-full_name').waitFor({ timeout: 20000 });
  await fillAddress(page, { street });
  await page.click('form.apply-form button[type=submit]');
  await fillChild(page, { child: 'Nguyễn Minh Châu', born: vietnamDate(-2), mother: 'Lê Thị Hoa', motherCccd: '001199012346' });
  await page.click('form.apply-form button[type=submit]');
  await paperDocumentsAndSubmit(page);
  await page.waitForURL(/\/da-nop$/, { timeout: 20000 });
  await page.locator('#wallet-offer').waitFor({ timeout: 20000 });
  await page.click('#wallet-keep');
  await page.locator('#wallet-said').waitFor();
  assert.match(await page.textContent('#wallet-said'), /Đã lưu, mã hoá trên thiết bị này/);

  // Kept encrypted: neither the e-ID's identity nor the citizen's own answers in clear.
  const kept = await readable(page);
  for (const secret of [AN.id, AN.name, AN.born, AN.phone, street]) {
    for (const [where, text] of Object.entries(kept)) assert.ok(!text.includes(secret), `${secret} in ${where}`);
  }
  // The wallet holds the contact and the address, not the identity the e-ID gives.
  await page.goto(`${BASE}/du-lieu-cua-toi`);
  await page.locator('#wallet-street').waitFor({ timeout: 20000 });
  assert.equal(await page.inputValue('#wallet-street'), street);
  // The phone was the e-ID's own (kept as it was): the e-ID gives it again, the wallet keeps none.
  for (const field of ['full_name', 'id_number', 'birth_date', 'phone']) assert.equal(await page.inputValue(`#wallet-${field}`), '', field);

  // The next procedure: the identity from the e-ID (not editable), the rest from the wallet.
  await page.goto(`${BASE}/nop-ho-so/${SECOND}`);
  await page.locator('#wallet-prefilled').waitFor({ timeout: 20000 });
  assert.equal(await page.locator('#eid-full_name').textContent(), AN.name);
  assert.equal(await page.locator('#applicant-id_number').count(), 0, 'no field to type the CCCD into');
  await page.waitForFunction(() => document.getElementById('applicant-address-street')?.value, null, { timeout: 20000 });
  assert.equal(await page.inputValue('#applicant-address-street'), street);
  assert.equal(await page.inputValue('#applicant-phone'), AN.phone);
  assert.deepEqual(await axe(page), [], 'the first step, signed in and prefilled');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a level-1 account is offered the step up for a procedure that needs level 2', async () => {
  const { context, page, problems } = await fresh();
  await page.goto(`${BASE}/nop-ho-so/1.001612`);
  await page.locator('#step-up').waitFor({ timeout: 20000 });
  await page.locator('#sign-in-offer a').click();
  await logInAtProvider(page, BINH.id);
  await page.waitForURL(`${BASE}/nop-ho-so/1.001612`);
  await page.locator('#eid-full_name').waitFor({ timeout: 20000 });
  assert.equal(await page.locator('#eid-full_name').textContent(), BINH.name);
  const stepUp = page.locator('#step-up');
  assert.match(await stepUp.textContent(), /cần tài khoản định danh điện tử mức 2.*mức 1/s);
  assert.deepEqual(await axe(page), [], 'the step-up notice');
  // Asking for level 2 makes the provider ask again; a level-1 account is told how to step up.
  await stepUp.getByRole('link', { name: 'Đăng nhập bằng VNeID mức 2' }).click();
  await logInAtProvider(page, BINH.id);
  await page.getByRole('heading', { name: 'Cần tài khoản định danh điện tử mức 2' }).waitFor({ timeout: 20000 });
  assert.match(await page.textContent('body'), /Công an xã, phường/);
  assert.deepEqual(await axe(page), [], 'the step-up page');
  assert.deepEqual(problems, []);
  await context.close();
});

test('at a kiosk, signing in always asks for the password, and the idle wipe ends the session', async () => {
  const { context, page, problems } = await fresh({ width: 1280, height: 900 });
  await page.goto(`${BASE}/`);
  await page.evaluate(() => localStorage.setItem('dvc.kiosk', 'idle=4,warn=2'));
  await page.goto(`${BASE}/`);
  const login = page.locator('.site-nav__login');
  await login.waitFor({ timeout: 20000 });
  assert.match(await login.getAttribute('href'), /fresh=1/, 'the provider may not remember the last citizen');
  await login.click();
  await logInAtProvider(page, AN.id);
  await page.waitForURL(`${BASE}/`);
  await page.locator('.site-nav__user').waitFor({ timeout: 20000 });
  // No touch: the warning, then the end of the session, here and on the server.
  await page.waitForSelector('#idle-dialog', { timeout: 15000 });
  await page.waitForSelector('.site-nav__login', { timeout: 20000 });
  const state = await page.evaluate(async () => (await fetch('/api/v1/session/state')).json());
  assert.deepEqual(state, { sign_in: true, full_name: null, level: null });
  // The next citizen's sign-in meets the password form, though the provider remembers the browser.
  await page.locator('.site-nav__login').click();
  await page.waitForURL((url) => url.href.startsWith(IDP), { timeout: 20000 });
  await page.getByLabel('Mật khẩu').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});
