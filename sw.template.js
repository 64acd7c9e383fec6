// The service worker of Dịch vụ công. scripts/build-app.sh writes dist/sw.js from this file,
// filling in the build's version and the hashed files of the app shell (no hand-kept list).
//
// - The app shell (HTML, JS, WASM, CSS, icons) is precached: the app opens with no network.
// - The pages loaded when needed (WASM chunks) are kept once fetched, and all of them are
//   fetched in the background once this worker is active, so every page works offline.
// - Pages open from the cached shell (index.html for home, shell.html for any other address):
//   a repeat visit needs no network before the app runs.
// - Public data (the catalog snapshot, procedure records and forms, areas) is network-first
//   and kept for offline use; nothing personal (dossiers, payments, receipts, uploads) is cached.
// - A new version waits until the app asks it to take over (the app offers to reload).
const VERSION = '{{VERSION}}';
const SHELL = `dvc-shell-${VERSION}`;
const DATA = 'dvc-data';
const PRECACHE = {{PRECACHE}};
const LAZY = {{LAZY}};

const PUBLIC_DATA = [/^\/api\/v1\/catalog(\/pack)?$/, /^\/api\/v1\/procedures\/[^/]+$/, /^\/api\/v1\/procedures\/[^/]+\/form$/, /^\/api\/v1\/areas$/, /^\/api\/v1\/stats$/];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('dvc-shell-') && name !== SHELL) await caches.delete(name);
    }
    await self.clients.claim();
    // Not awaited: a slow connection must not hold the new version back. If the browser stops
    // this worker before it is done, the next page opened goes on with it.
    keepLazy();
  })());
});

/// Fetches the pages' code not kept yet (once per run of this worker).
let keeping;
function keepLazy() {
  keeping ??= caches.open(SHELL).then(async (cache) => {
    for (const file of LAZY) if (!(await cache.match(file))) await cache.add(file).catch(() => {});
  });
  return keeping;
}

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

async function networkFirst(request, cacheName) {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (offline) {
    const kept = await cache.match(request);
    if (kept) return kept;
    throw offline;
  }
}

/// The build's files never change under their names: the cache, else the network (kept).
async function cacheFirst(request, path) {
  const cache = await caches.open(SHELL);
  const hit = await cache.match(path);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await cache.put(path, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && !url.pathname.startsWith('/api/')) {
    // The page's first paint from the device, with no network (this build's files are all
    // here); a new version is found by the browser's own check of sw.js.
    const page = url.pathname === '/' ? '/index.html' : '/shell.html';
    event.respondWith(caches.match(page, { cacheName: SHELL }).then((hit) => hit || fetch(request)));
    event.waitUntil(keepLazy());
    return;
  }
  if (PUBLIC_DATA.some((pattern) => pattern.test(url.pathname))) {
    event.respondWith(networkFirst(request, DATA));
    return;
  }
  if (PRECACHE.includes(url.pathname) || LAZY.includes(url.pathname)) {
    event.respondWith(cacheFirst(request, url.pathname));
  }
});
