import { expect, test } from '@playwright/test';
import { clickToNextPage, expectAccessible, newResidentId, open } from './support';

// Seed 002's sign-up: "有效期内的第二代居民身份证或有效期内的临时身份证" — the document's last valid
// day (or 长期) is asked; an expired one is refused before anything is sent, naming its day; one
// that ends before exam 000's review closes is warned about on 我的考试; the renewed day on 个人信息
// takes the warning away. And "再次输入证件类型、证件号、姓名信息进行核对": the check step.

/** A China day `days` from today, as a date input takes it. */
function chinaDay(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

test('an expired ID is refused at sign-up, the check step names a difference, and an ID ending before the review is warned about until renewed', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  const sent: string[] = [];
  page.on('request', (request) => { if (request.url().includes('/api/sign_up')) sent.push(request.url()); });
  const idNumber = newResidentId();
  await open(page, '/signup');
  await page.getByLabel('证件号码').fill(idNumber);
  await page.getByLabel('证件有效期至').fill(chinaDay(-1));
  await page.getByLabel('姓名').fill('有效期考生');
  await page.getByLabel('手机号码').fill('13912345682');
  await page.getByLabel(/^密码/).fill('Exam2026pass');
  await page.getByRole('button', { name: '注册' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '过期' })).toHaveText(`证件已于 ${chinaDay(-1)} 过期，请使用有效期内的证件注册`);
  expect(sent).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('sign-up-expired.png'), fullPage: true });

  // Valid through tomorrow, the form goes on to the check step (seed 002): the type, the number and
  // the name once more, nothing pasted; a difference is said at its field.
  await page.getByLabel('证件有效期至').fill(chinaDay(1));
  await page.getByRole('button', { name: '注册' }).click();
  const check = page.getByTestId('sign-up-check');
  await expect(check.getByLabel('再次选择证件类型')).toBeFocused();
  await check.getByLabel('再次选择证件类型').selectOption('resident_id');
  await check.getByLabel('再次输入证件号码').fill(idNumber);
  await check.getByLabel('再次输入姓名').fill('有效其考生');
  const pasted = await check.getByLabel('再次输入证件号码').evaluate((input) => {
    const paste = new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: new DataTransfer() });
    input.dispatchEvent(paste);
    return !paste.defaultPrevented;
  });
  expect(pasted, 'pasting into the check step is refused').toBe(false);
  await check.getByRole('button', { name: '确认注册' }).click();
  await expect(check.getByRole('alert')).toHaveText('姓名与第一次填写的不一致，请核对');
  expect(sent).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('sign-up-check-step.png'), fullPage: true });
  await check.getByLabel('再次输入姓名').fill('有效期考生');
  await clickToNextPage(page, check.getByRole('button', { name: '确认注册' }));
  // Signed up; 我的考试 says to mind the validity on exam 000, whose review closes later.
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
