import { readFile } from 'node:fs/promises';
import { expect, Page, test } from '@playwright/test';
import { clickToNextPage, expectAccessible, makePicture, newResidentId, open, waitForHydration, DEMO_ADMIN, DEMO_REVIEWER, withFreshCode, staffLogsInOnThePage, signUpThroughTheCheck } from './support';

// Both roles in two browser windows, the whole loop: a candidate submits; a reviewer works the
// application with the keyboard alone and returns one picture; the candidate sees the feedback,
// replaces exactly that picture and resubmits; the reviewer sees old and new side by side and
// approves; the result stays hidden from the candidate until the results time.

async function submitApplication(page: Page, name: string): Promise<void> {
  await open(page, '/signup');
  const idNumber = newResidentId();
  await page.getByLabel('证件号码').fill(idNumber);
  await page.getByLabel('姓名').fill(name);
  await page.getByLabel('手机号码').fill('13912345678');
  await page.getByLabel('证件有效期至').fill('2036-05-01');
  await page.getByLabel(/^电子邮箱/).fill('loop@example.cn');
  await page.getByLabel(/^密码/).fill('Exam2026pass');
  await signUpThroughTheCheck(page, idNumber, name);
  await expect(page.getByRole('heading', { name: '我的考试' })).toBeVisible();
  // The candidate's own journey is covered elsewhere; here the pictures go in through the same
  // endpoints the page uses.
  expect((await page.request.post('/api/accept_pledge', { data: { code: '000' } })).ok()).toBeTruthy();
  const picture = await makePicture(page, { width: 400, height: 300 });
  for (const [category, seq] of [['id_card', 1], ['id_card', 2], ['education', 1], ['work_resume', 1]] as const) {
    const response = await page.request.post('/api/materials', {
      multipart: { exam: '000', category, seq_no: String(seq), file: { name: `${category}-${seq}.jpg`, mimeType: 'image/jpeg', buffer: picture } },
    });
    expect(response.status()).toBe(201);
  }
  const submitted = await page.request.post('/api/save_application', { data: { code: '000', form: {}, position: null, submit: true } });
  expect(submitted.ok()).toBeTruthy();
}

/** Presses Tab until the focused element's text is `text` (keyboard only, as a person would). */
async function tabTo(page: Page, text: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.textContent?.trim())) === text) return;
  }
  throw new Error(`never reached ${text} with Tab`);
}

