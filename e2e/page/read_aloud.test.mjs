// "Đọc cho tôi nghe" on the served bundle, with the page's `speechSynthesis` observed: a
// stand-in installed before the app loads records every call (and speaks each sentence in
// 300 ms), so the test sees what is queued, in which order and language, and what pause,
// resume and stop do. A device without a voice says so (and one listing its voices late does not
// say so meanwhile); a kiosk's idle wipe stops the reading.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newContext, axeViolations } from './browser.mjs';

const BASE = process.env.DVC_URL || 'http://127.0.0.1:8080';
let browser;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/// Runs in the page before the app: a speech engine that speaks nothing and tells `__speech`.
/// With `lateMs`, its voices are listed as Chrome lists them: none at first, then all of them
/// `lateMs` after the first question, with a `voiceschanged`.
function fakeSpeech({ voiceLangs, lateMs }) {
  const log = (event) => window.__speech?.(event);
  const all = voiceLangs.map((lang) => ({ name: `Giọng thử ${lang}`, lang, voiceURI: `test-${lang}`, localService: true, default: true }));
  let voices = lateMs ? [] : all;
  let asked = false;
  const listVoices = () => {
    if (lateMs && !asked) {
      asked = true;
      setTimeout(() => { voices = all; engine.onvoiceschanged?.({}); }, lateMs);
    }
    return voices;
  };
  const queue = [];
  let current = null;
  let paused = false;
  let timer = null;
  const finish = () => {
    const done = current;
    current = null;
    done.onend?.({});
    next();
  };
  const next = () => {
    if (paused || current || !queue.length) return;
    current = queue.shift();
    log({ type: 'start', text: current.text });
    current.onstart?.({});
    timer = setTimeout(finish, 300);
  };
  const engine = {
    getVoices: listVoices,
    speak(u) { log({ type: 'speak', text: u.text, lang: u.lang, voice: u.voice?.lang ?? null }); queue.push(u); setTimeout(next, 0); },
    pause() { log({ type: 'pause' }); paused = true; clearTimeout(timer); },
    resume() { log({ type: 'resume' }); paused = false; if (current) timer = setTimeout(finish, 300); else next(); },
    cancel() { log({ type: 'cancel' }); queue.length = 0; clearTimeout(timer); current = null; },
    get speaking() { return current !== null; },
    get paused() { return paused; },
    get pending() { return queue.length > 0; },
    onvoiceschanged: null,
  };
  Object.defineProperty(window, 'speechSynthesis', { value: engine, configurable: true });
  window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; this.lang = ''; this.voice = null; } };
}

