// Zige's offline copy (issue 11). A candidate on a network that comes and goes can still open the
// app and the exam pages they last saw: each page and the app's own files (/pkg) are fetched from
// the network first and, when that fails, answered from the copy kept the last time it worked.
// The exam page carries its data in its HTML (the server renders it), so the copy shows the
// materials as they were, and the page's pending queue and draft come back from IndexedDB on top of it.
//
// Only what a candidate needs offline is kept: their pages and the thumbnails of their own files,
// in a cache the app empties when someone signs in or out (one person's copy is never shown to
// another on a shared phone). Nothing is written here; every POST goes to the network.

const SHELL = 'zige-shell-v1';
const PAGES = 'zige-pages-v1';

const candidatePage = (path) => path === '/' || path.startsWith('/exams/');
const ownFile = (path) => /^\/api\/materials\/[^/]+\/file$/.test(path);
const referrerPath = (request) => (request.referrer ? new URL(request.referrer).pathname : '');

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && candidatePage(url.pathname)) {
    event.respondWith(networkFirst(event, PAGES));
  } else if (url.pathname.startsWith('/pkg/') || url.pathname.startsWith('/face/')) {
    // The app's code, and the face detector's model its photo tools fetch.
    event.respondWith(networkFirst(event, SHELL));
  } else if (ownFile(url.pathname) && candidatePage(referrerPath(request))) {
    // A candidate's own thumbnails; a reviewer's screen loads thousands, which are not kept.
    event.respondWith(networkFirst(event, PAGES));
  }
});

async function networkFirst(event, cacheName) {
  const request = event.request;
  let response;
  try {
    response = await fetch(request);
  } catch (offline) {
    const kept = await caches.open(cacheName).then((cache) => cache.match(request));
    if (kept) return kept;
    throw offline;
  }
  // A redirect (to /login) or an error page is not a copy worth keeping; keeping never delays
  // nor breaks the answer itself.
  if (response.ok && !response.redirected) {
    const copy = response.clone();
    event.waitUntil(
      caches
        .open(cacheName)
        .then(async (cache) => {
          await forgetChunksOfAnOldBuild(cache, request, copy);
          await cache.put(request, copy);
        })
        .catch(() => {}),
    );
  }
  return response;
}

// The code chunks fetched on demand (the photo tools, the staff pages) only fit the main module
// they were built with. When a new build's main module arrives, the kept chunks of the old one
// are dropped: offline, a missing chunk is said so on the page, while a mismatched one would
// run the wrong code. The page fetches the chunks again when it next can.
const MAIN_MODULE = '/pkg/zige.wasm';
const chunk = (path) => /^\/pkg\/(chunk_|split_)[^/]*\.wasm$/.test(path);

async function forgetChunksOfAnOldBuild(cache, request, fresh) {
  if (new URL(request.url).pathname !== MAIN_MODULE) return;
  const kept = await cache.match(request);
  if (!kept || kept.headers.get('last-modified') === fresh.headers.get('last-modified')) return;
  const requests = await cache.keys();
  await Promise.all(requests.filter((r) => chunk(new URL(r.url).pathname)).map((r) => cache.delete(r)));
}
