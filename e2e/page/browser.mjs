// Headless Chromium from Debian's package, with the flags that keep it off the network, and
// the one clock of the browser tests: every page believes it is when the server does.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/// Headless Chromium, with `extra` flags on top of the usual ones (a fake camera…).
export function launch(extra = []) {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: [...CHROMIUM_ARGS, ...extra] });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/// What axe-core finds against WCAG 2.2 AA and its best practices on the page as it is, one
/// line per rule broken (with where).
export async function axeViolations(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }));
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/// Milliseconds since 1970 by the server's clock: scripts/test.sh starts the server at
/// DVC_E2E_NOW (a date edge, RFC 3339) at the real moment DVC_E2E_STARTED_MS. Without them,
/// the real time.
export function serverNow() {
  const pinned = Date.parse(process.env.DVC_E2E_NOW ?? '');
  const started = Number(process.env.DVC_E2E_STARTED_MS);
  return Number.isFinite(pinned) && Number.isFinite(started) ? pinned + (Date.now() - started) : Date.now();
}

/// "dd/mm/yyyy" in Vietnam, `days` after the instant `ms` (the server's now by default).
export function vietnamDate(days = 0, ms = serverNow()) {
  const d = new Date(ms + 7 * 3600e3 + days * 86400e3);
  const two = (n) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/// A browser context whose clock starts at `now` (the server's by default) and runs on.
export async function newContext(browser, options = {}, now = serverNow()) {
  const context = await browser.newContext(options);
  await context.clock.install({ time: now });
  return context;
}

/// A phone-sized page in a context of its own with no service worker (which would fetch the
/// app's code out of a test's reach), recording uncaught exceptions; close its `context`.
export async function pageWithoutWorker(browser) {
  const context = await newContext(browser, { viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  return { context, page, problems };
}

/// Holds back the responses whose address matches `pattern`, as a slow connection would,
/// until the function returned is called.
export async function holdBack(page, pattern) {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(pattern, async (route) => { await held; await route.continue(); });
  return release;
}

/// A page that records console errors, uncaught exceptions and failed requests.
export async function watchedPage(browser, viewport = { width: 390, height: 844 }) {
  const context = await newContext(browser, { viewport });
  const page = await context.newPage();
  page.on('close', () => context.close().catch(() => {}));
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`exception: ${e.message}`));
  // ERR_ABORTED is a request the page itself dropped (a reload while the catalog was loading).
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  return { page, problems };
}

/// A TCP port free on this machine, for a test's server of its own.
export function freePort() {
  return new Promise((done, fail) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    }).on('error', fail);
  });
}

/// A reference API of a test's own serving the built app: the demo catalog, its database and
/// uploads in `dir` (a fresh folder unless given, to restart a server over the same data), on
/// `port` (a free one unless given), with `settings` (DVC_* variables) on top. Resolves once it
/// answers; `stop()` ends it and, for a folder of its own, removes the folder.
export async function startServer(settings = {}, { dir, port } = {}) {
  const own = !dir;
  dir ??= mkdtempSync(join(tmpdir(), 'dvc-page-'));
  port ??= await freePort();
  const env = {
    ...process.env, DVC_PORT: String(port), DVC_DB: join(dir, 'db.sqlite'), DVC_UPLOADS: join(dir, 'uploads'),
    DVC_STATIC: resolve(process.env.DVC_DIST || 'dist'), DVC_LOG: 'warn', ...settings,
  };
  const child = spawn(process.env.DVC_SERVER_BIN || resolve('target/debug/dvc-server'), [], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => { log += d; });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server did not start: ${log}`);
    try { if ((await fetch(`${base}/api/v1/stats`)).ok) break; } catch { /* not listening yet */ }
    if (i > 300) throw new Error(`the server did not answer: ${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const stop = () => { child.kill(); if (own) rmSync(dir, { recursive: true, force: true }); };
  return { base, dir, port, child, log: () => log, stop };
}
