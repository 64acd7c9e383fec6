// A returning citizen's second filing against their first (issue 17's "nhập một lần"): the
// scripted citizen of e2e/page/returning.mjs files a birth registration typed in full, keeps
// it in the wallet, then files a copy of a civil status extract from the wallet. Keys pressed
// (each character typed is one) and seconds from opening the form to the confirmation, median
// of `runs`, against the server at BASE. Prints a Markdown section (bench/run.sh).
//
//   node bench/returning.mjs BASE [runs]
import { launch, newContext } from '../e2e/page/browser.mjs';
import { fileFirst, fileSecond } from '../e2e/page/returning.mjs';

const [base, runs = '3'] = process.argv.slice(2);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const browser = await launch();
const first = { keys: [], seconds: [] };
const second = { keys: [], seconds: [] };
for (let run = 0; run < Number(runs); run++) {
  const context = await newContext(browser, { viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const person = { name: 'Đỗ Thị Quyên', cccd: `02619007718${run}`, born: '01/01/1990', phone: `091207718${run}`, street: 'Số 18 Lê Lợi' };
  let start = performance.now();
  first.keys.push(await fileFirst(base, page, person));
  first.seconds.push((performance.now() - start) / 1000);
  await page.click('#wallet-keep');
  await page.waitForSelector('#wallet-said');
  start = performance.now();
  second.keys.push(await fileSecond(base, page));
  second.seconds.push((performance.now() - start) / 1000);
  await context.close();
}
await browser.close();
const row = (name, r) => `| ${name} | ${median(r.keys)} | ${median(r.seconds).toFixed(1)} s |`;
console.log(`## A returning citizen (bench/returning.mjs, median of ${runs})

A birth registration typed in full, then a copy of a civil status extract with the wallet: the
applicant prefilled, the identity paper used again without uploading it. A script types at
machine speed: the seconds measure the app's waits (loading, uploads, filing), not a person's.

| filing | keys pressed | seconds |
|---|---:|---:|
${row('first (typed in full, three uploads)', first)}
${row('second (from the wallet)', second)}
| second / first | ${(median(second.keys) / median(first.keys) * 100).toFixed(0)} % | ${(median(second.seconds) / median(first.seconds) * 100).toFixed(0)} % |`);