test('a reviewer returns a picture with the keyboard alone; the candidate replaces it; approval waits for results', async ({ browser }) => {
  const name = `回路考生${Date.now() % 10000}`;
  const candidateContext = await browser.newContext();
  const candidate = await candidateContext.newPage();
  await submitApplication(candidate, name);

  // The reviewer, in a second window, logs in with the keyboard and lands on the review page.
  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  await open(reviewer, '/login');
  await reviewer.getByLabel('证件号码').focus();
  await reviewer.keyboard.type('110101198008087897');
  await reviewer.keyboard.press('Tab');
  await reviewer.keyboard.type('zige-review-2026');
  await reviewer.keyboard.press('Enter');
  // The second step: the code from the reviewer's authenticator, typed where the focus starts.
  await expect(reviewer.getByRole('heading', { name: '两步验证' })).toBeVisible();
  await waitForHydration(reviewer);
  await expect(reviewer.getByLabel('验证码')).toBeFocused();
  await withFreshCode(DEMO_REVIEWER.key, async (code) => {
    await reviewer.keyboard.type(code);
    await reviewer.keyboard.press('Enter');
    await expect(reviewer.getByRole('heading', { name: '材料审核' })).toBeVisible();
  });
  await expectAccessible(reviewer);
  await tabTo(reviewer, '资格初审材料上传（示例考试）');
  await reviewer.keyboard.press('Enter');
  await expect(reviewer.getByTestId('queue')).toContainText(name);
  await expectAccessible(reviewer);
  await tabTo(reviewer, name);
  await reviewer.keyboard.press('Enter');
  await expect(reviewer.getByRole('heading', { name: `审核：${name}` })).toBeVisible();
  await waitForHydration(reviewer);
  await expect(reviewer.getByTestId('viewer-caption')).toContainText('身份证 第 1 张');
  await expectAccessible(reviewer);

  // Zoom and rotate the view; the first picture is fine, the second is not.
  await reviewer.keyboard.press('+');
  await expect(reviewer.getByTestId('zoom')).toHaveText('150%');
  await reviewer.keyboard.press('r');
  await reviewer.keyboard.press('o');
  await expect(reviewer.getByTestId('viewer-caption')).toContainText('身份证 第 2 张');
  await reviewer.keyboard.press('x');
  const mark = reviewer.getByRole('dialog', { name: '标记需更换' });
  await expect(mark).toBeVisible();
  await expectAccessible(reviewer);
  await reviewer.keyboard.press('1');
  await reviewer.keyboard.press('Tab');
  await reviewer.keyboard.type('反面国徽看不清');
  await reviewer.keyboard.press('Enter');
  await expect(mark).toBeHidden();
  await expect(reviewer.getByTestId('viewer-caption')).toContainText('学历学位材料 第 1 张');
  await reviewer.keyboard.press('o');
  await reviewer.keyboard.press('o');
  await expect(reviewer.locator('li.thumb[data-mark="replace"]')).toHaveCount(1);
  await expect(reviewer.locator('li.thumb[data-mark="ok"]')).toHaveCount(3);
  // Each picture of the strip is shown, as its small copy (the reviewer may read it as the file).
  const strip = reviewer.locator('li.thumb img');
  await expect
    .poll(() =>
      strip.evaluateAll((pictures) =>
        pictures.map((picture) => {
          const shown = picture as HTMLImageElement;
          return shown.complete && shown.naturalWidth > 0 ? new URL(shown.currentSrc).pathname.split('/').pop() : 'not shown';
        }),
      ),
    )
    .toEqual(['thumb', 'thumb', 'thumb', 'thumb']);
  await reviewer.keyboard.press('Shift+S');
  const confirm = reviewer.getByRole('alertdialog', { name: '确认决定' });
  await expect(confirm).toContainText('将退回 1 项给考生修改');
  await expectAccessible(reviewer);
  await reviewer.keyboard.press('Enter');
  await expect(reviewer.getByTestId('decided')).toContainText('已保存：退回修改');
  await expectAccessible(reviewer);

  // The candidate sees the feedback and exactly one picture open for replacement.
  await open(candidate, '/exams/000');
  await expect(candidate.getByTestId('unread-count')).toHaveText('1');
  await expect(candidate.getByTestId('application-state')).toHaveText('退回修改');
  await expect(candidate.getByTestId('timeline').locator('li').first()).toContainText('身份证 第 2 张：图片不清晰（反面国徽看不清），请重新上传');
  await expect(candidate.getByTestId('returned-note')).toBeVisible();
  await expect(candidate.locator('li.material.needs-replacement')).toHaveCount(1);
  await expect(candidate.locator('li.material .badge.locked')).toHaveCount(3);
  const flagged = candidate.locator('li.material.needs-replacement');
  await expect(flagged.getByTestId('needs-replacement')).toContainText('需更换：图片不清晰：反面国徽看不清');
  await expectAccessible(candidate);
  await flagged.locator('input[type=file][id^="replace-"]').setInputFiles({ name: 'back-again.jpg', mimeType: 'image/jpeg', buffer: await makePicture(candidate, { width: 420, height: 300 }) });
  await flagged.getByRole('button', { name: '更换' }).click();
  await expect(candidate.locator('li.material.needs-replacement')).toContainText('back-again.jpg');
  await candidate.getByRole('button', { name: '重新提交审核' }).click();
  await candidate.getByRole('button', { name: '确认提交' }).click();
  await expect(candidate.getByTestId('application-state')).toHaveText('已重新提交');
  await expect(candidate.locator('li.material .badge.locked')).toHaveCount(4);

  // The reviewer finds it marked resubmitted, compares old and new, and approves.
  await tabTo(reviewer, '← 返回审核队列');
  await reviewer.keyboard.press('Enter');
  await expect(reviewer.getByTestId('queue')).toContainText(name);
  const row = reviewer.locator('tr', { hasText: name });
  await expect(row).toHaveAttribute('data-state', 'resubmitted');
  await tabTo(reviewer, name);
  await reviewer.keyboard.press('Enter');
  await expect(reviewer.getByRole('heading', { name: `审核：${name}` })).toBeVisible();
  await waitForHydration(reviewer);
  await reviewer.keyboard.press('ArrowRight');
  await expect(reviewer.getByTestId('viewer-caption')).toContainText('身份证 第 2 张');
  await expect(reviewer.locator('figure.viewer-old img')).toBeVisible();
  await expect(reviewer.locator('figure.viewer-current img')).toBeVisible();
  await expectAccessible(reviewer);
  // The reviewer types ahead: N right after Enter, while the decision is still on its way (held
  // back here for a second), opens what comes next once the decision is stored.
  const onSiteUrl = reviewer.url();
  await reviewer.route('**/api/decide_application*', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await route.continue();
  });
  await reviewer.keyboard.press('Shift+A');
  await reviewer.keyboard.press('Enter');
  await reviewer.keyboard.press('n');
  // Only a stored decision moves the review screen on.
  await expect(reviewer).not.toHaveURL(onSiteUrl);
  await reviewer.unroute('**/api/decide_application*');

  // Not yet the results time: the candidate still reads "submitted", with no result shown.
  await open(candidate, '/exams/000');
  await expect(candidate.getByTestId('application-state')).toHaveText('已提交审核');
  await expect(candidate.getByTestId('result')).toHaveCount(0);
  await open(candidate, '/notifications');
  await expect(candidate.getByTestId('notifications')).toContainText('退回修改');
  await expect(candidate.getByTestId('notifications')).not.toContainText('审核通过');
  // Opening the page read them: the server says so, and the header no longer counts any.
  await expect.poll(async () => (await candidate.request.post('/api/unread_notifications', { data: {} })).json()).toBe(0);
  await open(candidate, '/');
  await expect(candidate.getByTestId('unread-count')).toHaveCount(0);

  await candidateContext.close();
  await reviewerContext.close();
});

