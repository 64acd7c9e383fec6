// Merges the split's shared WASM chunks into fewer, larger ones, in place, before wasm-opt.
//
//   node scripts/merge-chunks.mjs SPLIT_DIR
//
// wasm-split-cli puts a function used by several lazy parts (src/lazy_pages.rs, the read-aloud
// button, the outbox's sender) in a chunk of its own for each distinct set of parts that use
// it, so a page loads dozens of small chunks (the procedure page 47), each compressed apart
// and each with its own imports: about half the bytes of the procedure page's shared code were
// that overhead. Here all the chunks of the procedure page (a first visit opens it) become one
// file, and so do, part by part, the other parts' small chunks (`groups`). A page may then
// load functions it does not use (of a merged chunk it needs one function of), never fewer.
//
// A chunk imports the main module's memory, function table and stack pointer (module
// `__wasm_split`), writes its functions into the table and its constants into the memory at
// fixed places, and exports nothing: merged with binaryen's wasm-merge, through a module that
// imports those three once and hands them on, it stays such a chunk. The split loader
// (`__wasm_split.js`) is rewritten to name the merged chunk wherever it named a part of it.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/// The part whose chunks all become one: the procedure page's (a first visit opens it, and
/// its first load has a budget: scripts/first-load.mjs).
const FIRST = '__detail_page_view';
/// Below this size (bytes, before wasm-opt) the chunks of each other part are merged too; the
/// larger ones stay apart, so a page that needs one function of them does not load the rest.
/// Measured on the pages' bytes (README, Benchmark): merging only the procedure page's chunks
/// made every other page load 1 to 14 KB more; with this the filing page loads 18 KB less and
/// the others 0 to 14 KB more, in a third of the files.
const SMALL = 3000;

const BIN = 'node_modules/.bin';
// Its warnings (a names subsection binaryen does not know) stay out of the build's output;
// a failure still shows them.
const run = (tool, ...args) =>
  execFileSync(join(BIN, tool), args, { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });

/// The WASM features the chunks were built with, as binaryen flags: the merged chunk has those,
/// no more (with all of binaryen's on, it would write a form of imports browsers cannot read).
function features(text) {
  const list = text.match(/;; features section: (.*)/)?.[1];
  if (!list) throw new Error('a chunk without its target features section');
  return list.split(', ').map((f) => `--enable-${f.trim()}`);
}

/// The shared chunks of a split loader: name (`__chunk_14`), file, size, the parts that load
/// it, and its declaration in the loader.
export function sharedChunks(loader, dir) {
  const declaration =
    /\/\* ([^*]*) \*\/\nconst (__chunk_\d+) = makeLoad\(\(\) => \{\n\s*const src = fetch\(new URL\("\.\/(chunk_\d+\.wasm)", import\.meta\.url\)\);[\s\S]*?\n\}\n, \[\]\);\n/g;
  return [...loader.matchAll(declaration)].map((m) => ({
    name: m[2],
    file: m[3],
    size: statSync(join(dir, m[3])).size,
    parts: m[1].split(',').map((s) => s.trim().replace(/_\d+$/, '')),
    text: m[0],
  }));
}

/// The groups to merge, each a list of chunks (the first names the group), in loader order:
/// all of the first part's chunks, then, part by part, the small ones not merged yet.
export function groups(chunks) {
  const parts = [...new Set(chunks.flatMap((c) => c.parts))].filter((p) => p !== FIRST);
  const taken = new Set();
  const out = [];
  const take = (group) => {
    group.forEach((c) => taken.add(c.name));
    if (group.length > 1) out.push(group);
  };
  take(chunks.filter((c) => c.parts.includes(FIRST)));
  for (const part of parts) take(chunks.filter((c) => !taken.has(c.name) && c.parts.includes(part) && c.size < SMALL));
  return out;
}

/// One module that imports the main module's memory, table and stack pointer (as the chunks
/// declare them) from `env` and exports them under the names the chunks import.
function provider(dir, chunks, flags) {
  const limits = {};
  for (const chunk of chunks) {
    const text = run('wasm-dis', join(dir, chunk.file));
    for (const [kind, name] of [['memory', 'memory'], ['table', '__indirect_function_table']]) {
      limits[name] ??= text.match(new RegExp(`\\(import "__wasm_split" "${name}" \\(${kind} \\$\\S+ ([^)]*)\\)`))?.[1];
    }
    if (limits.memory && limits.__indirect_function_table) break;
  }
  const imported = (kind, name) => {
    if (!limits[name]) throw new Error(`no chunk imports the ${name}`);
    return limits[name];
  };
  const wat = `(module
 (import "env" "memory" (memory ${imported('memory', 'memory')}))
 (import "env" "__indirect_function_table" (table ${imported('table', '__indirect_function_table')}))
 (import "env" "__wasm_split_shared0" (global (mut i32)))
 (export "memory" (memory 0))
 (export "__indirect_function_table" (table 0))
 (export "__wasm_split_shared0" (global 0)))
`;
  writeFileSync(join(dir, 'provider.wat'), wat);
  run('wasm-as', ...flags, join(dir, 'provider.wat'), '-o', join(dir, 'provider.wasm'));
}

