// Paying a fee on the served bundle: the page passes axe-core and reflows at 320 px, the QR
// saves as a PNG, a partial transfer shows what is still due, the rest pays the bill, and a
// second transfer for the paid bill changes nothing the citizen sees.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { launch, watchedPage, axeViolations } from './browser.mjs';
import { fileResidenceRegistration as fileResidence, fillAddress } from './filing.mjs';

const BASE = process.env.DVC_URL || 'http://127.0.0.1:8080';
const SECRET = process.env.DVC_E2E_BANK_SECRET || 'test-e2e-bank-gateway-secret';
let browser;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

function fileResidenceRegistration() {
  return fileResidence(BASE, { name: 'Hoàng Thị Thu', cccd: '026190088001', born: '03/03/1990', sex: 'female', phone: '0912888001', key: `page-pay-${Date.now()}` });
}

async function transfer(id, amount, note) {
  const body = JSON.stringify({ transaction_id: id, amount, note, time: '27/11/2026 10:00' });
  const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
  const response = await fetch(`${BASE}/api/v1/bank-notifications`, { method: 'POST', headers: { 'x-signature': signature }, body });
  assert.equal(response.status, 200);
  return response.json();
}

/** Opens a dossier's bill as its applicant (the CCCD given when filing): the bill's random id. */
async function openBill(code, cccd) {
  const response = await fetch(`${BASE}/api/v1/dossiers/${code}/payment`, { method: 'POST', headers: { 'x-applicant': cccd } });
  assert.ok(response.ok, `opening the bill: ${response.status}`);
  return (await response.json()).id;
}

test('paying a fee: the code, a partial transfer, the rest, then a duplicate that changes nothing', async () => {
  const code = await fileResidenceRegistration();
  const id = await openBill(code, '026190088001');
  const { page, problems } = await watchedPage(browser, { width: 390, height: 844 });
  const asked = [];
  page.on('request', (r) => { if (new URL(r.url()).pathname === `/api/v1/payments/${id}`) asked.push(r.url()); });
  await page.goto(`${BASE}/thanh-toan/${id}`);
  await page.waitForSelector('#payment-qr', { timeout: 20000 });
  assert.match(await page.textContent('main'), /10\.000 ₫/);
  // A healthy stream pings every 5 s, and the page hears it: past its 12 s of allowed silence
  // it still listens instead of asking for the bill over and over.
  await page.waitForTimeout(14000);
  assert.equal(asked.length, 1, `the bill was asked for once, then followed by its stream: ${asked.length}`);
  assert.match(await page.textContent('.pay__expiry'), /Mã QR còn hiệu lực 1[45]:\d\d/);
  assert.deepEqual(await axeViolations(page), [], 'the payment page');
  await page.setViewportSize({ width: 320, height: 700 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 320), 'no horizontal scrolling at 320 px');

  // "Tải mã QR" saves a PNG.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Tải mã QR')]);
  assert.match(download.suggestedFilename(), /^vietqr-HP\d{11}\.png$/);
  const png = readFileSync(await download.path());
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG file');

  const bill = (await page.textContent('.pay__value >> nth=4')).trim().split(' ')[0];
  assert.match(bill, /^HP\d{11}$/);
  const partial = await transfer(`PG-${bill}-1`, 4000, `${bill} le phi`);
  assert.equal(partial.outcome, 'underpaid');
  await page.waitForFunction(() => /còn thiếu 6\.000 ₫/.test(document.querySelector('#payment-status')?.textContent || ''), null, { timeout: 2000 });
  const rest = await transfer(`PG-${bill}-2`, 6000, bill);
  assert.equal(rest.outcome, 'paid');
  await page.waitForSelector('#payment-paid', { timeout: 2000 });
  const receipt = await page.textContent('#receipt');
  assert.match(receipt, /Mười nghìn đồng/);
  const duplicate = await transfer(`PG-${bill}-3`, 10000, bill);
  assert.equal(duplicate.outcome, 'duplicate');
  await page.reload();
  await page.waitForSelector('#receipt', { timeout: 20000 });
  assert.equal(await page.textContent('#receipt'), receipt, 'the same receipt; nothing changed');
  assert.equal(await page.$('#payment-qr'), null, 'no new code for a paid bill');
  assert.deepEqual(await axeViolations(page), [], 'the receipt');
  assert.deepEqual(problems, []);
  await page.close();
});

