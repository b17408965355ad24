import { chromium, FullConfig } from '@playwright/test';

// `cargo leptos end-to-end` starts the server and the tests at the same moment; wait until the
// server answers, and until a first page comes alive in the browser, before any test runs.
//
// The first page a fresh Chromium opened on a new machine once never hydrated: its module
// request was aborted (net::ERR_ABORTED), while every later page, and the same test run again,
// was fine, and the server answered /pkg/zige.js from its first moment. Opening one page here
// takes that cold start out of the first test, and says when it happened.
export default async function globalSetup(config: FullConfig): Promise<void> {
  const base = config.projects[0].use.baseURL ?? 'http://127.0.0.1:3000';
  await waitFor(`${base}/health`, 180_000);
  await waitFor(`${base}/pkg/zige.js`, 60_000);
  const launchOptions = config.projects[0].use.launchOptions;
  const browser = await chromium.launch(launchOptions);
  try {
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      const page = await browser.newPage();
      try {
        await page.goto(`${base}/login`);
        await page.locator('body[data-hydrated="true"]').waitFor({ state: 'attached', timeout: 90_000 });
        return;
      } catch (error) {
        console.warn(`warm-up: the first page did not come alive (attempt ${attempt}): ${error}`);
      } finally {
        await page.close();
      }
    }
  } finally {
    await browser.close();
  }
}

async function waitFor(url: string, patienceMs: number): Promise<void> {
  const deadline = Date.now() + patienceMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server did not answer at ${url} within ${patienceMs / 1000} s`);
}
