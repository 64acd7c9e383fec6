// Whole-page tests of the built bundle as the reference server serves it: deep links load and
// reload, no console errors, the pages pass axe-core, and the layout reflows at 320 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { holdBack, launch, pageWithoutWorker, watchedPage } from './browser.mjs';

const BASE = process.env.DVC_URL || 'http://127.0.0.1:8080';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let browser;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function heading(page) {
  await page.waitForFunction(() => {
    const h1 = document.querySelector('h1');
    return h1 && h1.textContent.trim() && !document.querySelector('[aria-busy="true"]');
  }, null, { timeout: 20000 });
  return (await page.textContent('h1')).trim();
}

test('a deep link to a procedure loads, and reloads, with no console errors', async () => {
  const { page, problems } = await watchedPage(browser);
  await page.goto(`${BASE}/thu-tuc/1.001193`);
  assert.match((await heading(page)).toLowerCase(), /đăng ký khai sinh/);
  assert.ok(await page.isVisible('#documents-title'), 'documents are shown');
  await page.reload();
  assert.match((await heading(page)).toLowerCase(), /đăng ký khai sinh/);
  assert.match(await page.title(), /khai sinh/i);
  const [province] = await (await fetch(`${BASE}/api/v1/areas`)).json();
  if (province.children.some((u) => u.children.length > 0)) {
    // Three tiers: choosing where to apply, among the communes grouped by district, opens that placement.
    assert.ok((await page.$$('#agency-choice optgroup')).length > 1, 'agencies grouped by district');
    const before = page.url();
    await page.selectOption('#agency-choice', { index: 3 });
    await page.waitForFunction((b) => location.href !== b, before);
    assert.match(page.url(), /\/thu-tuc\/1\.001193\.\d{3}\.\d{2}\.00\.H62$/);
  } else {
    // Two tiers: one entry, which any commune receives; the citizen picks theirs.
    assert.equal(await page.$('#agency-choice'), null);
    const ward = province.children[0].name;
    await page.selectOption('#commune-choice', { label: ward });
    await page.waitForFunction((w) => document.querySelector('#commune-choice + p')?.textContent.includes(w), ward);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('a shared search link shows its results', async () => {
  const { page, problems } = await watchedPage(browser);
  await page.goto(`${BASE}/tim-kiem?q=so%20do`);
  await page.waitForSelector('.card__title a', { timeout: 20000 });
  const names = await page.$$eval('.card__title a', (as) => as.map((a) => a.textContent));
  assert.ok(names.some((n) => n.includes('Giấy chứng nhận')), names.join('\n'));
  const hint = await page.textContent('.card__hint');
  assert.match(hint, /sổ đỏ/, 'the everyday words typed are shown beside the legal name');
  assert.deepEqual(problems, []);
  await page.close();
});

test('typing on the results page keeps focus in the box; following a result moves focus to its heading', async () => {
  const { page, problems } = await watchedPage(browser);
  await page.goto(`${BASE}/tim-kiem?q=khai`);
  await page.waitForSelector('.card__title a', { timeout: 20000 });
  await page.click('#search-q');
  await page.keyboard.type(' sinh', { delay: 30 });
  await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'khai sinh');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search-q');
  assert.equal(await page.inputValue('#search-q'), 'khai sinh');
  await page.click('.card__title a');
  await page.waitForSelector('#documents-title', { timeout: 20000 });
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H1');
  await page.goBack();
  await page.waitForSelector('.card__title a');
  assert.equal(await page.inputValue('#search-q'), 'khai sinh', 'the query survives going back');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the language switch turns the page to English and back, keeping the search', async () => {
  const { page } = await watchedPage(browser);
  await page.goto(`${BASE}/tim-kiem?q=ket%20hon`);
  await page.waitForSelector('.card__title a', { timeout: 20000 });
  await page.click('.site-nav__lang');
  assert.equal(await page.textContent('h1'), 'Search results');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.equal(await page.inputValue('#search-q'), 'ket hon');
  await page.click('.site-nav__lang');
  assert.equal(await page.textContent('h1'), 'Kết quả tìm kiếm');
  await page.close();
});

test('applying: mistakes are summarised, focused, linked and explained; what was typed survives a reload', async () => {
  const { page, problems } = await watchedPage(browser);
  await page.goto(`${BASE}/nop-ho-so/1.001193`);
  // A new page is a new browser context: no draft yet.
  await page.waitForSelector('#applicant-id_number', { timeout: 20000 });
  await page.fill('#applicant-full_name', 'Nguyễn Thị Lan');
  await page.fill('#applicant-id_number', '02619001234');
  await page.click('button[type=submit]');
  await page.waitForSelector('.error-summary');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'error-summary', 'focus moves to the summary');
  assert.match(await page.title(), /^Lỗi: /);
  const links = await page.$$eval('.error-summary a', (as) => as.map((a) => [a.getAttribute('href'), a.textContent]));
  assert.ok(links.some(([href, text]) => href === '#applicant-id_number' && text.includes('Số CCCD phải có 12 chữ số')), JSON.stringify(links));
  assert.ok(!links.some(([href]) => href === '#applicant-full_name'), 'a filled field is not listed');
  assert.match(await page.textContent('#applicant-id_number-error'), /12 chữ số/, 'the same message beside the field');
  assert.equal(await page.inputValue('#applicant-id_number'), '02619001234', 'the field keeps what was typed');
  await page.click('.error-summary a[href="#applicant-id_number"]');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'applicant-id_number', 'the link leads to the field');
  await page.reload();
  await page.waitForSelector('#applicant-full_name');
  assert.equal(await page.inputValue('#applicant-full_name'), 'Nguyễn Thị Lan', 'the draft survives a reload');
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }));
  assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('an unknown address shows the not-found page', async () => {
  const { page } = await watchedPage(browser);
  await page.goto(`${BASE}/khong-co-trang-nay`);
  assert.match(await heading(page), /Không tìm thấy trang/);
  await page.close();
});

