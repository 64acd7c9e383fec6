// A birth registration filed through the app on the days that break date code, whatever day
// the tests run: for each edge a server of its own starts with its clock there (DVC_CLOCK),
// and the browser's clock is set to the same instant, in a browser zone (UTC) where it is
// still yesterday at two of them. The app must agree with the server on "today" (Vietnam's),
// refuse a child born tomorrow, accept one born today, and show the code and dates the law
// gives. Expected dates are worked out by hand (core/src/working_days.rs has the rules).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newContext, vietnamDate, startServer } from './browser.mjs';
import { fillApplicant, fillChild, paperDocumentsAndSubmit } from './filing.mjs';

let browser;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });


/** A reference API with the demo catalog whose clock starts at `instant`; stop() ends it. */
function serverAt(instant) {
  return startServer({ DVC_CLOCK: instant });
}

const EDGES = [
  // [name, instant, yyMMdd, appointment after one working day]
  ['the 1st of a month', '2026-12-01T10:00:00+07:00', '261201', '02/12/2026'],
  ['the eve of Tết 2027 (off until Thursday 11/02)', '2027-02-05T09:00:00+07:00', '270205', '15/02/2027'],
  ['New Year’s Day 2028 at 00:10, still 31/12 in UTC (a Saturday; Monday 3/1 given back)', '2028-01-01T00:10:00+07:00', '280101', '05/01/2028'],
  ['29 February 2028, half an hour before midnight', '2028-02-29T23:30:00+07:00', '280229', '01/03/2028'],
];

for (const [name, instant, yymmdd, appointment] of EDGES) {
  test(`filed on ${name}: born tomorrow refused, born today accepted, numbered and dated for that day`, async () => {
    const server = await serverAt(instant);
    const now = Date.parse(instant);
    const context = await newContext(browser, { viewport: { width: 390, height: 844 }, timezoneId: 'UTC' }, now);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      const today = vietnamDate(0, now);
      await page.goto(`${server.base}/nop-ho-so/1.001193`);
      await fillApplicant(page, { name: 'Lê Thị Mai', cccd: '026192077020', born: '20/10/1992', phone: '0912077020', street: 'Số 2' });
      await fillChild(page, { child: 'Lê Minh Khang', born: vietnamDate(1, now), mother: 'Lê Thị Mai', motherCccd: '026192077020' });
      await page.click('form.apply-form button[type=submit]');
      await page.waitForSelector('.error-summary', { timeout: 5000 });
      assert.match(await page.textContent('.error-summary'), /năm sinh của trẻ: Ngày này không thể sau ngày hôm nay/, `${vietnamDate(1, now)} is tomorrow`);
      await page.fill('#fields-ngay_sinh_tre', today);
      await page.click('form.apply-form button[type=submit]');

      await paperDocumentsAndSubmit(page);

      await page.waitForSelector('#dossier-code', { timeout: 20000 });
      const code = (await page.textContent('#dossier-code')).trim();
      assert.equal(code.split('-').at(-2), yymmdd, code);
      const rows = Object.fromEntries(await page.$$eval('.summary-list__row', (rs) => rs.map((r) => [r.querySelector('dt').textContent.trim(), r.querySelector('dd').textContent.trim()])));
      assert.equal(rows['Ngày tiếp nhận'], today);
      assert.equal(rows['Ngày hẹn trả kết quả'], appointment);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
      server.stop();
    }
  });
}
