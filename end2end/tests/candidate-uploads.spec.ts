import { expect, test } from '@playwright/test';
import { makeImage, newResidentId, open, recordUploads } from './support';

test('a candidate signs up, logs in, uploads, views in the lightbox and deletes', async ({ page }) => {
  const idNumber = newResidentId();
  const password = 'Exam2026pass';

  await open(page, '/signup');
  await page.getByLabel('证件号码').fill(idNumber.toLowerCase());
  await page.getByLabel('姓名').fill('测试考生');
  await page.getByLabel('手机号码').fill('13912345678');
  await page.getByLabel(/^密码/).fill(password);
  await page.getByRole('button', { name: '注册' }).click();
  await expect(page.getByRole('heading', { name: '我的考试' })).toBeVisible();
  await expect(page.getByTestId('signed-in-as')).toHaveText('测试考生');

  await page.getByRole('button', { name: '退出' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel('证件号码').fill(idNumber);
  await page.getByLabel('密码').fill('not-my-password-1');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert')).toHaveText('证件号码或密码不正确');
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('link', { name: '进入考试' }).click();

  const idCard = page.getByRole('region', { name: '身份证' });
  await expect(idCard).toContainText('必传');
  await expect(idCard).toContainText('JPEG 格式，文件不超过 300 KB，最多 2 张');
  await expect(page.getByRole('heading', { name: '工作经历材料' })).toBeVisible();
  await expect(page.getByRole('region', { name: '个人履历材料' })).toContainText('必传');
  await expect(page.getByRole('region', { name: '户籍材料' })).toContainText('选传');

  const uploads = recordUploads(page);
  for (const name of ['front.jpg', 'back.jpg']) {
    const image = await makeImage(page, { width: 300, height: 400 });
    await idCard.locator('input[type=file]').setInputFiles({ name, mimeType: 'image/jpeg', buffer: image });
    await expect(idCard.getByText('符合要求')).toBeVisible();
    await idCard.getByRole('button', { name: '上传', exact: true }).click();
    await expect(idCard.getByText(name)).toBeVisible();
  }
  expect(uploads).toHaveLength(2);
  await expect(idCard.locator('li.material')).toHaveCount(2);
  await expect(idCard).toContainText('已上传 2 张');
  await expect(idCard).toContainText('本类已达到张数上限');

  await idCard.getByRole('button', { name: '查看' }).first().click();
  const lightbox = page.getByRole('dialog');
  await expect(lightbox.getByTestId('lightbox-position')).toHaveText('第 1 / 2 张 · 顺序号 1');
  await expect.poll(() => lightbox.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(300);
  await page.keyboard.press('ArrowRight');
  await expect(lightbox.getByTestId('lightbox-position')).toHaveText('第 2 / 2 张 · 顺序号 2');
  await page.keyboard.press('ArrowLeft');
  await expect(lightbox.getByTestId('lightbox-position')).toHaveText('第 1 / 2 张 · 顺序号 1');
  await page.keyboard.press('Escape');
  await expect(lightbox).toBeHidden();

  const diplomas = page.getByRole('region', { name: '学历学位材料' });
  const oversized = await makeImage(page, { width: 1400, height: 1400, quality: 0.95, noise: true });
  expect(oversized.length).toBeGreaterThan(300 * 1024);
  await diplomas.locator('input[type=file]').setInputFiles({ name: 'diploma.jpg', mimeType: 'image/jpeg', buffer: oversized });
  await expect(diplomas.getByRole('alert')).toContainText(/文件 [\d.]+ (KB|MB)，超过上限 300 KB/);
  await expect(diplomas.getByRole('button', { name: '上传', exact: true })).toHaveCount(0);
  expect(uploads).toHaveLength(2);

  await idCard.getByRole('button', { name: '删除' }).first().click();
  await idCard.getByRole('button', { name: '确认删除' }).click();
  await expect(idCard.locator('li.material')).toHaveCount(1);
  await page.reload();
  await expect(page.getByRole('region', { name: '身份证' }).locator('li.material')).toHaveCount(1);
});
