// The reviewer's speed at the review screen (run by ./scripts/bench-reviewer-speed.sh, which serves Zige at
// $ZIGE_BENCH_URL with the queue scripts/bench/reviewer-speed/seed_applications.py made; its JSON
// is $ZIGE_BENCH_SEED). Headless Chromium, the keyboard alone from the queue on: the demo reviewer
// signs in, the queue's first row (focused by the page) opens with Enter, and every application
// is decided as the queue's badges say — none: Shift+A, Enter (approve, confirm), N (next); some:
// O on every picture without a warning beside it, X 1|2 Tab Enter on every picture with one,
// Shift+S, Enter (return), N.
//
// Measured per decision, in the page (performance.now, one time base for the whole run, since the
// screen moves on without loading a page): from the confirming Enter's keydown (its event timestamp)
// to the next application's first picture painted — the large picture (figure.viewer-current img)
// of a screen showing another application. The page's MutationObserver gives that picture an
// `elementtiming` attribute the moment it is put in the page, so the browser's Element Timing
// reports its render time: the presentation time of the first frame that paints it, decoded. (A
// cross-check without the browser's word: img.decode(), then a task posted from the next
// requestAnimationFrame, which runs once that frame is done.) On the way: when the "decided" note
// appeared, when N went down, and, from the browser's network log, the decision's and the next
// sheet's requests and any fetch of the picture after N (was it prefetched?).
// Pauses: the robot looks at each screen ZIGE_BENCH_DWELL_MS (1000) after its first picture is
// painted before it decides, as a person glances before deciding; it presses N as soon as the note
// is there (its own reaction is reported apart). The last decision, which has no next
// application, is not timed; the one before it is the probe: Enter and N pressed back to back,
// to see what an N pressed before the decision is stored does.
const { chromium } = require('@playwright/test');
const crypto = require('crypto');
const fs = require('fs');

const BASE = process.env.ZIGE_BENCH_URL;
const SEED = JSON.parse(fs.readFileSync(process.env.ZIGE_BENCH_SEED, 'utf8'));
const DWELL = Number(process.env.ZIGE_BENCH_DWELL_MS ?? 1000);
const REVIEWER = { idNumber: '110101198008087897', password: 'zige-review-2026', key: 'ZIGEDEMOREVIEWERZIGEDEMOREVIEWER' };

function totp(key) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bits = [...key].map((c) => alphabet.indexOf(c).toString(2).padStart(5, '0')).join('');
  const secret = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30000)));
  const mac = crypto.createHmac('sha1', secret).update(counter).digest();
  const offset = mac[mac.length - 1] & 15;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1000000).padStart(6, '0');
}

// In the page, from its first load: every keydown (capture phase, its own timestamp), when the
// "decided" note appears, and when each new large picture is painted.
function recorder() {
  const speed = (window.__speed = { keys: [], decided: [], painted: [], elements: [] });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) speed.elements.push({ id: e.identifier, renderTime: e.renderTime, loadTime: e.loadTime });
  }).observe({ type: 'element', buffered: true });
  let marked = 0;
  addEventListener('keydown', (e) => {
    speed.keys.push({ key: e.key, shift: e.shiftKey, t: e.timeStamp, dialog: !!document.querySelector('[role=alertdialog]'), path: location.pathname });
  }, true);
  const seenSrc = new WeakMap();
  // Each new note, and the note again on another application's screen (its element may be kept).
  let note = null;
  let notedOn = null;
  const look = () => {
    const shown = document.querySelector('[data-testid=decided]');
    if (shown && (shown !== note || notedOn !== location.pathname)) {
      note = shown;
      notedOn = location.pathname;
      speed.decided.push({ t: performance.now(), path: location.pathname });
    }
    const img = document.querySelector('figure.viewer-current img');
    if (!img || seenSrc.get(img) === img.getAttribute('src')) return;
    const src = img.getAttribute('src');
    seenSrc.set(img, src);
    const inserted = performance.now();
    // Element Timing: the browser reports when this picture is first painted (its frame's
    // presentation time), if the attribute is there before that paint, as it is here.
    const id = `on-site-picture-${++marked}`;
    img.setAttribute('elementtiming', id);
    const path = location.pathname;
    const completeAtInsertion = img.complete && img.naturalWidth > 0;
    const painted = () => img.decode().catch(() => {}).then(() => requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => speed.painted.push({ id, src, path, inserted, completeAtInsertion, t: performance.now() });
      channel.port2.postMessage(0);
    }));
    if (completeAtInsertion) painted();
    else img.addEventListener('load', painted, { once: true });
  };
  new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['src'] });
}

