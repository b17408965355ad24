import { expect, test } from '@playwright/test';
import { adminContext, call, makeScene, open, signUpCandidate, staffContext, waitForHydration, DEMO_REVIEWER } from './support';

// Working through a queue, the next application is drawn the moment N is pressed: the review
// screen read its sheet ahead while the reviewer looked at the one before, and the server's take of
// it (open_application) follows behind. Here the take is held back for three seconds: the screen
// is up long before it answers, and a decision made at once waits for it, then names its version.

test('the next application is drawn at once, before the server has taken it, and its decision is stored', async ({ browser }) => {
  const code = `nx${Date.now() % 100000}`;
  const admin = await adminContext(browser);
  await call(admin.request, 'admin_create_exam', { preset: '000', code, source: '' });
  const reviewers = await call(admin.request, 'admin_reviewers', {});
  const reviewerId = reviewers.find((r: any) => r.id_number_masked.endsWith('7897')).id;
  await call(admin.request, 'admin_assign_reviewer', { reviewer_id: reviewerId, exam_code: code, duty: 'review' });

  // Two candidates hand in scans of A4 pages (150 dpi, under the exam's 300 KB), one after the other.
  const names = ['先交考生', '后交考生'].map((name) => `${name}${Date.now() % 10000}`);
  let scan: Buffer | undefined;
  for (const name of names) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signUpCandidate(page, name);
    await call(page.request, 'accept_pledge', { code });
    scan ??= await makeScene(page, { width: 1240, height: 1754, scene: 'page', quality: 0.55 });
    expect(scan.length).toBeLessThan(300 * 1024);
    for (const [category, seq] of [['id_card', 1], ['id_card', 2], ['education', 1], ['work_resume', 1]] as const) {
      const response = await page.request.post('/api/materials', {
        multipart: { exam: code, category, seq_no: String(seq), file: { name: `${category}-${seq}.jpg`, mimeType: 'image/jpeg', buffer: scan } },
      });
      expect(response.status(), await response.text()).toBe(201);
    }
    await call(page.request, 'save_application', { code, form: {}, position: null, submit: true });
    await context.close();
  }

  const reviewerContext = await staffContext(browser, DEMO_REVIEWER, { viewport: { width: 1366, height: 768 } });
  const reviewer = await reviewerContext.newPage();
  await open(reviewer, `/review/exams/${code}`);
  const readAhead = reviewer.waitForResponse((response) => response.url().includes('/api/foresee_application'));
  await reviewer.getByRole('link', { name: names[0] }).click();
  await expect(reviewer.getByRole('heading', { name: `审核：${names[0]}` })).toBeVisible();
  await waitForHydration(reviewer);
  expect((await readAhead).ok()).toBeTruthy();
  await reviewer.keyboard.press('Shift+A');
  await reviewer.keyboard.press('Enter');
  await expect(reviewer.getByTestId('decided')).toContainText('已保存：审核通过');

  // The server's take of the next application is held back; N draws it all the same.
  let takeAnswered = false;
  await reviewer.route('**/api/open_application*', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await route.continue();
  });
  reviewer.on('response', (response) => {
    if (response.url().includes('/api/open_application')) takeAnswered = true;
  });
  await reviewer.keyboard.press('n');
  await expect(reviewer.getByRole('heading', { name: `审核：${names[1]}` })).toBeVisible({ timeout: 2000 });
  await expect(reviewer.getByTestId('viewer-caption')).toContainText('身份证 第 1 张');
  await expect(reviewer.locator('figure.viewer-current img')).toBeVisible();
  expect(takeAnswered, 'the screen was drawn before the take answered').toBe(false);

  // Decided at once: the decision waits for the take, then is stored.
  await reviewer.keyboard.press('Shift+A');
  await reviewer.keyboard.press('Enter');
  await expect(reviewer.getByTestId('decided')).toContainText('已保存：审核通过', { timeout: 10_000 });
  expect(takeAnswered).toBe(true);
  await reviewer.screenshot({ path: test.info().outputPath('second-decided.png') });
  await reviewerContext.close();
});
