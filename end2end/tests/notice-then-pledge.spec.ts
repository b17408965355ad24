import { expect, test } from '@playwright/test';
import { adminContext, call, clickToNextPage, expectAccessible, makeScene, open, signUpCandidate, switchLanguage } from './support';

// Seed 002: "报考者登录后，阅读'报考须知'页面，阅读完'报考须知'后点击'接受'后进入'承诺书'". A fresh exam
// from preset 002 (the demo exams stay as the other tests expect them), a new candidate on a phone.
test.use({ viewport: { width: 360, height: 780 } });

test('a candidate reads and accepts the 报考须知, then the pledge, and the exam page no longer asks for either', async ({ browser }) => {
  const code = `nt${Date.now() % 100000}`;
  const admin = await adminContext(browser);
  await call(admin.request, 'admin_create_exam', { preset: '002', code, source: '' });
  const phone = await browser.newContext({ baseURL: test.info().project.use.baseURL, viewport: { width: 360, height: 780 } });
  const page = await phone.newPage();
  await signUpCandidate(page, '须知考生', '13912345673');

  // The exam page opens the notice first; the pledge is refused until it is accepted.
  await open(page, `/exams/${code}`);
  await expect(page).toHaveURL(new RegExp(`/exams/${code}/notice$`));
  await expect(page.getByRole('heading', { name: '报考须知' })).toBeVisible();
  await expect(page.getByTestId('notice-text')).toContainText('每位报考者限报一个职位');
  const early = await page.request.post('/api/accept_pledge', { data: { code } });
  expect(early.status()).toBe(422);
  expect(await early.text()).toContain('请先阅读并接受《报考须知》');
  await page.screenshot({ path: test.info().outputPath('notice.png'), fullPage: true });

  await clickToNextPage(page, page.getByRole('button', { name: '接受' }));
  await expect(page).toHaveURL(new RegExp(`/exams/${code}$`));
  await expect(page.getByRole('heading', { name: '诚信承诺书' })).toBeVisible();
  await page.getByLabel('我已认真阅读并同意以上承诺').check();
  await page.getByRole('button', { name: '同意并进入下一步' }).click();
  await expect(page.getByTestId('countdown')).toContainText('距离上传截止');
  // Seed 002's steps across the top, the photo the current one.
  const steps = page.getByTestId('flow-steps');
  await expect(steps.locator('li')).toHaveText(['注册', '上传照片', '填写个人信息', '选择职位', '报名信息确认', '资格审核', '缴费', '完成']);
  await expect(steps.locator('li[aria-current="step"]')).toHaveText('上传照片');
  await page.screenshot({ path: test.info().outputPath('steps.png') });

  // Seed 002's 照片确认: the photo uploaded, checked on the confirmation page as it prints, confirmed
  // with 确定; then it is locked and the steps move on.
  const photo = page.getByRole('region', { name: '报名照片' });
  const portrait = await makeScene(page, { width: 900, height: 1200, scene: 'portrait', background: '#ffffff', quality: 0.92 });
  await photo.locator('#file-id_photo').setInputFiles({ name: 'me.jpg', mimeType: 'image/jpeg', buffer: portrait });
  await photo.getByRole('button', { name: '上传', exact: true }).click();
  await expect(photo.getByText('顺序号 1')).toBeVisible();
  await expect(photo.getByText('已锁定')).toHaveCount(0);
  // A plain page of the server's (no script to wait for).
  await photo.getByRole('link', { name: '核对并确认报名照片' }).click();
  await expect(page).toHaveURL(new RegExp(`/exams/${code}/confirm/id_photo$`));
  const asPrinted = page.getByTestId('photo-confirm').locator('img.as-printed');
  await expect(asPrinted).toBeVisible();
  // 30 × 40 mm, as Typst prints it: CSS millimetres at 96 px to the inch (113.4 × 151.2 px).
  const box = (await asPrinted.boundingBox())!;
  expect([Math.round(box.width), Math.round(box.height)]).toEqual([113, 151]);
  await expectAccessible(page);
  await page.screenshot({ path: test.info().outputPath('photo-confirm.png'), fullPage: true });
  await clickToNextPage(page, page.getByRole('button', { name: '确定 · Confirm' }));
  await expect(page).toHaveURL(new RegExp(`/exams/${code}$`));
  await expect(photo.getByText('已锁定')).toBeVisible();
  await expect(photo.getByRole('link', { name: '核对并确认报名照片' })).toHaveCount(0);
  await expect(photo.getByRole('button', { name: '删除' })).toHaveCount(0);
  await expect(steps.locator('li[aria-current="step"]')).toHaveText('填写个人信息');
  await expect(page.getByTestId('timeline')).toContainText('已确认报名照片，确认后不能修改。');
  await expectAccessible(page);

  // Opened again, the exam page goes straight on; the notice's page says when it was accepted.
  await open(page, `/exams/${code}`);
  await expect(page).toHaveURL(new RegExp(`/exams/${code}$`));
  await open(page, `/exams/${code}/notice`);
  await expect(page.getByRole('status')).toContainText('您已于');
  await expect(page.getByRole('status')).toContainText('北京时间');
  await switchLanguage(page, 'English');
  await expect(page.getByRole('heading', { name: 'Notes for applicants' })).toBeVisible();
  await expect(page.getByTestId('notice-text')).toContainText('Each candidate applies for one position only');
  await expectAccessible(page);
});
