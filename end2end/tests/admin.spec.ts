import { expect, test } from '@playwright/test';
import { expectAccessible, makeImage, open } from './support';

// The administrator creates an exam from a preset and imports its candidate list.
test('the demo admin creates an exam from a preset and imports a CSV with a bad row', async ({ page }) => {
  await open(page, '/login');
  await page.getByLabel('证件号码').fill('44030519850315456X');
  await page.getByLabel('密码').fill('zige-admin-2026');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('link', { name: '考试管理' }).click();
  await expect(page.getByRole('heading', { name: '考试管理' })).toBeVisible();
  await expect(page.locator('tr[data-exam="000"]')).toBeVisible();
  await expectAccessible(page);

  await page.locator('select[name=preset]').selectOption('004');
  await page.locator('input[name=code]').fill('004-e2e');
  await page.getByRole('button', { name: '创建', exact: true }).first().click();
  await expect(page).toHaveURL(/\/admin\/exams\/004-e2e$/);
  await expect(page.locator('textarea[name=source]')).toHaveValue(/code = "004-e2e"/);
  await expectAccessible(page);

  await page.locator('textarea[name=csv]').fill('身份证号,姓名\n11010519491231002X,张三\n110105194912310021,李四\n');
  await page.getByRole('button', { name: '导入', exact: true }).click();
  const report = page.getByTestId('import-report');
  await expect(report).toContainText('导入 1 行，名单内共 1 人；1 行有误');
  await expect(report).toContainText('第 3 行');
  await expectAccessible(page);

  // An example picture, through the plain upload form.
  const picture = await makeImage(page, { width: 320, height: 200 });
  await page.locator('form input[name=file]').setInputFiles({ name: 'Seal Sample.jpg', mimeType: 'image/jpeg', buffer: picture });
  await page.getByRole('button', { name: '上传示例', exact: true }).click();
  await expect(page.getByTestId('example-added')).toHaveText('已添加 examples/seal-sample.jpg');
  await expectAccessible(page);
});
