// A returning citizen, scripted as a person would do it, shared by the wallet's page test
// (e2e/page/wallet.test.mjs) and the benchmark (bench/returning.mjs): a first filing typed in
// full (a birth registration, its documents uploaded), kept in the wallet, then a second
// procedure (a copy of a civil status extract) prefilled, its identity paper used again.
// Every key pressed is counted: text is typed key by key.
import { vietnamDate } from './browser.mjs';
import { fillAddress, fillChild } from './filing.mjs';

export const FIRST = '1.001193';
export const SECOND = '2.000635';

const pdf = (name) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% ${name}\n%%EOF\n`) });

/** Counts what a script does on a page: keys pressed (each character typed is one). */
export function counter(page) {
  const count = { keys: 0 };
  count.type = async (selector, text) => {
    await page.locator(selector).pressSequentially(text);
    count.keys += text.length;
  };
  return count;
}

/** Leaves the documents step, ticks the declaration on the check page, files, and waits
 * for the confirmation. */
async function checkAndFile(page) {
  await page.click('form.apply-form button[type=submit]');
  await page.waitForSelector('#declaration');
  await page.check('#declaration');
  await page.click('form.apply-form button[type=submit]');
  await page.waitForSelector('#dossier-code', { timeout: 20000 });
}

/** The first filing, everything typed; ends on the confirmation. */
export async function fileFirst(base, page, person) {
  const count = counter(page);
  await page.goto(`${base}/nop-ho-so/${FIRST}`);
  await page.waitForFunction(() => document.getElementById('applicant-address-province')?.options.length > 1, null, { timeout: 20000 });
  await count.type('#applicant-full_name', person.name);
  await count.type('#applicant-id_number', person.cccd);
  await count.type('#applicant-birth_date', person.born);
  await page.check('#applicant-sex-female');
  await count.type('#applicant-phone', person.phone);
  await fillAddress(page, { street: '' });
  await count.type('#applicant-address-street', person.street);
  await page.click('form.apply-form button[type=submit]');
  // The child's details are this procedure's own: typed too.
  // Born three days ago (by the server's clock).
  const born = vietnamDate(-3);
  await fillChild(page, { child: 'Đỗ Minh An', born, mother: person.name, motherCccd: person.cccd });
  count.keys += 'Đỗ Minh An'.length + born.length + 'Trạm y tế'.length + 'Kinh'.length + 'Việt Nam'.length + person.name.length + person.cccd.length;
  await page.click('form.apply-form button[type=submit]');
  await page.waitForSelector('#documents-giay_to_1');
  await page.setInputFiles('#documents-giay_to_1', [pdf('to-khai-khai-sinh.pdf')]);
  await page.setInputFiles('#documents-giay_to_2', [pdf('giay-chung-sinh.pdf')]);
  await page.setInputFiles('#documents-giay_to_4', [pdf('cccd.pdf')]);
  await page.waitForFunction(() => document.querySelectorAll('.file__status--done').length === 3, null, { timeout: 20000 });
  await checkAndFile(page);
  return count.keys;
}

/** The second filing, from a wallet: the applicant prefilled, the identity paper used again,
 * only this procedure's own answer typed; ends on the confirmation. `onFirstStep` looks at
 * the prefilled first step before it is left. */
export async function fileSecond(base, page, onFirstStep = async () => {}) {
  const count = counter(page);
  await page.goto(`${base}/nop-ho-so/${SECOND}`);
  await page.waitForSelector('#wallet-prefilled', { timeout: 20000 });
  await page.waitForFunction(() => document.getElementById('applicant-address-street')?.value, null, { timeout: 20000 });
  await onFirstStep();
  await page.click('form.apply-form button[type=submit]');
  await page.waitForSelector('#fields-noi_dung');
  await count.type('#fields-noi_dung', 'Xin cấp bản sao trích lục khai sinh');
  await page.click('form.apply-form button[type=submit]');
  await page.waitForSelector('#reuse-giay_to_3');
  await page.click('#reuse-giay_to_3');
  for (const slot of ['giay_to_1', 'giay_to_2']) await page.check(`#documents-${slot}-paper`);
  await checkAndFile(page);
  return count.keys;
}
