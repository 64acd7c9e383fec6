// The English UI on the pages that show what the API says: dossier statuses and the API's
// refusals reach the page as codes the app words in the UI's language, so a citizen who
// switched to English reads no Vietnamese status name or server message (the procedure's
// name, the agency and the officer's notes are data, and stay as written).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { launch, watchedPage } from './browser.mjs';
import { fileResidenceRegistration } from './filing.mjs';

const BASE = process.env.DVC_URL || 'http://127.0.0.1:8080';
const TOKEN = process.env.DVC_E2E_OFFICER_TOKEN || 'e2e-officer-token';
const SECRET = process.env.DVC_E2E_BANK_SECRET || 'test-e2e-bank-gateway-secret';
const CCCD = '026190099031';
// The national status names and the API's messages a tracking or payment page could meet.
const VIETNAMESE = [
  'Mới đăng ký', 'Được tiếp nhận', 'Không được tiếp nhận', 'Đang xử lý', 'Yêu cầu bổ sung giấy tờ',
  'Yêu cầu thực hiện nghĩa vụ tài chính', 'Công dân yêu cầu rút hồ sơ', 'Dừng xử lý', 'Đã xử lý xong', 'Đã trả kết quả',
  'Không tìm thấy', 'Không thể chuyển', 'Hệ thống', 'Thủ tục này không thu phí',
];
// Letters only Vietnamese writes: none may appear in what the app itself says.
const VIETNAMESE_LETTERS = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;
let browser;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function officer(code, status) {
  const r = await fetch(`${BASE}/api/v1/officer/dossiers/${code}/status`, {
    method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ status }),
  });
  assert.equal(r.status, 200, `officer → ${status}`);
}

async function transfer(id, amount, note) {
  const body = JSON.stringify({ transaction_id: id, amount, note, time: '05/02/2027 10:00' });
  const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
  const r = await fetch(`${BASE}/api/v1/bank-notifications`, { method: 'POST', headers: { 'x-signature': signature }, body });
  assert.equal(r.status, 200);
}

async function assertNoVietnamese(page, what) {
  const text = await page.textContent('main');
  for (const phrase of VIETNAMESE) assert.ok(!text.includes(phrase), `${what}: “${phrase}” in ${text}`);
}

async function assertEnglish(page, selector) {
  const text = (await page.textContent(selector)).trim();
  assert.ok(text.length > 0 && !VIETNAMESE_LETTERS.test(text), `${selector}: ${text}`);
  return text;
}

test('in English, tracking and paying show English status names and messages', async () => {
  const code = await fileResidenceRegistration(BASE, { name: 'Lê Thị Mai', cccd: CCCD, born: '04/04/1990', sex: 'female', phone: '0912099031', key: `page-english-${Date.now()}` });
  for (const status of [2, 4, 6]) await officer(code, status);
  const { page, problems } = await watchedPage(browser, { width: 390, height: 844 });
  await page.goto(`${BASE}/tra-cuu`);
  await page.waitForSelector('#track-code', { timeout: 20000 });
  await page.click('.site-nav__lang');
  await page.waitForFunction(() => document.documentElement.lang === 'en');

  // A lookup the API refuses (another person's ID number): the app's own words, in English.
  await page.fill('#track-code', code);
  await page.fill('#track-applicant', '026190099032');
  await page.click('form button[type=submit]');
  await page.waitForSelector('[role=alert]');
  assert.match(await assertEnglish(page, '[role=alert]'), /No application matches/);
  await assertNoVietnamese(page, 'a refused lookup');

  await page.fill('#track-applicant', CCCD);
  await page.click('form button[type=submit]');
  await page.waitForSelector('#dossier-status');
  assert.match(await assertEnglish(page, '#dossier-status'), /Fee to be paid/);
  const timeline = (await page.$$eval('.timeline__status', (es) => es.map((e) => e.textContent.trim())));
  assert.deepEqual(timeline, ['Fee to be paid', 'Being processed', 'Accepted', 'Newly registered']);
  await assertNoVietnamese(page, 'the dossier page');

  // Paying: the bill's status words follow the language too.
  await page.click('.button--start');
  await page.waitForSelector('#payment-qr', { timeout: 20000 });
  assert.match(await assertEnglish(page, '#payment-status'), /Waiting for payment/);
  await assertNoVietnamese(page, 'the payment page');
  const bill = (await page.textContent('.pay__value >> nth=4')).trim().split(' ')[0];
  await transfer(`EN-${bill}-1`, 4000, bill);
  await page.waitForFunction(() => /still due/.test(document.querySelector('#payment-status')?.textContent || ''), null, { timeout: 5000 });
  assert.match(await assertEnglish(page, '#payment-status'), /Received 4\.000 ₫; 6\.000 ₫ is still due/);
  await transfer(`EN-${bill}-2`, 6000, bill);
  await page.waitForSelector('#payment-paid', { timeout: 5000 });
  assert.equal(await assertEnglish(page, '#payment-paid'), '✓ Paid');
  await assertNoVietnamese(page, 'the paid bill');

  // Back on the dossier, the move the payment made reads in English.
  await page.goto(`${BASE}/tra-cuu/${code}`);
  await page.waitForSelector('#dossier-status', { timeout: 20000 });
  assert.match(await assertEnglish(page, '#dossier-status'), /Being processed/);
  await assertNoVietnamese(page, 'the dossier after paying');
  // The refused lookup is the one answer over 400 the page met (and the browser's note of it).
  const refused = (p) => p === `HTTP 404: ${BASE}/api/v1/dossiers/${code}` || /status of 404/.test(p);
  assert.equal(problems.filter(refused).length, 2, problems.join('\n'));
  assert.deepEqual(problems.filter((p) => !refused(p)), []);
  await page.close();
});
