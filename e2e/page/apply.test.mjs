// Filing a birth registration with the keyboard alone, in a phone-sized window, with a real
// reload half-way; every step passes axe-core. Against the served bundle and the live API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, watchedPage, vietnamDate, axeViolations } from './browser.mjs';
import { fillAddress } from './filing.mjs';

const BASE = process.env.DVC_URL || 'http://127.0.0.1:8080';
// Used by this test only (female, born 1990, province 026).
const CCCD = '026190077003';
const PHONE = '0912345003';
let browser;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Presses Tab until the element with this id has focus; fails if the keyboard cannot reach it. */
async function tabTo(page, id, limit = 80) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((want) => document.activeElement?.id === want, id)) return;
  }
  assert.fail(`#${id} cannot be reached with Tab`);
}

async function typeIn(page, id, text) {
  await tabTo(page, id);
  await page.keyboard.type(text);
}

/** Chooses the first real option of a select with the arrow key. */
async function chooseFirst(page, id) {
  await page.waitForFunction((i) => document.getElementById(i)?.options.length > 1, id, { timeout: 20000 });
  await tabTo(page, id);
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction((i) => document.getElementById(i).value !== '', id);
}

async function dossiersOfApplicant() {
  const response = await fetch(`${BASE}/api/v1/dossiers`, { headers: { 'x-applicant': CCCD, 'x-phone': PHONE } });
  assert.equal(response.status, 200);
  return (await response.json()).length;
}

/** Opens the file chooser from the keyboard (Space on the focused picker) and picks a file. */
async function attachWithKeyboard(page, id, file) {
  await tabTo(page, id);
  // Headless Chromium now and then ignores a key press that should open a second chooser
  // soon after the first; a person would press again, and so does the test (once).
  let chooser;
  for (let attempt = 0; attempt < 2 && !chooser; attempt++) {
    [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 5000 }).catch(() => undefined), page.keyboard.press('Space')]);
    assert.equal(await page.evaluate(() => document.activeElement.id), id, 'focus stays on the picker');
  }
  assert.ok(chooser, `Space on #${id} opens the file chooser`);
  await chooser.setFiles(file);
}

