// Following a dossier on the served bundle: the lookup form, the dossier page and "Hồ sơ của
// tôi" pass axe-core and reflow at 320 px; a withdrawal asks first; a status change made by
// the office shows on "Hồ sơ của tôi".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, watchedPage, axeViolations } from './browser.mjs';
import { homeAddress } from './filing.mjs';

const BASE = process.env.DVC_URL || 'http://127.0.0.1:8080';
const TOKEN = process.env.DVC_E2E_OFFICER_TOKEN || 'e2e-officer-token';
const CCCD = '026190077020';
let browser;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function fileDossier() {
  const upload = await (await fetch(`${BASE}/api/v1/uploads`, { method: 'POST', headers: { 'x-file-name': 'a.pdf' }, body: '%PDF-1.4\n%%EOF\n' })).json();
  const body = { procedure_code: '1.004222', answers: {
    applicant: { kind: 'citizen', full_name: 'Mai Thị Hoa', id_number: CCCD, birth_date: '01/01/1990', sex: 'female', phone: '0912077020', email: '',
      address: await homeAddress(BASE, 'Số 20') },
    fields: { dia_chi_moi: 'Số 20', ho_ten_chu_ho: 'Mai Thị Hoa', dinh_danh_chu_ho: CCCD, quan_he_chu_ho: 'chu_ho', truong_hop: 'nha_so_huu' },
    documents: { giay_to_1: [upload.id] } } };
  const r = await fetch(`${BASE}/api/v1/dossiers`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': `page-track-${Date.now()}` }, body: JSON.stringify(body) });
  assert.equal(r.status, 201);
  return (await r.json()).code;
}

const fits320 = (page) => page.evaluate(() => document.documentElement.scrollWidth <= 320);

test('tracking pages: accessible, reflowing, a withdrawal confirmed first, and a move shown on “Hồ sơ của tôi”', async () => {
  const code = await fileDossier();
  const { page, problems } = await watchedPage(browser, { width: 320, height: 700 });
  await page.goto(`${BASE}/tra-cuu`);
  await page.waitForSelector('#track-code', { timeout: 20000 });
  await page.click('form button[type=submit]');
  await page.waitForSelector('.error-summary');
  assert.deepEqual(await axeViolations(page), [], 'the lookup form with its errors');
  assert.ok(await fits320(page));
  await page.fill('#track-code', code);
  await page.fill('#track-applicant', CCCD);
  await page.click('form button[type=submit]');
  await page.waitForSelector('#dossier-status');
  assert.match(page.url(), new RegExp(`/tra-cuu/${code.replaceAll('.', '\\.')}$`));
  assert.deepEqual(await axeViolations(page), [], 'the dossier page');
  assert.ok(await fits320(page));

  // The office accepts it; "Hồ sơ của tôi" says so.
  const r = await fetch(`${BASE}/api/v1/officer/dossiers/${code}/status`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ status: 2 }) });
  assert.equal(r.status, 200);
  await page.goto(`${BASE}/ho-so-cua-toi`);
  await page.waitForFunction(() => /đã chuyển sang “Được tiếp nhận”/.test(document.querySelector('main')?.textContent || ''), null, { timeout: 20000 });
  assert.deepEqual(await axeViolations(page), [], 'my applications');

  // Withdrawing asks first.
  await page.click('.draft a.button');
  await page.waitForSelector('#dossier-status');
  await page.click('text=Rút hồ sơ');
  await page.waitForSelector('#withdraw-yes');
  assert.match(await page.textContent('#dossier-status'), /Được tiếp nhận/, 'nothing happens before confirming');
  await page.click('#withdraw-yes');
  await page.waitForFunction(() => /Công dân yêu cầu rút hồ sơ/.test(document.querySelector('#dossier-status')?.textContent || ''), null, { timeout: 20000 });
  assert.deepEqual(problems, []);
  await page.close();
});

test('looked up by phone, a dossier can be read but not changed, and the page says how to change it', async () => {
  const code = await fileDossier();
  const { page, problems } = await watchedPage(browser, { width: 390, height: 844 });
  await page.goto(`${BASE}/tra-cuu`);
  await page.waitForSelector('#track-code', { timeout: 20000 });
  await page.fill('#track-code', code);
  await page.fill('#track-applicant', '0912077020');
  await page.click('form button[type=submit]');
  await page.waitForSelector('#dossier-status');
  assert.match(await page.textContent('#read-only'), /tra cứu lại bằng số CCCD/);
  assert.equal(await page.$('button:has-text("Rút hồ sơ")'), null, 'no withdrawal offered');
  assert.deepEqual(await axeViolations(page), [], 'the read-only dossier page');
  assert.deepEqual(problems, []);
  await page.close();
});
