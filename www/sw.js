// The page's service worker: it keeps the page's own files (HTML, scripts, wasm, styles,
// samples) in a cache so that the page opens and works without a network. It caches nothing
// else: the files a user checks are read by the page from disk and never pass through here.
// VERSION and FILES are written at build time by .ci/service_worker.py (a hash of every file
// and the list of them); a new deploy is a new VERSION, whose cache replaces the old one once
// the page says so (see src/web/offline.rs).
const VERSION = "__VERSION__";
const FILES = __FILES__;
const CACHE = `dicom-exposure-check-${VERSION}`;
// Fetched only when the user turns the pixel check on, or asks to read a text (ocr/): not in
// FILES, kept once fetched so that they also work offline after their first use.
const ON_DEMAND = /\/(pixel_worker[^/]*|ocr\/[^/]+)$/;

self.addEventListener('install', (event) => {
  // All or nothing: addAll fails if one file cannot be fetched, and the page then never says
  // it works offline. From the server, not the HTTP cache: some names (worker.js) are the
  // same in every version.
  const requests = FILES.map((file) => new Request(file, { cache: 'reload' }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(requests)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names
      .filter((name) => name.startsWith('dicom-exposure-check-') && name !== CACHE)
      .map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) {
    return;
  }
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // A page load ("./", "index.html", "?x") is answered with the cached page.
    const cached = request.mode === 'navigate'
      ? await cache.match('./')
      : await cache.match(request);
    if (cached) {
      return cached;
    }
    const response = await fetch(request);
    if (response.ok && ON_DEMAND.test(new URL(request.url).pathname)) {
      await cache.put(request, response.clone());
    }
    return response;
  })());
});

self.addEventListener('message', (event) => {
  const message = event.data || {};
  if (message.type === 'status') {
    event.waitUntil((async () => {
      const cache = await caches.open(CACHE);
      const found = await Promise.all(FILES.map((file) => cache.match(file)));
      const complete = found.every(Boolean);
      event.source.postMessage({ type: 'status', version: VERSION, complete });
    })());
  } else if (message.type === 'activate') {
    self.skipWaiting();
  }
});
