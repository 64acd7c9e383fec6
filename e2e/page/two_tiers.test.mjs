// Today's two tiers (since 1 July 2025), with the Phú Thọ dataset on a server of its own: a
// citizen finds where to apply by commune on the procedure page, and files a birth
// registration without any district question; the dossier goes to their own ward, whose
// agency id begins its code.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newContext, vietnamDate, startServer, serverNow } from './browser.mjs';
import { fillApplicant, fillChild } from './filing.mjs';

let browser;
let server;

before(async () => {
  browser = await launch();
  server = await startServer({ DVC_DATASET: 'phu-tho-2025', DVC_CLOCK: process.env.DVC_E2E_NOW || '2027-02-05T09:00:00+07:00' });
});
after(async () => {
  await browser?.close();
  server?.stop();
});

const WARD = 'Phường Việt Trì';

test('two tiers: the place to apply is chosen by commune, the form asks no district, the ward receives the dossier', async () => {
  const areas = await (await fetch(`${server.base}/api/v1/areas`)).json();
  const ward = areas[0].children.find((u) => u.name === WARD);
  assert.ok(ward, `${WARD} is a ward of today's Phú Thọ`);

  const context = await newContext(browser, { viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    // The procedure page: any commune receives it, the citizen picks theirs.
    await page.goto(`${server.base}/thu-tuc/1.001193`);
    await page.waitForSelector('#commune-choice', { timeout: 20000 });
    assert.equal(await page.textContent('label[for=commune-choice]'), 'Xã, phường nơi bạn nộp hồ sơ');
    await page.selectOption('#commune-choice', { label: WARD });
    await page.waitForFunction((w) => document.querySelector('#commune-choice + p')?.textContent.includes(w), WARD);
    await page.click('a.button--start');

    // Step 1: province, then today's communes and wards; no district.
    await page.waitForFunction(() => document.getElementById('applicant-address-province')?.options.length > 1, null, { timeout: 20000 });
    assert.equal(await page.$('#applicant-address-district'), null, 'no district picker');
    assert.equal(await page.textContent('label[for=applicant-address-commune]'), 'Xã, phường, đặc khu');
    assert.match(await page.textContent('#applicant-address-commune-hint'), /Hồ sơ được gửi tới Ủy ban nhân dân xã, phường, đặc khu này/);
    assert.equal(await page.getAttribute('#applicant-address-commune', 'aria-describedby'), 'applicant-address-commune-hint');
    await fillApplicant(page, { name: 'Hà Thị Thu', cccd: '025190011223', born: '14/07/1990', phone: '0912011223', street: 'Số 8 Hùng Vương', commune: WARD });
    await fillChild(page, { child: 'Hà Minh Đức', born: vietnamDate(-2, serverNow()), mother: 'Hà Thị Thu', motherCccd: '025190011223' });
    await page.click('form.apply-form button[type=submit]');

    // Documents on paper, then the check page names where the dossier goes.
    await page.waitForSelector('#documents-giay_to_1');
    for (const slot of ['giay_to_1', 'giay_to_2', 'giay_to_4']) await page.check(`#documents-${slot}-paper`);
    await page.click('form.apply-form button[type=submit]');
    await page.waitForSelector('#declaration');
    const rows = Object.fromEntries(await page.$$eval('.summary-list__row', (rs) => rs.map((r) => [r.querySelector('dt').textContent.trim(), r.querySelector('dd').textContent.trim()])));
    assert.equal(rows['Nơi tiếp nhận hồ sơ'], WARD);
    assert.ok(!Object.keys(rows).some((k) => /huyện/i.test(k)), `no district on the check page: ${Object.keys(rows)}`);
    await page.check('#declaration');
    await page.click('form.apply-form button[type=submit]');

    await page.waitForSelector('#dossier-code', { timeout: 20000 });
    const code = (await page.textContent('#dossier-code')).trim();
    assert.ok(code.startsWith(`${ward.code}-`), `${code} is numbered by ${WARD} (${ward.code})`);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