test('as a new user: file a dossier with a fee, pay it at the test bank, see it confirmed and the receipt', async () => {
  const { page, problems } = await watchedPage(browser, { width: 390, height: 844 });
  await page.goto(`${BASE}/nop-ho-so/1.004222`);
  await page.waitForSelector('#applicant-full_name', { timeout: 20000 });
  await page.fill('#applicant-full_name', 'Vũ Thị Hạnh');
  await page.fill('#applicant-id_number', '026190088002');
  await page.fill('#applicant-birth_date', '07/07/1990');
  await page.check('#applicant-sex-female');
  await page.fill('#applicant-phone', '0912888002');
  await fillAddress(page, { street: 'Số 7' });
  await page.click('form.apply-form button[type=submit]');
  await page.waitForSelector('#fields-dia_chi_moi');
  await page.fill('#fields-dia_chi_moi', 'Số 7');
  await page.fill('#fields-ho_ten_chu_ho', 'Vũ Thị Hạnh');
  await page.fill('#fields-dinh_danh_chu_ho', '026190088002');
  await page.selectOption('#fields-quan_he_chu_ho', 'chu_ho');
  await page.check('#fields-truong_hop');
  await page.click('form.apply-form button[type=submit]');
  await page.waitForSelector('#documents-giay_to_1');
  await page.setInputFiles('#documents-giay_to_1', [{ name: 'so-ho-khau.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') }]);
  await page.waitForSelector('.file__status--done', { timeout: 20000 });
  await page.click('form.apply-form button[type=submit]');
  await page.waitForSelector('#declaration');
  await page.check('#declaration');
  await page.click('form.apply-form button[type=submit]');
  await page.waitForSelector('#dossier-code', { timeout: 20000 });

  // The confirmation offers to pay the fee.
  assert.match(await page.textContent('#fee-due'), /10\.000 ₫/);
  await page.click('#fee-due button');
  await page.waitForSelector('#payment-qr', { timeout: 20000 });
  assert.match(new URL(page.url()).pathname, /^\/thanh-toan\/[0-9a-f]{32}$/, 'the address carries the bill\'s random id, not the dossier code');

  // The test bank, in a tab of its own, as a person would open it.
  const [bank] = await Promise.all([page.context().waitForEvent('page'), page.click('text=Ngân hàng thử nghiệm')]);
  await bank.waitForSelector('form');
  assert.match(await bank.textContent('body'), /NGÂN HÀNG THỬ NGHIỆM/);
  const sent = Date.now();
  await bank.click('button[type=submit]');
  await bank.waitForSelector('.result');
  await page.waitForSelector('#payment-paid', { timeout: 2000 });
  assert.ok(Date.now() - sent < 2000, 'confirmed within 2 seconds of the transfer');
  assert.match(await page.textContent('#receipt'), /Phí, lệ phí đăng ký thường trú – hồ sơ/);
  await bank.close();
  assert.deepEqual(problems, []);
  await page.close();
});

test('a lost first answer is asked again, and a stream that stalls without closing still shows the payment', async () => {
  const code = await fileResidenceRegistration();
  const id = await openBill(code, '026190088001');
  const { page } = await watchedPage(browser, { width: 390, height: 844 });
  // The first request for the bill is lost; the event stream connects but never says a word.
  let lost = false;
  await page.route(`**/api/v1/payments/${id}`, (route) => (lost ? route.continue() : ((lost = true), route.abort('connectionreset'))));
  await page.route(`**/api/v1/payments/${id}/events`, () => {});
  await page.goto(`${BASE}/thanh-toan/${id}`);
  await page.waitForSelector('#payment-qr', { timeout: 20000 });
  assert.ok(lost, 'the first answer was lost, and the page asked again by itself');
  const bill = (await page.textContent('.pay__value >> nth=4')).trim().split(' ')[0];
  assert.equal((await transfer(`PG-STALL-${bill}`, 10000, bill)).outcome, 'paid');
  // A stream that has not said its first word 5 s after opening has stalled: the page asks for
  // the bill itself, at once and every 3 s, so the payment shows within seconds.
  const paidAt = Date.now();
  await page.waitForSelector('#payment-paid', { timeout: 20000 });
  assert.ok(Date.now() - paidAt < 8000, `shown ${Date.now() - paidAt} ms after the payment`);
  await page.close();
});