// Runs after the loop above, so the exam has history: the administrator's side of review.
test('the administrator adds a reviewer, then reads the audit log, the progress chart and the exports', async ({ page }) => {
  await staffLogsInOnThePage(page, DEMO_ADMIN);
  await expect(page.getByTestId('signed-in-as')).toHaveText('赵管理');
  await open(page, '/admin');
  const reviewers = page.getByTestId('reviewers');
  await expect(reviewers).toContainText('王审核');

  await page.locator('input[name=reviewer-name]').fill('新审核员');
  await page.locator('input[name=reviewer-id]').fill(newResidentId());
  await page.locator('input[name=reviewer-mobile]').fill('13700137000');
  await page.locator('input[name=reviewer-email]').fill('new.reviewer@example.cn');
  await page.locator('input[name=reviewer-password]').fill('Review2026pass');
  await page.getByRole('button', { name: '创建审核人员账号' }).click();
  const row = reviewers.locator('tr', { hasText: '新审核员' });
  await expect(row).toBeVisible();
  await row.getByLabel('000', { exact: true }).selectOption({ label: '审核' });
  await expect(row.getByLabel('000', { exact: true })).toHaveValue('review');
  await expectAccessible(page);

  await open(page, '/admin/audit');
  const audit = page.getByTestId('audit');
  await expect(audit).toContainText('assigned to review exam 000');
  await expect(audit.locator('tr[data-action="decision"]').first()).toContainText('王审核');
  await expect(audit.locator('tr[data-action="unlock"]').first()).toBeVisible();
  // The log as filtered, downloaded for the records.
  await page.locator('select[name=audit-action]').selectOption('decision');
  await expect(audit.locator('tr').nth(1)).toHaveAttribute('data-action', 'decision');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 CSV' }).click();
  const exported = await download;
  expect(exported.suggestedFilename()).toBe('audit-log.csv');
  const lines = (await readFile(await exported.path(), 'utf8')).trim().split('\n');
  expect(lines.length).toBeGreaterThan(1);
  expect(lines.slice(1).every((line) => line.includes(',decision,'))).toBeTruthy();

  await open(page, '/admin/exams/000');
  const chart = page.getByTestId('progress-chart');
  await expect(chart.locator('polyline[data-state="approved"]')).toHaveCount(1);
  await expect(chart).toContainText('审核通过 1');
  await expectAccessible(page);
  const xlsx = await page.request.get('/api/admin/exams/000/results.xlsx');
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const csv = await (await page.request.get('/api/admin/exams/000/results.csv')).text();
  expect(csv).toContain('审核通过');
});
