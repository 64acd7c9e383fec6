// The wallet on the served bundle: after filing, the app asks before keeping anything; what it
// keeps is encrypted (the bytes in IndexedDB hold no CCCD, no name); a second procedure is
// prefilled and files the kept identity paper without uploading it again, for a fraction of
// the keys; the wallet's page edits and deletes, and "delete all" leaves nothing; a kiosk
// keeps nothing. Every new view passes axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newContext, axeViolations } from './browser.mjs';
import { fileFirst, fileSecond } from './returning.mjs';

const BASE = process.env.DVC_URL || 'http://127.0.0.1:8080';
// Used by this test only (female, born 1990, province 026).
const PERSON = { name: 'Đỗ Thị Quyên', cccd: '026190077041', born: '01/01/1990', phone: '0912077041', street: 'Số 41 Lê Lợi' };
let browser;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function phone(settings = {}) {
  const context = await newContext(browser, { viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
  if (settings.kiosk) await context.addInitScript((s) => localStorage.setItem('dvc.kiosk', s), settings.kiosk);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  return { context, page, problems };
}

/** The wallet's database as stored: each record's key, and its bytes as text (a CryptoKey as
 * what can be learnt of it), or null when there is no such database. */
async function walletBytes(page) {
  return page.evaluate(async () => {
    if (!(await indexedDB.databases()).some((d) => d.name === 'dvc-wallet')) return null;
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('dvc-wallet');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    if (!db.objectStoreNames.contains('wallet')) { db.close(); return []; }
    const store = db.transaction('wallet').objectStore('wallet');
    const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()].map((r) => new Promise((resolve) => { r.onsuccess = () => resolve(r.result); })));
    db.close();
    const text = (buffer) => {
      const bytes = new Uint8Array(buffer.buffer ?? buffer);
      return new TextDecoder('utf-8', { fatal: false }).decode(bytes) + String.fromCharCode(...bytes);
    };
    return keys.map((key, i) => {
      const v = values[i];
      if (v instanceof CryptoKey) return { key, cryptoKey: { extractable: v.extractable, algorithm: v.algorithm.name, usages: v.usages } };
      return { key, text: `${text(v.iv)}|${text(v.data)}`, ivLength: v.iv.length };
    });
  });
}

test('a returning citizen: asked first, kept encrypted, prefilled, a paper used again, a fraction of the keys', async () => {
  const { context, page, problems } = await phone();
  try {
    const firstKeys = await fileFirst(BASE, page, PERSON);
    // Nothing is kept before the citizen says yes.
    await page.waitForSelector('#wallet-offer');
    assert.equal(await walletBytes(page), null, 'nothing kept before consent');
    assert.deepEqual(await axeViolations(page), [], 'the confirmation with the question');
    await page.click('#wallet-keep');
    await page.waitForSelector('#wallet-said');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'wallet-said');

    // Kept encrypted: a non-extractable AES-GCM key, and ciphertext without the CCCD or the name.
    const stored = await walletBytes(page);
    const key = stored.find((r) => r.key === 'key');
    assert.deepEqual(key.cryptoKey, { extractable: false, algorithm: 'AES-GCM', usages: ['encrypt', 'decrypt'] });
    const data = stored.find((r) => r.key === 'data');
    assert.equal(data.ivLength, 12);
    for (const secret of [PERSON.cccd, PERSON.phone, 'Quyên', 'Quy\\u00ean', 'cccd.pdf']) {
      assert.ok(!data.text.includes(secret), `${secret} is not in the stored bytes`);
    }

    // The second procedure: prefilled, the identity paper used again, no upload.
    const uploads = [];
    let filed = null;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/v1/uploads')) uploads.push(r.url());
      if (r.method() === 'POST' && r.url().endsWith('/api/v1/dossiers')) filed = JSON.parse(r.postData());
    });
    const secondKeys = await fileSecond(BASE, page, async () => {
      assert.equal(await page.inputValue('#applicant-id_number'), PERSON.cccd);
      assert.equal(await page.inputValue('#applicant-full_name'), PERSON.name);
      assert.equal(await page.inputValue('#applicant-phone'), PERSON.phone);
      assert.deepEqual(await axeViolations(page), [], 'a prefilled first step');
    });
    assert.deepEqual(uploads, [], 'no file sent again');
    const reused = filed.answers.documents.giay_to_3;
    assert.equal(reused.length, 1, 'the identity paper is named');
    assert.match(await page.textContent('#dossier-code'), /-\d{6}-\d{4}/);
    // A fraction of the first filing's keys (the figure is in the README).
    console.log(`keys pressed: first filing ${firstKeys}, second ${secondKeys}`);
    assert.ok(secondKeys * 3 < firstKeys, `${secondKeys} keys against ${firstKeys}`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the wallet’s page shows, edits and deletes one by one or all at once', async () => {
  const { context, page, problems } = await phone();
  try {
    await fileFirst(BASE, page, { ...PERSON, cccd: '026190077042', phone: '0912077042' });
    await page.click('#wallet-keep');
    await page.waitForSelector('#wallet-said');
    await page.click('#wallet-said a');
    await page.waitForSelector('#wallet-full_name', { timeout: 20000 });
    assert.equal(await page.inputValue('#wallet-id_number'), '026190077042');
    assert.equal((await page.$$('#wallet-documents li')).length, 3, 'the three documents filed');
    assert.deepEqual(await axeViolations(page), [], 'the wallet page');

    // A wrong phone is refused with the form's words, and nothing is lost.
    await page.fill('#wallet-phone', '12345');
    await page.click('#wallet-save');
    await page.waitForSelector('.error-summary');
    assert.deepEqual(await axeViolations(page), [], 'with an error');
    assert.equal(await page.inputValue('#wallet-full_name'), PERSON.name);
    await page.fill('#wallet-phone', '0987654321');
    await page.click('#wallet-save');
    await page.waitForFunction(() => /Đã lưu thay đổi/.test(document.getElementById('wallet-said')?.textContent));
    await page.reload();
    await page.waitForSelector('#wallet-phone', { timeout: 20000 });
    assert.equal(await page.inputValue('#wallet-phone'), '0987654321', 'kept');

    // One document deleted.
    await page.click('#wallet-documents li:first-child button');
    await page.waitForFunction(() => document.querySelectorAll('#wallet-documents li').length === 2);

    // Everything deleted: nothing of the wallet is left in IndexedDB.
    await page.click('#wallet-delete-all');
    await page.waitForSelector('#wallet-delete-dialog');
    await page.click('#wallet-delete-all-yes');
    await page.waitForSelector('#wallet-empty');
    await page.waitForFunction(async () => !(await indexedDB.databases()).some((d) => d.name === 'dvc-wallet'));
    assert.equal(await walletBytes(page), null);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a kiosk keeps nothing: it does not ask, and its wallet page says why', async () => {
  const { context, page, problems } = await phone({ kiosk: 'idle=600,warn=30' });
  try {
    await fileFirst(BASE, page, { ...PERSON, cccd: '026190077043', phone: '0912077043' });
    await page.waitForSelector('#dossier-code');
    await page.waitForTimeout(300);
    assert.equal(await page.$('#wallet-offer'), null, 'not asked');
    assert.equal(await walletBytes(page), null);
    await page.goto(`${BASE}/du-lieu-cua-toi`);
    await page.waitForSelector('#wallet-kiosk', { timeout: 20000 });
    assert.deepEqual(await axeViolations(page), [], 'the kiosk’s wallet page');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
