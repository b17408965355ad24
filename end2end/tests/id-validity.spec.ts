import { expect, test } from '@playwright/test';
import { clickToNextPage, expectAccessible, newResidentId, open } from './support';

// Seed 002: "有效期内的第二代居民身份证或有效期内的临时身份证". Sign-up asks the document's last valid
// day (or 长期); an expired one is refused before anything is sent, naming its day; one that ends
// before exam 000's review closes is warned about on 我的考试; the renewed day on 个人信息 takes the
// warning away.

/** A China day `days` from today, as a date input takes it. */
function chinaDay(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

test('an expired ID is refused at sign-up, and one that ends before the review is warned about until renewed', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  const sent: string[] = [];
  page.on('request', (request) => { if (request.url().includes('/api/sign_up')) sent.push(request.url()); });
  await open(page, '/signup');
  await page.getByLabel('证件号码').fill(newResidentId());
  await page.getByLabel('证件有效期至').fill(chinaDay(-1));
  await page.getByLabel('姓名').fill('有效期考生');
  await page.getByLabel('手机号码').fill('13912345682');
  await page.getByLabel(/^密码/).fill('Exam2026pass');
  await page.getByRole('button', { name: '注册' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '过期' })).toHaveText(`证件已于 ${chinaDay(-1)} 过期，请使用有效期内的证件注册`);
  expect(sent).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('sign-up-expired.png'), fullPage: true });

  // Valid through tomorrow: signed up; 我的考试 says to mind it on exam 000, whose review closes later.
  await page.getByLabel('证件有效期至').fill(chinaDay(1));
  await clickToNextPage(page, page.getByRole('button', { name: '注册' }));
  await expect(page.getByRole('heading', { name: '我的考试' })).toBeVisible();
  const warning = page.locator('li.exam-card[data-exam="000"]').getByTestId('id-validity');
  await expect(warning).toContainText(`请关注本人身份证有效期：证件有效期至 ${chinaDay(1)}，早于资格审核截止日期`);
  await expectAccessible(page);
  await page.screenshot({ path: test.info().outputPath('my-exams-id-validity.png'), fullPage: true });

  // Renewed: 个人信息 takes the new validity, and the warning goes.
  await open(page, '/account');
  const card = page.getByTestId('id-validity-card');
  await expect(card).toContainText(`证件有效期至 ${chinaDay(1)}`);
  await card.getByLabel('长期有效').check();
  await clickToNextPage(page, card.getByRole('button', { name: '保存' }));
  await expect(card.getByRole('status')).toHaveText('已保存。');
  await expect(card).toContainText('长期有效');
  await page.screenshot({ path: test.info().outputPath('account-id-validity.png'), fullPage: true });
  await open(page, '/');
  await expect(page.locator('li.exam-card[data-exam="000"]')).toBeVisible();
  await expect(page.getByTestId('id-validity')).toHaveCount(0);
});
