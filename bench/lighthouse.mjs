// Benchmark, part two: how the served app starts on a cheap phone. For each page, Lighthouse
// 12 in its default mobile setup (simulated slow 4G, 4× CPU slowdown), several runs, the
// median; then the longest main-thread task while the page starts, in Chromium with its CPU
// slowed 4× (DevTools throttling), fresh profile each run. Not a test: figures vary by machine.
// Usage: node bench/lighthouse.mjs BASE_URL [runs]   (bench/run.sh passes the server it starts)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, launch } from '../e2e/page/browser.mjs';
import { fileResidenceRegistration } from '../e2e/page/filing.mjs';

const [base, runsArg = '3'] = process.argv.slice(2);
const runs = Number(runsArg);
const here = new URL('.', import.meta.url).pathname;
const lighthouse = join(here, 'lighthouse/node_modules/.bin/lighthouse');

/// A dossier with a fee, for the payment page: filed through the API as the app would.
/// A dossier with a fee, and its bill opened as its applicant would: the bill's random id.
async function billWithFee() {
  const cccd = '026090012345';
  const code = await fileResidenceRegistration(base, { name: 'Đỗ Văn Nam', cccd, born: '05/09/1990', sex: 'male', phone: '0987654321', key: `bench-${process.pid}` });
  const response = await fetch(`${base}/api/v1/dossiers/${code}/payment`, { method: 'POST', headers: { 'x-applicant': cccd } });
  if (!response.ok) throw new Error(`opening the bill of ${code}: ${response.status}`);
  return (await response.json()).id;
}

const ALL_PAGES = [
  ['home', '/'],
  ['results', '/tim-kiem?q=so%20do'],
  ['procedure', '/thu-tuc/1.001193'],
  ['filing step', '/nop-ho-so/1.001193'],
  ['payment', `/thanh-toan/${await billWithFee()}`],
];
const PAGES = process.env.BENCH_PAGES ? ALL_PAGES.filter(([n]) => process.env.BENCH_PAGES.split(',').includes(n)) : ALL_PAGES;

/// One Lighthouse run; Lighthouse now and then fails to record a trace (NO_NAVSTART): up to
/// three tries.
function lighthouseRun(url) {
  for (let attempt = 1; ; attempt++) {
    try {
      return lighthouseOnce(url);
    } catch (e) {
      if (attempt === 3) throw e;
      console.error(`lighthouse ${url}: ${e.message.split('\n')[0]}; again`);
    }
  }
}

function lighthouseOnce(url) {
  const profile = mkdtempSync(join(tmpdir(), 'dvc-lh-'));
  const out = join(profile, 'report.json');
  try {
    execFileSync(lighthouse, [url, `--chrome-flags=${[...CHROMIUM_ARGS, `--user-data-dir=${profile}/chrome`].join(' ')}`,
      '--only-categories=performance,accessibility,best-practices,seo', '--output=json', `--output-path=${out}`, '--quiet'],
    { env: { ...process.env, CHROME_PATH: process.env.CHROMIUM || '/usr/bin/chromium' }, stdio: ['ignore', 'ignore', 'inherit'] });
    const report = JSON.parse(readFileSync(out, 'utf8'));
    if (report.runtimeError) throw new Error(`${url}: ${report.runtimeError.message}`);
    const a = report.audits;
    const longest = Math.max(0, ...(a['long-tasks']?.details?.items ?? []).map((t) => t.duration));
    return {
      performance: Math.round(report.categories.performance.score * 100),
      accessibility: Math.round(report.categories.accessibility.score * 100),
      bestPractices: Math.round(report.categories['best-practices'].score * 100),
      seo: Math.round(report.categories.seo.score * 100),
      lcp: a['largest-contentful-paint'].numericValue,
      tbt: a['total-blocking-time'].numericValue,
      cls: a['cumulative-layout-shift'].numericValue,
      longest,
      bytes: a['total-byte-weight'].numericValue,
    };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/// The longest task while the page starts (until the network is quiet, plus a second), with
/// the CPU slowed 4×, on a fresh profile: worst over the runs.
async function longestTasks(browser, url) {
  const seen = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 412, height: 823 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.addInitScript(() => {
      window.__tasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__tasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.waitForTimeout(1000);
    seen.push(await page.evaluate(() => window.__tasks));
    await context.close();
  }
  return { worst: Math.max(0, ...seen.flat()), over50: Math.max(...seen.map((t) => t.length)) };
}

const browser = await launch();
const rows = [];
for (const [name, path] of PAGES) {
  const url = `${base}${path}`;
  const results = Array.from({ length: runs }, () => lighthouseRun(url));
  const pick = (k) => median(results.map((r) => r[k]));
  rows.push({ name, path, ...Object.fromEntries(Object.keys(results[0]).map((k) => [k, pick(k)])), tasks: await longestTasks(browser, url) });
}
await browser.close();

const ms = (n) => `${(n / 1000).toFixed(2)} s`;
const lines = [
  `## Lighthouse ${JSON.parse(readFileSync(join(here, 'lighthouse/package.json'), 'utf8')).devDependencies.lighthouse}, mobile (slow 4G, 4× CPU), median of ${runs} runs`,
  '',
  '| page | performance | LCP | TBT | CLS | longest task (Lighthouse) | accessibility | best practices | SEO | bytes |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map((r) => `| ${r.name} | ${r.performance} | ${ms(r.lcp)} | ${Math.round(r.tbt)} ms | ${r.cls.toFixed(3)} | ${Math.round(r.longest)} ms | ${r.accessibility} | ${r.bestPractices} | ${r.seo} | ${(r.bytes / 1024).toFixed(0)} KB |`),
  '',
  `Targets: performance ≥ 95, LCP ≤ 2.0 s, TBT ≤ 100 ms, CLS ≤ 0.02, accessibility 100.`,
  '',
  `## Main-thread tasks at start, CPU slowed 4× (DevTools throttling), worst of ${runs} fresh starts`,
  '',
  '| page | longest task | tasks over 50 ms |',
  '|---|---:|---:|',
  ...rows.map((r) => `| ${r.name} \`${r.path.replace(/\/thanh-toan\/.*/, '/thanh-toan/…')}\` | ${Math.round(r.tasks.worst)} ms | ${r.tasks.over50} |`),
  '',
  'Target: no task over 50 ms.',
];
console.log(lines.join('\n'));
