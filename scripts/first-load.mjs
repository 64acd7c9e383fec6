// What opening each page downloads, from the built dist/ alone: index.html, the stylesheet,
// the JS glue and the split loader, the main WASM module, and the WASM chunks of the page's
// code (src/lazy_pages.rs), each counted as the brotli file the server sends. Deterministic:
// the same build gives the same bytes.
//
//   node scripts/first-load.mjs [dist]            prints the table
//   node scripts/first-load.mjs [dist] --check    and fails when a page of the first visit
//                                                 (home, results, a procedure) passes BUDGET
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PAGES, pageChunks } from './pages.mjs';

export { PAGES };

/// The first-load budget of home, results and a procedure page, in bytes (brotli). The target
/// is 150 KB; until the app reaches it, this holds the size reached so far, so the first load
/// can only shrink (lower it with each gain). Raised from 203 to 208 KB for the e-ID sign-in
/// every page's header carries (issue 14: +3.8 KB to the main module), and from 208 to 216 KB
/// for search that says when it has no answer (issue 15: the relevance floor, the no-match
/// help on the results page, +5.6 KB to the main module; the commune choice of a two-tier
/// province on the procedure page, +2.6 KB to its chunk). Issue 17 (scanning a paper's QR
/// code, reading a page aloud, the wallet) first took the procedure page to 228.6 KB: the
/// splitter cut the code the lazy parts share into ever more, smaller chunks (one per set of
/// parts using a function, 47 for the procedure page), and the reader's code came with the
/// page. The build now merges those chunks (scripts/merge-chunks.mjs), the reader's code comes
/// at the first press of its button, and the procedure page is back under 216 KB; 215 KB once
/// the build drops the stream classes leptos's server functions export (scripts/build-app.sh).
export const TARGET = 150 * 1024;
export const BUDGET = 215 * 1024;

const brotliSize = (dist, file) => statSync(join(dist, `${file}.br`)).size;

/// What a page's HTML makes the browser fetch: the files it names (JS, CSS), and the main WASM
/// module, which the JS glue fetches once the first paint is on screen.
export function appFiles(html) {
  const named = [...new Set([...html.matchAll(/(?:href|src)="\/([^"]+\.(?:js|wasm|css))"/g)].map((m) => m[1]))];
  const glue = named.find((f) => /\/dichvucong\.js$/.test(f));
  const wasm = glue?.replace(/\.js$/, '_bg.wasm');
  return wasm && !named.includes(wasm) ? [...named, wasm] : named;
}

/// Bytes per page: { page, path, shell, chunks, total, files }.
export function firstLoad(dist = 'dist') {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const refs = appFiles(html);
  const shellFiles = ['index.html', ...refs];
  const shell = shellFiles.reduce((sum, f) => sum + brotliSize(dist, f), 0);
  const appDir = refs.find((f) => f.endsWith('__wasm_split.js'))?.replace(/\/[^/]+$/, '');
  const loader = appDir ? readFileSync(join(dist, appDir, '__wasm_split.js'), 'utf8') : '';
  // Every address but home opens shell.html (the same files, another first paint).
  const otherHtml = existsSync(join(dist, 'shell.html')) ? 'shell.html' : 'index.html';
  return PAGES.map(({ page, path, chunk, firstVisit, firstPaint }) => {
    const html = path === '/' ? 'index.html' : firstPaint && existsSync(join(dist, firstPaint)) ? firstPaint : otherHtml;
    const own = chunk && appDir ? pageChunks(loader, chunk).map((f) => `${appDir}/${f}`) : [];
    const chunks = own.reduce((sum, f) => sum + brotliSize(dist, f), 0);
    const base = shell - brotliSize(dist, 'index.html') + brotliSize(dist, html);
    return { page, path, firstVisit: !!firstVisit, shell: base, chunks, total: base + chunks, files: [html, ...refs, ...own] };
  });
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

export function table(rows) {
  const lines = ['| page | address | shell | its chunks | total (brotli) |', '|---|---|---:|---:|---:|'];
  for (const r of rows) lines.push(`| ${r.page} | \`${r.path}\` | ${kb(r.shell)} | ${r.chunks ? kb(r.chunks) : '—'} | ${kb(r.total)}${r.firstVisit ? (r.total <= TARGET ? ' ✓' : ' ✗') : ''} |`);
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const dist = args.find((a) => !a.startsWith('--')) ?? 'dist';
  const rows = firstLoad(dist);
  console.log(table(rows));
  console.log(`\nBudget for the first visit (home, results, a procedure): ${kb(BUDGET)} each (scripts/first-load.mjs); target ${kb(TARGET)}.`);
  if (args.includes('--check')) {
    const over = rows.filter((r) => r.firstVisit && r.total > BUDGET);
    for (const r of over) console.error(`over budget: ${r.page} (${r.path}) loads ${kb(r.total)}, budget ${kb(BUDGET)}`);
    console.log(`${rows.filter((r) => r.firstVisit).length - over.length} passed, ${over.length} failed`);
    process.exit(over.length ? 1 : 0);
  }
}