const pdf = (name) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n%${name}\n%%EOF\n`) });

test('a birth registration filed with the keyboard alone, in a phone-sized window, surviving a reload', async () => {
  const before = await dossiersOfApplicant();
  const { page, problems } = await watchedPage(browser, { width: 390, height: 844 });
  await page.goto(`${BASE}/nop-ho-so/1.001193`);
  await page.waitForSelector('#applicant-full_name', { timeout: 20000 });

  // Step 1: Enter with nothing typed lists every mistake, focused.
  await tabTo(page, 'applicant-full_name');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.error-summary');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'error-summary');
  assert.deepEqual(await axeViolations(page), [], 'step 1 with errors');
  await typeIn(page, 'applicant-full_name', 'Trần Thị Mai');
  await typeIn(page, 'applicant-id_number', CCCD);
  await typeIn(page, 'applicant-birth_date', '01/06/1990');
  await tabTo(page, 'applicant-sex');
  await page.keyboard.press('ArrowDown'); // from "Nam" to "Nữ"
  assert.equal(await page.isChecked('#applicant-sex-female'), true);
  await typeIn(page, 'applicant-phone', PHONE);
  // The deployment's one province is chosen already.
  await page.waitForFunction(() => document.getElementById('applicant-address-province')?.value.startsWith('Tỉnh '), null, { timeout: 20000 });
  // A district where the province still has them (three tiers); none with two.
  if (await page.$('#applicant-address-district')) await chooseFirst(page, 'applicant-address-district');
  await chooseFirst(page, 'applicant-address-commune');
  await typeIn(page, 'applicant-address-street', 'Thôn Đông');
  await page.keyboard.press('Enter');

  // Step 2, then a real reload half-way through it.
  await page.waitForSelector('#fields-ho_ten_tre');
  assert.match(await page.textContent('.steps-progress'), /Bước 2 trên 5/);
  await typeIn(page, 'fields-ho_ten_tre', 'Trần Gia Bảo');
  await page.waitForTimeout(100);
  await page.reload();
  await page.waitForSelector('#fields-ho_ten_tre', { timeout: 20000 });
  assert.equal(await page.inputValue('#fields-ho_ten_tre'), 'Trần Gia Bảo', 'the draft survives a reload');
  await typeIn(page, 'fields-ngay_sinh_tre', vietnamDate(-5));
  await tabTo(page, 'fields-gioi_tinh_tre');
  await page.keyboard.press('Space');
  await typeIn(page, 'fields-noi_sinh', 'Trạm y tế xã');
  await typeIn(page, 'fields-dan_toc', 'Kinh');
  await typeIn(page, 'fields-quoc_tich', 'Việt Nam');
  await typeIn(page, 'fields-ho_ten_me', 'Trần Thị Mai');
  await typeIn(page, 'fields-dinh_danh_me', CCCD);
  await tabTo(page, 'fields-quan_he');
  await page.keyboard.press('Space');
  assert.deepEqual(await axeViolations(page), [], 'step 2');
  await page.keyboard.press('Enter');

  // Step 3: two documents attached from the keyboard, one on paper.
  await page.waitForSelector('#documents-giay_to_1');
  await attachWithKeyboard(page, 'documents-giay_to_1', pdf('to-khai.pdf'));
  await page.waitForSelector('.file__status--done', { timeout: 20000 });
  await attachWithKeyboard(page, 'documents-giay_to_2', pdf('giay-chung-sinh.pdf'));
  await page.waitForFunction(() => document.querySelectorAll('.file__status--done').length === 2, null, { timeout: 20000 });
  await tabTo(page, 'documents-giay_to_4-paper');
  await page.keyboard.press('Space');
  assert.deepEqual(await axeViolations(page), [], 'step 3');
  await tabTo(page, 'documents-giay_to_4-paper');
  // The button after the last slot.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');

  // Step 4: the answers, each with a way to change it; the declaration; submit.
  await page.waitForSelector('#declaration');
  const answers = await page.textContent('main');
  for (const expected of ['Trần Thị Mai', CCCD, 'Trần Gia Bảo', 'to-khai.pdf', 'giay-chung-sinh.pdf', 'Nộp bản giấy tại Bộ phận Một cửa']) {
    assert.ok(answers.includes(expected), `the check page shows ${expected}`);
  }
  assert.ok((await page.$$('.summary-list__action a')).length >= 10, 'a "Sửa" link per answer');
  assert.deepEqual(await axeViolations(page), [], 'step 4');
  await tabTo(page, 'declaration');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');

  // Filed: code, appointment date, QR, print.
  await page.waitForSelector('#dossier-code', { timeout: 20000 });
  const code = (await page.textContent('#dossier-code')).trim();
  assert.match(code, /-\d{6}-\d{4}$/);
  assert.match(await page.textContent('main'), /Ngày hẹn trả kết quả\s*\d{2}\/\d{2}\/\d{4}/);
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H1', 'focus on the confirmation heading');
  assert.deepEqual(await axeViolations(page), [], 'confirmation');
  assert.equal(await dossiersOfApplicant(), before + 1, 'exactly one dossier filed');
  // The layout reflows at 320 px: nothing wider than the window.
  await page.setViewportSize({ width: 320, height: 700 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 320), 'no horizontal scrolling at 320 px');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the drafts page lists a draft to resume or delete', async () => {
  const { page, problems } = await watchedPage(browser);
  await page.goto(`${BASE}/nop-ho-so/1.001193`);
  await page.waitForSelector('#applicant-full_name', { timeout: 20000 });
  await page.fill('#applicant-full_name', 'Lê Văn Hùng');
  await page.waitForTimeout(100);
  await page.goto(`${BASE}/ho-so-dang-soan`);
  await page.waitForSelector('.draft');
  assert.match(await page.textContent('.draft'), /khai sinh/i);
  assert.deepEqual(await axeViolations(page), []);
  await page.click('.draft a.button');
  await page.waitForSelector('#applicant-full_name');
  assert.equal(await page.inputValue('#applicant-full_name'), 'Lê Văn Hùng');
  await page.goto(`${BASE}/ho-so-dang-soan`);
  await page.waitForSelector('.draft');
  await page.click('.draft button');
  await page.waitForFunction(() => !document.querySelector('.draft'));
  assert.match(await page.textContent('main'), /Chưa có hồ sơ nào/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a lost connection: an upload is retried, and a submit whose answer was lost files once', async () => {
  const cccd = '026190077004';
  const phone = '0912345004';
  const count = async () => (await (await fetch(`${BASE}/api/v1/dossiers`, { headers: { 'x-applicant': cccd, 'x-phone': phone } })).json()).length;
  const before = await count();
  const { page } = await watchedPage(browser);
  await page.goto(`${BASE}/nop-ho-so/1.001193`);
  await page.waitForSelector('#applicant-full_name', { timeout: 20000 });
  await page.fill('#applicant-full_name', 'Phạm Thị Hoa');
  await page.fill('#applicant-id_number', cccd);
  await page.fill('#applicant-birth_date', '02/02/1990');
  await page.check('#applicant-sex-female');
  await page.fill('#applicant-phone', phone);
  await fillAddress(page, { street: 'Số 1' });
  await page.click('form.apply-form button[type=submit]');
  await page.waitForSelector('#fields-ho_ten_tre');
  await page.fill('#fields-ho_ten_tre', 'Phạm Minh Châu');
  await page.fill('#fields-ngay_sinh_tre', vietnamDate(-2));
  await page.check('#fields-gioi_tinh_tre-nu');
  for (const [id, v] of [['noi_sinh', 'Bệnh viện tỉnh'], ['dan_toc', 'Kinh'], ['quoc_tich', 'Việt Nam'], ['ho_ten_me', 'Phạm Thị Hoa'], ['dinh_danh_me', cccd]]) {
    await page.fill(`#fields-${id}`, v);
  }
  await page.check('#fields-quan_he');
  await page.click('form.apply-form button[type=submit]');
  await page.waitForSelector('#documents-giay_to_1');

  // The connection drops during the upload: the row says so and offers to retry.
  await page.route('**/api/v1/uploads', (route) => route.abort('internetdisconnected'));
  await page.setInputFiles('#documents-giay_to_1', [pdf('to-khai.pdf')]);
  await page.waitForSelector('.file__status--error');
  assert.match(await page.textContent('.file__status--error'), /mất kết nối/);
  await page.unroute('**/api/v1/uploads');
  await page.click('.file button:has-text("Thử lại")');
  await page.waitForSelector('.file__status--done', { timeout: 20000 });
  for (const slot of ['giay_to_2', 'giay_to_4']) await page.check(`#documents-${slot}-paper`);
  await page.click('form.apply-form button[type=submit]');
  await page.waitForSelector('#declaration');
  await page.check('#declaration');

  // The dossier reaches the server but its answer is lost: the citizen is told it waits to be
  // sent; after a reload the outbox sends it again with the same key, and the same dossier
  // comes back instead of a second one.
  await page.route('**/api/v1/dossiers', async (route) => {
    await route.fetch();
    await route.abort('connectionreset');
  });
  await page.click('form.apply-form button[type=submit]');
  await page.waitForSelector('#queued');
  assert.match(await page.textContent('#queued'), /Đang chờ gửi/);
  assert.equal(await count(), before + 1, 'the first attempt was filed');
  await page.unroute('**/api/v1/dossiers');
  await page.reload();
  await page.waitForSelector('#dossier-code', { timeout: 20000 });
  assert.equal(await count(), before + 1, 'the retry after a reload filed nothing new');
  await page.close();
});