/// A phone-sized page whose speech engine has voices of `voiceLangs`; `events` fills as it is used.
async function pageWithSpeech(voiceLangs = ['vi-VN', 'en-US'], { kiosk, lateMs } = {}) {
  const context = await newContext(browser, { viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
  const events = [];
  await context.exposeFunction('__speech', (e) => { events.push(e); });
  await context.addInitScript(fakeSpeech, { voiceLangs, lateMs });
  if (kiosk) await context.addInitScript((s) => localStorage.setItem('dvc.kiosk', s), kiosk);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  return { context, page, events, problems };
}

const spoken = (events) => events.filter((e) => e.type === 'speak');
const squash = (s) => s.replace(/\s+/g, ' ').trim();

test('a procedure is read aloud in Vietnamese, in order, and pauses, resumes and stops', async () => {
  const { context, page, events, problems } = await pageWithSpeech();
  // The reader's code (its own WASM chunk, `split_press_…`: src/components/read_aloud.rs) is
  // fetched at the first press only.
  const readingCode = [];
  page.on('request', (r) => { if (/\/split_press_[^/]*\.wasm$/.test(r.url())) readingCode.push(r.url()); });
  try {
    await page.goto(`${BASE}/thu-tuc/1.001193`);
    await page.waitForSelector('#main h2', { timeout: 20000 });
    await page.waitForSelector('#read-aloud');
    assert.deepEqual(await axeViolations(page), [], 'the page with its reader');
    await page.waitForLoadState('networkidle');
    assert.deepEqual(readingCode, [], 'not fetched before it is asked for');
    const title = squash(await page.textContent('h1'));
    const headings = (await page.$$eval('#main h2', (hs) => hs.filter((h) => h.getClientRects().length).map((h) => h.textContent))).map(squash);
    assert.ok(headings.length >= 3, `${headings}`);

    await page.click('#read-aloud');
    await page.waitForFunction(() => document.querySelector('.is-reading'));
    assert.equal(readingCode.length, 1, 'fetched once pressed');
    const queued = spoken(events);
    assert.equal(queued[0].text, title, 'the heading first');
    assert.ok(queued.every((e) => e.lang === 'vi-VN' && e.voice === 'vi-VN'), 'Vietnamese, with the Vietnamese voice');
    // Every section heading is queued, in the page's order.
    const at = headings.map((h) => queued.findIndex((e) => e.text === h));
    assert.ok(at.every((i) => i > 0), `${headings} in ${queued.map((e) => e.text).join(' | ')}`);
    assert.deepEqual([...at].sort((a, b) => a - b), at, 'in order');
    assert.ok(!queued.some((e) => /Đọc cho tôi nghe|Tạm dừng/.test(e.text)), 'not its own buttons');
    // A long list or paragraph is queued sentence by sentence.
    assert.ok(queued.length > headings.length + 3);

    // The sentence being read is highlighted, and its block outlined.
    await page.waitForFunction(() => [...(CSS.highlights.get('dvc-reading') ?? [])].length === 1);
    const lit = await page.evaluate(() => [...CSS.highlights.get('dvc-reading')][0].toString());
    const started = events.filter((e) => e.type === 'start');
    assert.ok(started.some((e) => squash(e.text) === squash(lit)), `${lit} is being read`);
    assert.ok((await page.textContent('.is-reading')).includes(lit.trim().slice(0, 10)));

    // Pause: nothing more starts; the button offers to resume.
    await page.click('#read-aloud');
    assert.equal(squash(await page.textContent('#read-aloud')), 'Đọc tiếp');
    const heard = events.filter((e) => e.type === 'start').length;
    await page.waitForTimeout(1000);
    assert.equal(events.filter((e) => e.type === 'start').length, heard, 'paused');
    assert.ok(events.some((e) => e.type === 'pause'));
    // Resume: it goes on.
    await page.click('#read-aloud');
    await page.waitForTimeout(800);
    assert.ok(events.some((e) => e.type === 'resume'));
    assert.ok(events.filter((e) => e.type === 'start').length > heard, 'resumed');
    assert.equal(squash(await page.textContent('#read-aloud')), 'Tạm dừng');
    // Stop: silence, no highlight, back to the start.
    await page.click('#read-aloud-stop');
    assert.ok(events.some((e) => e.type === 'cancel'));
    assert.equal(await page.$('.is-reading'), null);
    assert.equal(await page.evaluate(() => CSS.highlights.has('dvc-reading')), false);
    assert.equal(squash(await page.textContent('#read-aloud')), 'Đọc cho tôi nghe');
    assert.equal(await page.isVisible('#read-aloud-stop'), false);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the filing steps and the tracking page are read aloud too', async () => {
  const { context, page, events, problems } = await pageWithSpeech();
  try {
    await page.goto(`${BASE}/nop-ho-so/1.001193`);
    await page.waitForSelector('#applicant-full_name', { timeout: 20000 });
    await page.click('#read-aloud');
    await page.waitForFunction(() => document.querySelector('.is-reading'));
    const step = spoken(events).map((e) => e.text);
    assert.ok(step.includes(squash(await page.textContent('h1'))), `${step}`);
    assert.ok(step.includes(squash(await page.textContent('label[for=applicant-full_name]'))), 'the form’s labels');

    // Leaving the page (a link of the app) stops the reading.
    events.length = 0;
    await page.click('.site-nav a[href="/tra-cuu"]');
    await page.waitForSelector('#track-code', { timeout: 20000 });
    assert.ok(events.some((e) => e.type === 'cancel'));
    assert.equal(await page.$('.is-reading'), null);
    await page.click('#read-aloud');
    await page.waitForFunction(() => document.querySelector('.is-reading'));
    const track = spoken(events).map((e) => e.text);
    assert.equal(track[0], squash(await page.textContent('h1')));
    assert.ok(track.includes(squash(await page.textContent('label[for=track-code]'))));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('voices listed late, as Chrome lists them: the button comes, and "no voice" never shows meanwhile', async () => {
  const { context, page, problems } = await pageWithSpeech(['vi-VN'], { lateMs: 800 });
  // Every frame, whether the hint is on screen.
  await context.addInitScript(() => {
    const look = () => {
      const hint = document.getElementById('read-aloud-off');
      if (hint && !hint.hidden) window.__hintShown = true;
      requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
  try {
    await page.goto(`${BASE}/thu-tuc/1.001193`);
    await page.waitForSelector('#read-aloud', { state: 'visible', timeout: 20000 });
    assert.equal(await page.evaluate(() => window.__hintShown ?? false), false);
    assert.equal(await page.isVisible('#read-aloud-off'), false);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('without a Vietnamese voice the reader says so instead of offering a button', async () => {
  const { context, page, problems } = await pageWithSpeech(['en-US']);
  try {
    await page.goto(`${BASE}/thu-tuc/1.001193`);
    await page.waitForSelector('#read-aloud-off', { state: 'visible', timeout: 20000 });
    assert.match(await page.textContent('#read-aloud-off'), /chưa có giọng đọc tiếng Việt/);
    assert.equal(await page.isVisible('#read-aloud'), false);
    assert.deepEqual(await axeViolations(page), []);
    // In English, the English voice reads.
    await page.click('.site-nav__lang');
    await page.waitForSelector('#read-aloud', { state: 'visible' });
    assert.equal(await page.isVisible('#read-aloud-off'), false);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('in a kiosk the reader is prominent and the idle wipe stops it', async () => {
  const { context, page, events, problems } = await pageWithSpeech(['vi-VN'], { kiosk: 'idle=3,warn=2' });
  try {
    await page.goto(`${BASE}/thu-tuc/1.001193`);
    await page.waitForSelector('.read-aloud--kiosk #read-aloud', { timeout: 20000 });
    await page.click('#read-aloud');
    await page.waitForFunction(() => document.querySelector('.is-reading'));
    const reading = events.length;
    // Nobody touches the kiosk: warned, then the session ends and home opens.
    await page.waitForURL(`${BASE}/`, { timeout: 15000 });
    const after = events.slice(reading);
    assert.ok(after.some((e) => e.type === 'start'), 'it was still reading when the session ended');
    assert.ok(after.some((e) => e.type === 'cancel'), 'the reading stopped');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