for (const path of ['/', '/tim-kiem?q=khai%20sinh', '/thu-tuc/1.001193', '/thong-ke']) {
  test(`${path} passes axe-core (WCAG 2.2 AA) and reflows at 320 px`, async () => {
    const { page, problems } = await watchedPage(browser, { width: 320, height: 640 });
    await page.goto(`${BASE}${path}`);
    await heading(page);
    await page.waitForTimeout(300);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `horizontal scroll of ${overflow}px at 320px`);
    // Evaluated through DevTools: the page's CSP rightly forbids injecting a script tag.
    await page.evaluate(axeSource);
    const result = await page.evaluate(() => axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }));
    const violations = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
    assert.deepEqual(violations, []);
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test('a page whose code comes when needed says it is loading, to screen readers too, and opens', async () => {
  const { context, page, problems } = await pageWithoutWorker(browser);
  await page.goto(`${BASE}/`);
  await page.waitForSelector('.link-grid a', { timeout: 20000 });
  const home = [];
  page.on('request', (r) => home.push(new URL(r.url()).pathname));
  // The statistics page's code arrives slowly, as on a weak connection.
  const release = await holdBack(page, /\/app-[0-9a-f]{16}\/split___stats_page_view_\w+\.wasm$/);
  await page.click('footer a[href="/thong-ke"]');
  await page.waitForSelector('main [role="status"]', { timeout: 5000 });
  assert.match(await page.textContent('main [role="status"]'), /Đang tải/);
  assert.ok(home.some((p) => /split___stats_page_view/.test(p)), 'its code is asked for only now');
  release();
  await page.waitForFunction(() => /Thống kê/.test(document.querySelector('h1')?.textContent ?? ''), null, { timeout: 20000 });
  assert.equal(await page.$('main [role="status"]'), null, 'the notice goes once the page is there');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the first paint is the home page itself: typing there before the app arrives is kept, in the same words the app uses', async () => {
  const { context, page, problems } = await pageWithoutWorker(browser);
  // The app's code is held back, as on a slow connection.
  const release = await holdBack(page, /\/app-[0-9a-f]{16}\/dichvucong_bg\.wasm$/);
  await page.goto(`${BASE}/`);
  await page.waitForSelector('#boot #search-q');
  const texts = () => page.evaluate(() => ({
    title: document.querySelector('h1').textContent.trim(),
    lead: document.querySelector('.page__lead').textContent.trim(),
    label: document.querySelector('.search__label').textContent.trim(),
    hint: document.querySelector('.search__hint').textContent.trim(),
    button: document.querySelector('.search__button').textContent.trim(),
    sections: [...document.querySelectorAll('.home-section h2')].map((h) => h.textContent.trim()),
    popular: [...document.querySelectorAll('.link-grid--popular a')].map((a) => `${a.getAttribute('href')} ${a.textContent.trim()}`),
    // Not the sign-in link: it depends on the deployment and the visitor, which only the app asks.
    nav: [...document.querySelectorAll('.site-nav a:not(.site-nav__login):not(.site-nav__user)')]
      .map((a) => `${a.getAttribute('href')} ${a.textContent.trim()}`),
  }));
  const painted = await texts();
  await page.click('#search-q');
  await page.keyboard.type('khai si', { delay: 20 });
  assert.ok(await page.$('#boot'), 'still the first paint: the app has not started');
  release();
  await page.waitForFunction(() => !document.getElementById('boot'), null, { timeout: 20000 });
  assert.equal(await page.inputValue('#search-q'), 'khai si', 'what was typed is in the app’s box');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'search-q', 'and the citizen is still typing in it');
  await page.keyboard.type('nh');
  await page.waitForFunction(() => /khai sinh/.test(document.querySelector('.instant__count')?.textContent ?? ''), null, { timeout: 20000 });
  assert.equal(await page.inputValue('#search-q'), 'khai sinh');
  assert.deepEqual(await texts(), painted, 'the first paint says what the app says (index.html and src/i18n/vi.rs agree)');
  assert.deepEqual(problems, []);
  await context.close();
});

