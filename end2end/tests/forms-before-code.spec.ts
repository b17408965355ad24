import { expect, Page, test } from '@playwright/test';
import { newResidentId, waitForHydration } from './support';

// A slow phone, or a password manager's fill and Enter, sends a form before the page's code has
// arrived. What was typed must not go into the address (the browser's history, every proxy's
// log), and the person must not be bounced back to an empty form: the form waits for the code
// and is sent by it then (issue 50). The server's log of the whole run is read for these
// passwords and ID numbers afterwards (scripts/checks/log_secrets.py).

/** Holds every WASM download until the returned function is called. */
async function holdTheCode(page: Page): Promise<() => void> {
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/*.wasm', async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

/** Every address the page asked for, and every one it was shown at. */
function recordAddresses(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => seen.push(request.url()));
  page.on('framenavigated', (frame) => seen.push(frame.url()));
  return seen;
}

test('a candidate who logs in with Enter before the page is live is logged in, and nothing typed is in an address', async ({ page }) => {
  const addresses = recordAddresses(page);
  const release = await holdTheCode(page);
  await page.goto('/login');
  await page.getByLabel('证件号码').fill('44030519900101123X');
  await page.getByLabel('密码').fill('zige-demo-2026');
  await page.getByLabel('密码').press('Enter');
  // Nothing went out: the form waits, and the address is the page's own.
  await page.waitForTimeout(1000);
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByLabel('证件号码')).toHaveValue('44030519900101123X');

  release();
  await expect(page.getByRole('heading', { name: '我的考试' })).toBeVisible({ timeout: 60_000 });
  await waitForHydration(page);
  const leaked = addresses.filter((a) => a.includes('44030519900101123X') || a.includes('zige-demo-2026') || a.includes('password='));
  expect(leaked).toEqual([]);
});

test('a new candidate who signs up with Enter before the page is live gets the account, and nothing typed is in an address', async ({ page }) => {
  const idNumber = newResidentId();
  const addresses = recordAddresses(page);
  const release = await holdTheCode(page);
  await page.goto('/signup');
  await page.getByLabel('证件号码').fill(idNumber);
  await page.getByLabel('姓名').fill('慢网考生');
  await page.getByLabel('手机号码').fill('13912345670');
  await page.getByLabel('证件有效期至').fill('2036-05-01');
  await page.getByLabel(/^密码/).fill('SlowPhone2026');
  await page.getByLabel(/^密码/).press('Enter');
  await page.waitForTimeout(1000);
  await expect(page).toHaveURL(/\/signup$/);

  release();
  // The held form goes once the page is live, on to seed 002's check step.
  const check = page.getByTestId('sign-up-check');
  await expect(check).toBeVisible({ timeout: 60_000 });
  await check.getByLabel('再次选择证件类型').selectOption('resident_id');
  await check.getByLabel('再次输入证件号码').fill(idNumber);
  await check.getByLabel('再次输入姓名').fill('慢网考生');
  await check.getByRole('button', { name: '确认注册' }).click();
  await expect(page.getByRole('heading', { name: '我的考试' })).toBeVisible({ timeout: 60_000 });
  const leaked = addresses.filter((a) => a.includes(idNumber) || a.includes('SlowPhone2026') || a.includes('13912345670') || a.includes('?name='));
  expect(leaked).toEqual([]);
});

test('a browser with no script at all posts the log-in form to the page, which answers with the page', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const addresses = recordAddresses(page);
  await page.goto('/login');
  await page.getByLabel('证件号码').fill('44030519900101123X');
  await page.getByLabel('密码').fill('zige-demo-2026');
  await page.getByLabel('密码').press('Enter');
  await page.waitForLoadState();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
  expect(addresses.filter((a) => a.includes('zige-demo-2026') || a.includes('?'))).toEqual([]);
  await context.close();
});

test('the exam page, which the forms script leaves out for its size, holds no form', async ({ page }) => {
  await page.goto('/login');
  await waitForHydration(page);
  await page.getByLabel('证件号码').fill('44030519900101123X');
  await page.getByLabel('密码').fill('zige-demo-2026');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { name: '我的考试' })).toBeVisible();
  await page.goto('/exams/000');
  await waitForHydration(page);
  await expect(page.locator('form')).toHaveCount(0);
});

test('a log-in page whose own code cannot be fetched stays as drawn, holds the form, and comes to life once the code arrives', async ({ page }) => {
  // The log-in page's island is a chunk of its own (app/src/island_in_chunk.rs): the network may
  // drop between the page's main code and that chunk. The page must neither panic (leptos's
  // `#[island(lazy)]` does, ending every island) nor lose what was typed.
  // A panic shows as the hook's "panicked at" and the trap's "RuntimeError: unreachable". (The
  // split's own loader lets a refused fetch go unhandled for a moment, "Failed to fetch": not ours.)
  const panics: string[] = [];
  const notePanic = (text: string) => {
    if (/panicked|unreachable|RuntimeError/.test(text)) panics.push(text);
  };
  page.on('pageerror', (error) => notePanic(`${error.name}: ${error.message}`));
  page.on('console', (message) => notePanic(message.text()));
  const chunk = '**/pkg/split_log_in_page.wasm';
  let refused = 0;
  await page.route(chunk, (route) => {
    refused += 1;
    return route.abort('internetdisconnected');
  });
  await page.goto('/login');
  await expect.poll(() => refused, { timeout: 60_000 }).toBeGreaterThan(0);
  await page.getByLabel('证件号码').fill('44030519900101123X');
  await page.getByLabel('密码').fill('zige-demo-2026');
  await page.getByLabel('密码').press('Enter');
  // The page asks again while the chunk stays out of reach, and is not live meanwhile.
  await expect.poll(() => refused, { timeout: 30_000 }).toBeGreaterThan(1);
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(0);
  await expect(page.getByLabel('证件号码')).toHaveValue('44030519900101123X');

  await page.unroute(chunk);
  // The held form goes once the page is live: the candidate lands on 我的考试.
  await expect(page.getByRole('heading', { name: '我的考试' })).toBeVisible({ timeout: 60_000 });
  await waitForHydration(page);
  expect(panics).toEqual([]);
});
