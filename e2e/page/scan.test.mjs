// "Quét mã" on the served bundle, with Chromium's fake camera playing a video made from a QR
// code (core/examples/qr_y4m.rs): a printed confirmation's QR opens that dossier's tracking
// page, a result's opens its verification page, a VietQR payment code is explained and not
// followed, and a refused camera offers the typed code. Every view passes axe-core.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, newContext, axeViolations } from './browser.mjs';
import { fileResidenceRegistration } from './filing.mjs';

const BASE = process.env.DVC_URL || 'http://127.0.0.1:8080';
const TOKEN = process.env.DVC_E2E_OFFICER_TOKEN || 'e2e-officer-token';
// Used by this test only (female, born 1990, province 026).
const CCCD = '026190077031';
const videos = mkdtempSync(join(tmpdir(), 'dvc-scan-'));
after(() => rmSync(videos, { recursive: true, force: true }));

/// A one-frame video of a QR code of `text`, for the fake camera.
function qrVideo(name, text) {
  const file = join(videos, `${name}.y4m`);
  execFileSync('cargo', ['run', '-q', '--locked', '-p', 'dvc-core', '--example', 'qr_y4m', '--', text, file], { stdio: ['ignore', 'ignore', 'inherit'] });
  return file;
}

/// A browser whose camera shows `video`, and a phone-sized page in it (the camera allowed
/// unless `allowCamera` is false); close the browser.
async function withCamera(video, allowCamera = true) {
  const browser = await launch(['--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`]);
  const context = await newContext(browser, { viewport: { width: 390, height: 844 }, serviceWorkers: 'block', permissions: allowCamera ? ['camera'] : [] });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  return { browser, page, problems };
}

/// A dossier of this test's applicant, filed through the API; its code.
const fileDossier = () => fileResidenceRegistration(BASE,
  { name: 'Đỗ Thị Quyên', cccd: CCCD, born: '01/01/1990', sex: 'female', phone: '0912077031', key: `page-scan-${randomUUID()}` });

async function officer(code, status) {
  const r = await fetch(`${BASE}/api/v1/officer/dossiers/${code}/status`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ status }) });
  assert.equal(r.status, 200, `status ${status}`);
}

test('a printed confirmation’s QR shown to the camera opens that dossier', async () => {
  const code = await fileDossier();
  // What the confirmation page prints: the tracking address at the app's origin.
  const { browser, page, problems } = await withCamera(qrVideo('confirmation', `${BASE}/tra-cuu/${code}`));
  try {
    await page.goto(`${BASE}/tra-cuu`);
    await page.click('#scan-link', { timeout: 20000 });
    await page.waitForSelector('#scan-start');
    assert.deepEqual(await axeViolations(page), [], 'the scan page');
    await page.click('#scan-start');
    await page.waitForURL(`${BASE}/tra-cuu/${code}`, { timeout: 20000 });
    // A stranger holding the paper learns nothing more: the code is filled in, the applicant is asked.
    await page.waitForSelector('#track-applicant');
    assert.equal(await page.inputValue('#track-code'), code);
    await page.fill('#track-applicant', CCCD);
    await page.click('form button[type=submit]');
    await page.waitForSelector('#dossier-status');
    // The camera is off once the page is left.
    assert.equal(await page.evaluate(() => document.querySelector('video')), null);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});

test('a result’s QR opens its verification page', async () => {
  const code = await fileDossier();
  for (const status of [2, 4, 9, 10]) await officer(code, status);
  const view = await (await fetch(`${BASE}/api/v1/dossiers/${code}`, { headers: { 'x-applicant': CCCD } })).json();
  const id = view.result.id;
  // What the printed result carries (server/src/results.rs).
  const printed = await (await fetch(`${BASE}/api/v1/results/${id}`)).text();
  assert.ok(printed.includes(`/xac-thuc/${id}`), 'the result prints its verification page');
  const { browser, page, problems } = await withCamera(qrVideo('result', `${BASE}/xac-thuc/${id}`));
  try {
    await page.goto(`${BASE}/quet-ma`);
    await page.click('#scan-start', { timeout: 20000 });
    await page.waitForURL(`${BASE}/xac-thuc/${id}`, { timeout: 20000 });
    const genuine = await page.textContent('#verify-genuine', { timeout: 20000 });
    assert.match(genuine, /do hệ thống dịch vụ công cấp/);
    const details = await page.textContent('.summary-list');
    assert.ok(details.includes(code), details);
    assert.ok(!details.includes('Đỗ Thị Quyên'), 'the holder’s name is masked');
    assert.deepEqual(await axeViolations(page), [], 'the verification page');
    // An id the system never issued is said to be so.
    await page.goto(`${BASE}/xac-thuc/${'0'.repeat(32)}`);
    await page.waitForSelector('#verify-not-issued', { timeout: 20000 });
    assert.deepEqual(await axeViolations(page), [], 'a result not issued');
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});

test('a VietQR payment code is explained, not followed', async () => {
  // A transfer of 120.000 ₫ to a VietinBank account (a published VietQR sample).
  const payload = '00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA530370454061200005802VN62170813ung ho lu lut6304C15C';
  const { browser, page, problems } = await withCamera(qrVideo('payment', payload));
  try {
    await page.goto(`${BASE}/quet-ma`);
    await page.click('#scan-start', { timeout: 20000 });
    const explained = await page.textContent('#scan-payment', { timeout: 20000 });
    for (const part of ['VietQR', 'VietinBank', '0011001932418', '120.000 ₫', 'ung ho lu lut']) {
      assert.ok(explained.includes(part), `${part} in ${explained}`);
    }
    assert.equal(new URL(page.url()).pathname, '/quet-ma', 'the page stays');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'scan-payment', 'the explanation takes focus');
    assert.ok(await page.isVisible('#scan-again'));
    assert.deepEqual(await axeViolations(page), [], 'the payment explained');
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});

test('a refused camera says so and offers the typed code', async () => {
  const { browser, page, problems } = await withCamera(qrVideo('refused', `${BASE}/tra-cuu/000.00.01.H62-270205-0001`), false);
  try {
    await page.goto(`${BASE}/quet-ma`);
    await page.click('#scan-start', { timeout: 20000 });
    const refused = await page.textContent('#scan-refused', { timeout: 20000 });
    assert.match(refused, /chưa cho phép/);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'scan-refused');
    assert.deepEqual(await axeViolations(page), [], 'the refusal');
    await page.click('#scan-refused a');
    await page.waitForSelector('#track-code');
    assert.equal(new URL(page.url()).pathname, '/tra-cuu');
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});
