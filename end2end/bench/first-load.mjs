// What a phone downloads on its first visit to each of the candidate's pages: every response's
// compressed body (the Resource Timing API's encodedBodySize), by kind, until the page is live
// (hydrated) and the network is quiet. Run by ./scripts/bench-first-load.sh against a running
// server with the demo data; each page is opened in a fresh browser context, so nothing is cached.
import { chromium } from '@playwright/test';

const base = process.env.ZIGE_BASE_URL ?? 'http://127.0.0.1:3000';
const budget = 350 * 1024;
const candidate = { id_number: '44030519900101123X', password: 'zige-demo-2026' };
const pages = [
  { name: 'sign-up (/signup)', path: '/signup', signedIn: false },
  { name: 'log-in (/login)', path: '/login', signedIn: false },
  { name: '我的考试 (/)', path: '/', signedIn: true },
  { name: 'exam page (/exams/004)', path: '/exams/004', signedIn: true },
];

function kind(url, initiator) {
  if (initiator === 'navigation') return 'html';
  const path = new URL(url).pathname;
  if (path.endsWith('.wasm')) return 'wasm';
  if (path.endsWith('.js')) return 'js';
  if (path.endsWith('.css')) return 'css';
  return 'other';
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
let over = false;
console.log('| page | HTML | JS | WASM | CSS | other | total (compressed) |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const visit of pages) {
  const context = await browser.newContext({ baseURL: base });
  if (visit.signedIn) {
    const answer = await context.request.post('/api/log_in', { data: candidate });
    if (!answer.ok()) throw new Error(`log_in: ${answer.status()} ${await answer.text()}`);
  }
  const page = await context.newPage();
  await page.goto(visit.path, { waitUntil: 'networkidle' });
  await page.locator('body[data-hydrated="true"]').waitFor({ state: 'attached', timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  const entries = await page.evaluate(() =>
    [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].map((e) => ({
      url: e.name,
      initiator: e.entryType === 'navigation' ? 'navigation' : e.initiatorType,
      bytes: e.encodedBodySize,
    })),
  );
  const sums = { html: 0, js: 0, wasm: 0, css: 0, other: 0 };
  for (const e of entries) sums[kind(e.url, e.initiator)] += e.bytes;
  const total = Object.values(sums).reduce((a, b) => a + b, 0);
  over ||= total > budget;
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(
    `| ${visit.name} | ${kb(sums.html)} | ${kb(sums.js)} | ${kb(sums.wasm)} | ${kb(sums.css)} | ${kb(sums.other)} | ${kb(total)} |`,
  );
  await context.close();
}
await browser.close();
console.log(over ? `\nover the budget of ${budget / 1024} KB` : `\nwithin the budget of ${budget / 1024} KB`);
