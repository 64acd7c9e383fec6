// Benchmark: (a) first-load transfer of the built app; (b) per-keystroke search time of our
// WASM search, MiniSearch and Fuse.js over the same documents and queries, in one headless
// Chromium page, on the demo catalog and on it scaled to 100,000 procedures.
// Usage: node bench/bench.mjs <dir with catalog.json and dvc_search_wasm*> <dist dir>
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { join } from 'node:path';
import { launch } from '../e2e/page/browser.mjs';
import { appFiles, firstLoad as pageLoads, table as pageTable, BUDGET, TARGET } from '../scripts/first-load.mjs';

const [benchDir, distDir] = process.argv.slice(2);
const read = (p) => readFileSync(p, 'utf8');

// (a) First load: index.html and what it references (JS glue, split loader, main WASM, CSS);
// then per page, with the WASM chunks of its code (scripts/first-load.mjs).
function firstLoad() {
  const html = read(join(distDir, 'index.html'));
  const files = ['index.html', ...appFiles(html)];
  const rows = files.map((f) => {
    const bytes = readFileSync(join(distDir, f));
    return {
      file: f.replace(/-[0-9a-f]{16}/, '-<hash>'),
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  });
  const total = rows.reduce((t, r) => ({ file: 'total', raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  return [...rows, total];
}

// Queries citizens type (no diacritics, a typo, everyday words); each is timed keystroke by keystroke.
const QUERIES = [
  'dang ky khai sinh', 'so do', 'lam giay khai sinh', 'doi giay phep lai xe', 'dang ky thuong tru', 'ly lich tu phap',
  'giay phep xay dung', 'ho kinh doanh', 'dang ky ket hon', 'chung thuc ban sao', 'tro cap that nghiep', 'dang ky xe',
  'khai sihn', 'thanh lap doanh nghiep', 'xac nhan tinh trang hon nhan', 'tam tru', 'cap lai so do', 'bang lai xe',
];
const KEYSTROKES = QUERIES.flatMap((q) => [...q].map((_, i) => q.slice(0, i + 1)).filter((s) => s.trim()));

/// The catalog's placements repeated across agencies up to `n` procedures (wire format:
/// `procedures` once each, `placements` as [procedure, agency]).
function scaled(snapshot, n) {
  const placements = [];
  const count = snapshot.placements.length;
  for (let i = 0; i < n; i++) {
    const [p, a] = snapshot.placements[i % count];
    const round = Math.floor(i / count);
    placements.push([p, round === 0 ? a : (a + round * 7) % snapshot.agencies.length]);
  }
  return { ...snapshot, placements };
}

async function searchTimes(page, snapshot, engines) {
  return page.evaluate(async ({ snapshotJson, keystrokes, engines }) => {
    const snapshot = JSON.parse(snapshotJson);
    const fold = (s) => s.replace(/[đĐ]/g, 'd').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    const docs = snapshot.placements.map(([p, a], id) => {
      const e = snapshot.procedures[p];
      return { id, name: fold(e.name), keywords: fold(e.keywords.join(' ')), agency: fold(snapshot.agencies[a].short) };
    });
    const built = {};
    const buildTime = {};
    let t0 = performance.now();
    if (engines.includes('ours')) { built.ours = new window.DvcEngine(snapshotJson); buildTime.ours = performance.now() - t0; }
    t0 = performance.now();
    if (engines.includes('minisearch')) {
      const ms = new window.MiniSearch({ fields: ['name', 'keywords', 'agency'], storeFields: [], processTerm: (t) => fold(t) });
      ms.addAll(docs);
      built.minisearch = ms;
      buildTime.minisearch = performance.now() - t0;
    }
    t0 = performance.now();
    if (engines.includes('fuse')) {
      built.fuse = new window.Fuse(docs, { keys: [{ name: 'name', weight: 3 }, 'keywords', 'agency'], ignoreLocation: true, threshold: 0.3 });
      buildTime.fuse = performance.now() - t0;
    }
    const run = {
      ours: (q) => built.ours.search(q),
      // MiniSearch as its docs suggest for search-as-you-type: prefix and fuzzy matching.
      minisearch: (q) => built.minisearch.search(fold(q), { prefix: true, fuzzy: 0.2, combineWith: 'AND', boost: { name: 3 } }).slice(0, 20).length,
      fuse: (q) => built.fuse.search(fold(q), { limit: 20 }).length,
    };
    const out = {};
    for (const engine of engines) {
      const f = run[engine];
      for (const q of keystrokes.slice(0, 10)) f(q); // warm up the JIT
      const times = [];
      for (const q of keystrokes) {
        // Repeat each keystroke's search so the timer's 0.1 ms granularity does not dominate.
        const reps = engine === 'fuse' ? 1 : 5;
        const start = performance.now();
        for (let r = 0; r < reps; r++) f(q);
        times.push((performance.now() - start) / reps);
      }
      times.sort((a, b) => a - b);
      const at = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
      out[engine] = { median: at(0.5), p95: at(0.95), build: buildTime[engine], searches: times.length };
    }
    return out;
  }, { snapshotJson: JSON.stringify(snapshot), keystrokes: KEYSTROKES, engines });
}

const snapshot = JSON.parse(read(join(benchDir, 'catalog.json')));
const glue = read(join(benchDir, 'dvc_search_wasm.js'));
const wasm = readFileSync(join(benchDir, 'dvc_search_wasm_bg.wasm'));

const browser = await launch();
const page = await browser.newPage();
await page.goto('about:blank');
const root = new URL('..', import.meta.url).pathname;
const moduleText = (path) => read(join(root, 'node_modules', path));
await page.evaluate(async ({ glue, wasm, minisearch, fuse }) => {
  const load = (text) => import(URL.createObjectURL(new Blob([text], { type: 'text/javascript' })));
  const mod = await load(glue);
  mod.initSync({ module: new Uint8Array(wasm) });
  window.DvcEngine = mod.Engine;
  window.MiniSearch = (await load(minisearch)).default;
  window.Fuse = (await load(fuse)).default;
}, { glue, wasm: [...wasm], minisearch: moduleText('minisearch/dist/es/index.js'), fuse: moduleText('fuse.js/dist/fuse.min.mjs') });
const version = await browser.version();
const catalogRun = await searchTimes(page, snapshot, ['ours', 'minisearch', 'fuse']);
const bigRun = await searchTimes(page, scaled(snapshot, 100_000), ['ours', 'minisearch']);
await browser.close();

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n) => `${n.toFixed(3)} ms`;
const load = firstLoad();
const lines = [];
lines.push(`# Benchmark (bench/run.sh), ${new Date().toISOString().slice(0, 10)}, Chromium ${version}, ${KEYSTROKES.length} keystrokes of ${QUERIES.length} queries`);
lines.push('', '## First load (HTML + JS + WASM + CSS)', '', '| file | raw | gzip -9 | brotli -q 11 |', '|---|---:|---:|---:|');
for (const r of load) lines.push(`| ${r.file} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)} |`);
lines.push('', `## First load per page, brotli (✓/✗: the first visit's target of ${kb(TARGET)}; scripts/test.sh holds ${kb(BUDGET)})`, '', pageTable(pageLoads(distDir)));
for (const [title, run, n] of [['demo catalog', catalogRun, snapshot.placements.length], ['scaled to 100,000 procedures', bigRun, 100_000]]) {
  lines.push('', `## Search per keystroke, ${title} (${n} procedures)`, '', '| engine | median | p95 | index build | median vs ours |', '|---|---:|---:|---:|---:|');
  for (const [engine, r] of Object.entries(run)) {
    const ratio = (r.median / run.ours.median).toFixed(1);
    lines.push(`| ${engine === 'ours' ? 'ours (dvc-core, WASM)' : engine} | ${ms(r.median)} | ${ms(r.p95)} | ${ms(r.build)} | ${engine === 'ours' ? '1×' : ratio + '×'} |`);
  }
}
console.log(lines.join('\n'));
