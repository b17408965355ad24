import { expect, test } from '@playwright/test';
import { makeImage, open, recordUploads } from './support';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

test('at 360 px in English a candidate sees the rules, refusals, and can upload', async ({ page }) => {
  await open(page, '/login');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await page.getByLabel('Document number').fill('44030519900101123X');
  await page.getByLabel('Password').fill('zige-demo-2026');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('link', { name: 'Enter exam' }).click();

  const other = page.getByRole('region', { name: 'Other materials' });
  await expect(other.getByRole('heading', { name: 'Other materials' })).toBeVisible();
  await expect(other).toContainText('JPEG only, at most 300 KB per file');
  const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(pageWidth).toBeLessThanOrEqual(360);

  const uploads = recordUploads(page);
  const png = await makeImage(page, { width: 200, height: 200, type: 'image/png' });
  await other.locator('input[type=file]').setInputFiles({ name: 'scan.jpg', mimeType: 'image/jpeg', buffer: png });
  await expect(other.getByRole('alert')).toContainText("The file's content is PNG; this category accepts JPEG only");
  expect(uploads).toHaveLength(0);

  const jpeg = await makeImage(page, { width: 600, height: 800 });
  await other.locator('input[type=file]').setInputFiles({ name: 'certificate.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  await other.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect(other.locator('li.material')).toHaveCount(1);
  await expect(other).toContainText('Seq. no. 1');
  await expect(other).toContainText('600×800');
  expect(uploads).toHaveLength(1);
});