const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const i = (s.length - 1) * q;
  return s[Math.floor(i)] + (s[Math.ceil(i)] - s[Math.floor(i)]) * (i - Math.floor(i));
}
const ms = (x) => (Number.isFinite(x) ? `${Math.round(x)} ms` : '—');

async function main() {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const context = await browser.newContext({ baseURL: BASE, locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
  await context.addInitScript(recorder);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`page error at ${page.url()}: ${error.message}\n${error.stack}`));
  page.on('console', (message) => {
    if (message.type() === 'error') console.error(`console error at ${page.url()}: ${message.text()}`);
  });

  // The network log: server functions and picture files, with start and end in epoch ms.
  const requests = [];
  page.on('requestfinished', (request) => {
    const url = new URL(request.url());
    if (!url.pathname.startsWith('/api/')) return;
    const timing = request.timing();
    requests.push({ path: url.pathname, start: timing.startTime, end: timing.startTime + timing.responseEnd, fromCache: timing.responseEnd < 0 });
  });

  // Signing in (the fields focused by the page's own code, then typed), then the queue.
  await page.goto('/login');
  await page.locator('body[data-hydrated="true"]').waitFor({ state: 'attached', timeout: 90_000 });
  await page.getByLabel('证件号码').focus();
  await page.keyboard.type(REVIEWER.idNumber);
  await page.keyboard.press('Tab');
  await page.keyboard.type(REVIEWER.password);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: '两步验证' }).waitFor();
  await page.locator('body[data-hydrated="true"]').waitFor({ state: 'attached' });
  await page.getByLabel('验证码').focus();
  await page.keyboard.type(totp(REVIEWER.key));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: '材料审核' }).waitFor();
  await page.goto('/review/exams/004');
  await page.locator('body[data-hydrated="true"]').waitFor({ state: 'attached' });
  const apps = SEED.applications;
  await page.getByTestId('queue').getByRole('link', { name: apps[0].name }).waitFor();
  const timeOrigin = await page.evaluate(() => performance.timeOrigin);
  const pageTime = (epoch) => epoch - timeOrigin;
  // The queue focuses its first row; Enter opens it.
  await page.waitForFunction((name) => document.activeElement?.textContent === name, apps[0].name);
  await page.keyboard.press('Enter');

  const decisions = [];
  for (let i = 0; i < apps.length; i++) {
    const app = apps[i];
    await page.getByRole('heading', { name: `审核：${app.name}` }).waitFor({ timeout: 30_000 });
    await page.waitForFunction((path) => window.__speed.painted.some((p) => p.path === path), `/review/applications/${app.id}`, { timeout: 30_000 });
    await page.waitForTimeout(DWELL);
    // ZIGE_BENCH_SCREENSHOT=FILE: the first application's screen as the robot sees it, at 1366 px.
    if (i === 0 && process.env.ZIGE_BENCH_SCREENSHOT) await page.screenshot({ path: process.env.ZIGE_BENCH_SCREENSHOT });
    const pressed = [];
    const press = async (key) => {
      pressed.push(key);
      await page.keyboard.press(key);
    };
    const clean = app.findings.length === 0;
    let decision = 'approve';
    if (!clean) {
      // Through every picture: a warning beside it is marked for replacement, the rest OK.
      const count = await page.locator('li.thumb').count();
      let marked = 0;
      for (let k = 0; k < count; k++) {
        await page.getByTestId('picture-position').filter({ hasText: `第 ${k + 1} / ${count} 张` }).waitFor();
        const warned = await page.locator('[data-testid=picture-facts] .fact-warning').count();
        if (warned > 0) {
          const qr = await page.locator('[data-testid=qr-fact].fact-warning, [data-testid=id-number-fact].fact-warning').count();
          await press('x');
          await page.getByRole('dialog', { name: '标记需更换' }).waitFor();
          await press(qr > 0 ? '2' : '1');
          await press('Tab');
          await press('Enter');
          await page.getByRole('dialog', { name: '标记需更换' }).waitFor({ state: 'hidden' });
          marked += 1;
        } else if (k < count - 1) {
          await press('o');
        }
      }
      decision = marked > 0 ? 'return' : 'approve';
    }
    await press(decision === 'return' ? 'Shift+S' : 'Shift+A');
    await page.getByRole('alertdialog', { name: '确认决定' }).waitFor();
    const last = i === apps.length - 1;
    const probe = i === apps.length - 2;
    await press('Enter');
    if (probe) await press('n');
    // The probe's note may only flash before the N typed ahead moves the screen on. The note is
    // looked for at every frame: a locator's wait retries 20, 50 and 100 ms apart, which made the
    // robot's reaction up to 59 ms and the p90 of the whole measure its own.
    const noteShown = () =>
      page.waitForFunction(() => document.querySelector('[data-testid=decided]'), null, { polling: 'raf', timeout: 30_000 });
    if (!probe) await noteShown();
    if (last) break;
    if (probe) {
      // Did the N pressed with the Enter move the review screen on? If not, a second N is needed.
      const moved = await page.getByRole('heading', { name: `审核：${apps[i + 1].name}` }).waitFor({ timeout: 3000 }).then(() => true, () => false);
      if (!moved) {
        await noteShown();
        await press('n');
      }
      decisions.push({ app, decision, pressed, probe: true, earlyNFollowed: moved });
      continue;
    }
    await press('n');
    decisions.push({ app, decision, pressed });
  }
  const speed = await page.evaluate(() => window.__speed);
  await browser.close();

  // Each timed decision: its confirming Enter, the note, the N, the next screen's first picture.
  const rows = [];
  for (const d of decisions) {
    // The probe is not timed: whether its N was followed is all it tells.
    if (d.probe) {
      rows.push({ id: d.app.id, probe: true, earlyNFollowed: d.earlyNFollowed });
      continue;
    }
    const here = `/review/applications/${d.app.id}`;
    const enter = speed.keys.find((k) => k.path === here && k.key === 'Enter' && k.dialog);
    const decided = speed.decided.find((n) => n.path === here && n.t >= enter.t);
    const n = speed.keys.find((k) => k.path === here && k.key.toLowerCase() === 'n' && k.t >= enter.t);
    const painted = speed.painted.find((p) => p.path !== here && p.t > enter.t);
    const element = speed.elements.find((e) => e.id === painted.id && e.renderTime > 0);
    // When the picture was painted: Element Timing's render time; where the browser gave none,
    // the frame after its decode.
    const paintedAt = element ? element.renderTime : painted.t;
    const inWindow = (r, path) => r.path === path && pageTime(r.start) >= enter.t - 1 && pageTime(r.start) <= paintedAt;
    const decide = requests.find((r) => inWindow(r, '/api/decide_application'));
    const open = requests.find((r) => inWindow(r, '/api/open_application'));
    // Any fetch of the painted picture after N: it was not (all) held by the prefetch.
    const fetchedAfterN = requests.some((r) => r.path === painted.src && pageTime(r.start) >= n.t && pageTime(r.start) <= paintedAt);
    rows.push({
      id: d.app.id,
      decision: d.decision,
      probe: !!d.probe,
      earlyNFollowed: d.earlyNFollowed,
      keys: d.pressed,
      paintedBy: element ? 'element timing' : 'frame after decode',
      total: paintedAt - enter.t,
      decideRequest: decide ? pageTime(decide.end) - pageTime(decide.start) : NaN,
      enterToNote: decided.t - enter.t,
      reaction: n.t - decided.t,
      nToPainted: paintedAt - n.t,
      openRequest: open ? pageTime(open.end) - pageTime(open.start) : NaN,
      nToOpenStart: open ? pageTime(open.start) - n.t : NaN,
      openEndToInserted: open ? painted.inserted - pageTime(open.end) : NaN,
      insertedToPainted: paintedAt - painted.inserted,
      insertedToFrameAfterDecode: painted.t - painted.inserted,
      completeAtInsertion: painted.completeAtInsertion,
      fetchedAfterN,
      // Drawn from the sheet the screen before read ahead: the picture was in the page before the
      // take answered.
      drawnAhead: open ? pageTime(open.end) > painted.inserted : false,
    });
  }
  const timed = rows.filter((r) => !r.probe);
  const clean = timed.filter((r) => r.decision === 'approve' && r.keys.length === 3);
  const line = (label, values) => console.log(`| ${label} | ${ms(median(values))} | ${ms(quantile(values, 0.9))} | ${ms(Math.max(...values))} |`);
  console.log(`\n${timed.length} timed decisions (${clean.length} clean approvals, ${timed.length - clean.length} others), dwell ${DWELL} ms`);
  console.log('| from the confirming Enter | median | p90 | max |');
  console.log('|---|---:|---:|---:|');
  line('**to the next application\'s first picture painted**', timed.map((r) => r.total));
  line('… the same, clean approvals only', clean.map((r) => r.total));
  line('… the same, less the robot\'s reaction (note → N)', timed.map((r) => r.total - r.reaction));
  line('Enter → the "decided" note (decide_application answered, drawn)', timed.map((r) => r.enterToNote));
  line('decide_application request (network log)', timed.map((r) => r.decideRequest).filter(Number.isFinite));
  line('the robot\'s reaction: note → N keydown', timed.map((r) => r.reaction));
  line('N → the next first picture painted', timed.map((r) => r.nToPainted));
  line('N → open_application sent', timed.map((r) => r.nToOpenStart).filter(Number.isFinite));
  line('open_application request (network log)', timed.map((r) => r.openRequest).filter(Number.isFinite));
  line('open_application answered → picture in the page (drawn from it)', timed.filter((r) => !r.drawnAhead).map((r) => r.openEndToInserted).filter(Number.isFinite));
  line('picture in the page → painted', timed.map((r) => r.insertedToPainted));
  line('(cross-check: in the page → img.decode() and the frame after it)', timed.map((r) => r.insertedToFrameAfterDecode));
  const counts = {};
  for (const r of clean) counts[r.keys.join(' ')] = (counts[r.keys.join(' ')] ?? 0) + 1;
  console.log(`\nkeys per clean approval: ${Object.entries(counts).map(([k, c]) => `${k} (${c}×)`).join(', ')}`);
  const others = timed.filter((r) => !clean.includes(r));
  if (others.length) console.log(`keys per other decision: median ${median(others.map((r) => r.keys.length))}, e.g. ${others[0].keys.join(' ')}`);
  const prefetched = timed.filter((r) => r.completeAtInsertion).length;
  const fetchedAfterN = timed.filter((r) => r.fetchedAfterN).length;
  const byElement = timed.filter((r) => r.paintedBy === 'element timing').length;
  console.log(`next first picture already loaded when put in the page (held by the prefetch): ${prefetched} of ${timed.length}; `
    + `fetched after N: ${fetchedAfterN}; painted time from Element Timing: ${byElement} of ${timed.length}`);
  const drawnAhead = timed.filter((r) => r.drawnAhead).length;
  console.log(`drawn from the sheet read ahead (the picture in the page before open_application answered): ${drawnAhead} of ${timed.length}`);
  const probe = rows.find((r) => r.probe);
  if (probe) console.log(`probe: N pressed right after the confirming Enter (before the note): ${probe.earlyNFollowed ? 'followed' : 'ignored — a second N was needed'}`);
  if (process.env.ZIGE_BENCH_OUT) fs.writeFileSync(process.env.ZIGE_BENCH_OUT, JSON.stringify({ dwell: DWELL, rows }, null, 1));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
