// The app's pages as the build sees them: which address opens which lazily loaded page
// (src/lazy_pages.rs), and which WASM files that page needs, read from the split loader
// (`__wasm_split.js`) of a build. Used by scripts/build-app.sh (the glue asks for a page's
// files while the main module downloads) and by scripts/first-load.mjs (bytes per page).
//
//   node scripts/pages.mjs glue APP_DIR    prints the JS the build appends to the glue
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/// The pages a first visit opens, and the lazy pages: an address to measure, the start of the
/// addresses the page answers (as src/app.rs routes them), its chunk (none: main only), its
/// first paint when it has one of its own (else shell.html), and whether what it shows first
/// comes from the catalog (the others leave the catalog's download for later).
export const PAGES = [
  { page: 'home', path: '/', chunk: null, firstVisit: true, catalog: true },
  { page: 'results', path: '/tim-kiem?q=so%20do', prefix: '/tim-kiem', chunk: null, firstVisit: true, catalog: true },
  { page: 'procedure', path: '/thu-tuc/1.001193', prefix: '/thu-tuc/', chunk: 'detail', firstVisit: true, firstPaint: 'procedure.html', catalog: true },
  { page: 'filing', path: '/nop-ho-so/1.001193', prefix: '/nop-ho-so/', chunk: 'apply', firstPaint: 'filing.html' },
  { page: 'payment', path: '/thanh-toan/…', prefix: '/thanh-toan/', chunk: 'payment' },
  { page: 'tracking', path: '/tra-cuu', prefix: '/tra-cuu', chunk: 'track' },
  { page: 'my dossiers', path: '/ho-so-cua-toi', prefix: '/ho-so-cua-toi', chunk: 'mine' },
  { page: 'drafts', path: '/ho-so-dang-soan', prefix: '/ho-so-dang-soan', chunk: 'drafts' },
  { page: 'handoff', path: '/tiep-tuc/…', prefix: '/tiep-tuc/', chunk: 'handoff' },
  { page: 'statistics', path: '/thong-ke', prefix: '/thong-ke', chunk: 'stats' },
  { page: 'my data', path: '/du-lieu-cua-toi', prefix: '/du-lieu-cua-toi', chunk: 'wallet' },
  { page: 'scan a QR code', path: '/quet-ma', prefix: '/quet-ma', chunk: 'scan' },
  { page: 'verify a result', path: '/xac-thuc/…', prefix: '/xac-thuc/', chunk: 'verification' },
];

/// The WASM files (names inside the build's folder) the page whose chunk is `name` loads:
/// its own chunk, then the chunks it shares with other pages.
export function pageChunks(loader, name) {
  const shared = new Map([...loader.matchAll(/const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch(?:Chunk)?\(new URL\("\.\/([^"]+)"/g)].map((m) => [m[1], m[2]]));
  const m = loader.match(new RegExp(`__wasm_split_load___${name}_page_view_\\w+ = wrapAsyncCb\\(makeLoad\\(\\(\\) => \\{\\s*const src = fetch(?:Chunk)?\\(new URL\\("\\./([^"]+)"[\\s\\S]*?, \\[([^\\]]*)\\]\\)\\)`));
  if (!m) throw new Error(`no chunk for the ${name} page in the split loader`);
  return [m[1], ...m[2].split(',').map((s) => s.trim()).filter(Boolean).map((c) => shared.get(c))];
}

/// What the glue runs before the app starts: on an address of a lazy page, it asks for that
/// page's WASM files at once (`<link rel=preload>`), so they download beside the main module
/// instead of after it; on a procedure's address, for its record too; and, on a first visit to
/// a page that shows the catalog at once, for the catalog. The requests are the ones the app
/// then makes, which take the answers.
export function glue(appDir) {
  const loader = readFileSync(join(appDir, '__wasm_split.js'), 'utf8');
  const table = Object.fromEntries(PAGES.filter((p) => p.chunk).map((p) => [p.prefix, pageChunks(loader, p.chunk)]));
  const catalogFirst = PAGES.filter((p) => p.catalog).map((p) => p.prefix ?? p.path);
  // After the first paint, as the main module's request: started before it, they would count
  // among what that paint waited for (Lighthouse's graph of the page load does count them).
  return `
requestAnimationFrame(() => setTimeout(() => {
  const early = document.createDocumentFragment();
  const fetchEarly = (href) => {
    const link = document.createElement("link");
    Object.assign(link, { rel: "preload", as: "fetch", crossOrigin: "anonymous", href });
    early.append(link);
  };
  const path = location.pathname;
  const pages = ${JSON.stringify(table)};
  for (const [prefix, files] of Object.entries(pages)) {
    if (path.startsWith(prefix)) files.forEach((f) => fetchEarly(new URL(f, import.meta.url).href));
  }
  const api = (document.querySelector("meta[name='dvc-api-base']")?.content ?? "").replace(/\\/+$/, "") + "/api/v1";
  if (path.startsWith("/thu-tuc/") && path.length > 9) fetchEarly(api + "/procedures/" + path.slice(9));
  let stored = null;
  try { stored = localStorage.getItem("dvc.catalog.etag"); } catch {}
  const catalogFirst = ${JSON.stringify(catalogFirst)};
  if (!stored && catalogFirst.some((p) => p === "/" ? path === "/" : path.startsWith(p))) fetchEarly(api + "/catalog/pack");
  document.head.append(early);
}));
`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [command, dir] = process.argv.slice(2);
  if (command !== 'glue' || !dir) {
    console.error('usage: node scripts/pages.mjs glue APP_DIR');
    process.exit(2);
  }
  process.stdout.write(glue(dir));
}