/// Opens `path` with its page's code held back (as on a weak connection), and returns what the
/// first paint showed, then what the page showed once there, and every heading in between.
async function firstPaintThenPage(path, chunk, ready) {
  const { context, page, problems } = await pageWithoutWorker(browser);
  await page.addInitScript(() => {
    window.__headings = [];
    const note = () => {
      const text = document.querySelector('h1')?.textContent.trim() ?? '(none)';
      if (window.__headings.at(-1) !== text) window.__headings.push(text);
    };
    new MutationObserver(note).observe(document, { subtree: true, childList: true, characterData: true });
  });
  const release = await holdBack(page, new RegExp(`/app-[0-9a-f]{16}/split___${chunk}_page_view_\\w+\\.wasm$`));
  await page.goto(`${BASE}${path}`);
  // The app has started; the page's code has not arrived.
  await page.waitForFunction(() => !document.getElementById('boot'), null, { timeout: 20000 });
  const seen = () => page.evaluate(() => ({ heading: document.querySelector('h1')?.textContent.trim(), caption: document.querySelector('main .caption')?.textContent.trim() ?? null, title: document.title }));
  const first = await seen();
  release();
  await page.waitForSelector(ready, { timeout: 20000 });
  const then = await seen();
  const headings = await page.evaluate(() => window.__headings);
  await context.close();
  return { first, then, headings: headings.slice(headings.indexOf(first.heading)), problems };
}

test('a procedure’s pages open on their own first paint, written by the server: what the citizen sees first stays until the page is there', async () => {
  const detail = await firstPaintThenPage('/thu-tuc/1.001193', 'detail', '#documents-title');
  assert.match(detail.first.heading.toLowerCase(), /đăng ký khai sinh/, 'the procedure’s name, before its page’s code is there');
  assert.match(detail.first.title, /khai sinh/i);
  assert.deepEqual(detail.then, detail.first);
  assert.deepEqual(detail.headings, [detail.first.heading], `no other heading, nor none, in between: ${detail.headings.join(' → ')}`);
  assert.deepEqual(detail.problems, []);

  const filing = await firstPaintThenPage('/nop-ho-so/1.001193', 'apply', '#applicant-full_name');
  assert.equal(filing.first.heading, 'Thông tin người nộp hồ sơ');
  assert.equal(filing.first.caption, detail.first.heading, 'under the procedure’s name');
  assert.deepEqual(filing.then, filing.first, 'the first paint says what the app says (index.html and src/i18n/vi.rs agree)');
  assert.deepEqual(filing.headings, [filing.first.heading], `no other heading, nor none, in between: ${filing.headings.join(' → ')}`);
  assert.deepEqual(filing.problems, []);
});