/// Merges a group's files into its first chunk's file, and removes the others.
function merge(dir, group, flags) {
  const inputs = group.flatMap((c, i) => [join(dir, c.file), `part${i}`]);
  const merged = join(dir, 'merged.wasm');
  run('wasm-merge', ...flags, join(dir, 'provider.wasm'), '__wasm_split', ...inputs, '-o', merged);
  // Back to the chunks' own imports (module `__wasm_split`), without the provider's exports.
  const text = run('wasm-dis', merged)
    .split('\n')
    .filter((line) => !/^ \(export "/.test(line))
    .map((line) => line.replace(/^ \(import "env" /, ' (import "__wasm_split" '))
    .join('\n');
  if (/\(export /.test(text) || /\(import "env"/.test(text)) throw new Error('a merged chunk kept the provider');
  writeFileSync(join(dir, 'merged.wat'), text);
  run('wasm-opt', ...flags, '--emit-target-features', join(dir, 'merged.wat'), '-o', join(dir, group[0].file));
  group.slice(1).forEach((c) => rmSync(join(dir, c.file)));
}

/// The loader with each group declared once (under its first chunk's name) and named once in
/// each part's list of chunks to load.
export function rewriteLoader(loader, merged) {
  const into = new Map(merged.flatMap((g) => g.map((c) => [c.name, g[0]])));
  let out = loader;
  for (const group of merged) {
    const parts = [...new Set(group.flatMap((c) => c.parts))];
    const head = group[0].text.replace(/^\/\* [^*]* \*\//, `/* ${parts.join(', ')} */`);
    // Replaced by functions: the texts are taken as they are (no `$&` patterns).
    out = out.replace(group[0].text, () => head);
    group.slice(1).forEach((c) => (out = out.replace(c.text, () => '')));
  }
  return out.replace(/, \[((?:__chunk_\d+(?:, )?)+)\]\)/g, (_, list) => {
    const names = list.split(', ').map((n) => (into.get(n) ?? { name: n }).name);
    return `, [${[...new Set(names)].join(', ')}])`;
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node scripts/merge-chunks.mjs SPLIT_DIR');
    process.exit(2);
  }
  const loaderPath = join(dir, '__wasm_split.js');
  const loader = readFileSync(loaderPath, 'utf8');
  const chunks = sharedChunks(loader, dir);
  const declared = (loader.match(/^const __chunk_\d+ = /gm) ?? []).length;
  if (chunks.length === 0 || chunks.length !== declared) {
    throw new Error(`the split loader declares ${declared} shared chunks, ${chunks.length} read: its form changed`);
  }
  const merged = groups(chunks);
  if (merged.length > 0) {
    const flags = features(run('wasm-dis', join(dir, chunks[0].file)));
    provider(dir, chunks, flags);
    merged.forEach((group) => merge(dir, group, flags));
  }
  const rewritten = rewriteLoader(loader, merged);
  // Every chunk named is declared, and every file named is there.
  const declaredNow = new Set([...rewritten.matchAll(/^const (__chunk_\d+) = /gm)].map((m) => m[1]));
  const named = new Set([...rewritten.matchAll(/\b(__chunk_\d+)\b/g)].map((m) => m[1]));
  const missing = [...named].filter((n) => !declaredNow.has(n));
  const files = [...rewritten.matchAll(/new URL\("\.\/([^"]+)"/g)].map((m) => m[1]);
  const absent = files.filter((f) => { try { statSync(join(dir, f)); return false; } catch { return true; } });
  if (missing.length || absent.length) throw new Error(`merged loader names ${missing} ${absent}: not there`);
  writeFileSync(loaderPath, rewritten);
  ['provider.wat', 'provider.wasm', 'merged.wasm', 'merged.wat'].forEach((f) => rmSync(join(dir, f), { force: true }));
  const left = chunks.length - merged.reduce((n, g) => n + g.length - 1, 0);
  console.log(`shared chunks: ${chunks.length} merged into ${left}`);
}
