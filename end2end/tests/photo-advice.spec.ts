import * as fs from 'fs';
import { expect, Page, test } from '@playwright/test';
import { clickToNextPage, expectAccessible, makeScene, open, signUpCandidate, switchLanguage } from './support';

// The photo tool's other paths on a phone's screen: a photo taken with the phone held sideways,
// one with too few pixels, and the advice on how a picture looks (blurred, dark, background) —
// advice only, the picture may still be used.
test.use({ viewport: { width: 360, height: 780 } });

async function openPhotoTool(page: Page, rule: string): Promise<void> {
  await open(page, '/photo-tool');
  await switchLanguage(page, 'English');
  await expect(page.getByRole('heading', { name: 'Photo tool' })).toBeVisible();
  await page.getByLabel('Exam and photo rule').selectOption({ label: rule });
}

const RULE_004 = '004 Postgraduate study for serving cadres: application (demo exam) · ID photo';

test('a photo taken sideways is turned upright and fitted; a small one is refused with its numbers', async ({ page }) => {
  await openPhotoTool(page, RULE_004);
  // Stored 1600×1200 with EXIF orientation 6: upright it is 1200×1600, already 3:4.
  const sideways = await makeScene(page, { width: 1200, height: 1600, scene: 'portrait', background: '#ffffff', quality: 0.97, orientation: 6 });
  expect(sideways.length).toBeGreaterThan(400 * 1024);
  await page.locator('input[name=photo]').setInputFiles({ name: 'sideways.jpg', mimeType: 'image/jpeg', buffer: sideways });
  await expect(page.getByRole('alert').first()).toContainText('above the 400 KB limit');
  await page.getByRole('button', { name: 'Fix it for me' }).click();
  const note = page.locator('.fit-note');
  await expect(note).toContainText(/Adjusted for you: .* 1600×1200 → \d+×\d+, turned upright as it was taken/);
  const [, width, height] = (await note.textContent())!.match(/1600×1200 → (\d+)×(\d+)/)!.map(Number);
  expect(width).toBeLessThan(height);
  await expect(page.getByText('Meets the rule', { exact: true })).toBeVisible();
  await expect(page.getByText("Sharpness, brightness, background and the face's place look fine")).toBeVisible();
  await expectAccessible(page);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download the adjusted photo' }).click();
  const saved = fs.readFileSync(await (await download).path());
  expect(saved.length).toBeGreaterThanOrEqual(100 * 1024);
  expect(saved.length).toBeLessThanOrEqual(400 * 1024);

  // Too few pixels cannot be fixed: enlarging adds no detail. Both numbers are named.
  const small = await makeScene(page, { width: 240, height: 320, scene: 'portrait', background: '#ffffff' });
  await page.locator('input[name=photo]').setInputFiles({ name: 'small.jpg', mimeType: 'image/jpeg', buffer: small });
  await expect(page.getByText('This cannot be fixed automatically:')).toBeVisible();
  await expect(page.locator('.photo-fix.cannot')).toContainText('The picture is 240 pixels wide; at least 300 are needed');
  await expect(page.getByRole('button', { name: 'Fix it for me' })).toHaveCount(0);
});

test('a blurred photo and a dark one on grey get advice after fitting, and may still be downloaded', async ({ page }) => {
  await openPhotoTool(page, RULE_004);
  const advice = page.locator('.looks');
  const blurred = await makeScene(page, { width: 1200, height: 1600, scene: 'portrait', background: '#ffffff', blur: 10, quality: 0.97 });
  expect(blurred.length).toBeGreaterThan(400 * 1024);
  await page.locator('input[name=photo]').setInputFiles({ name: 'blurred.jpg', mimeType: 'image/jpeg', buffer: blurred });
  await page.getByRole('button', { name: 'Fix it for me' }).click();
  await expect(page.getByText('Meets the rule', { exact: true })).toBeVisible();
  await expect(advice).toContainText(/The picture may be blurred \(sharpness \d+, at least 100 advised\)/);
  await expect(advice.locator('li')).toHaveCount(1);
  await expect(page.getByRole('link', { name: 'Download the adjusted photo' })).toBeVisible();
  await expectAccessible(page);

  const dark = await makeScene(page, { width: 1200, height: 1600, scene: 'portrait', background: '#9a948c', brightness: 0.3, quality: 0.97 });
  expect(dark.length).toBeGreaterThan(400 * 1024);
  await page.locator('input[name=photo]').setInputFiles({ name: 'dark.jpg', mimeType: 'image/jpeg', buffer: dark });
  await page.getByRole('button', { name: 'Fix it for me' }).click();
  await expect(advice).toContainText(/The picture is dark \(brightness \d+ of 255, at least 60 advised\)/);
  await expect(advice).toContainText(/This exam's ID photo background should be plain white; this one is #[0-9a-f]{6}/);
  await expect(page.getByRole('link', { name: 'Download the adjusted photo' })).toBeVisible();
});

const RULE_002 = '002 Public recruitment of staff: application (demo exam) · ID photo';

// Seed 004's "背景色为均匀白色" against seed 002's "蓝底或白底": the same photo on a blue backdrop is
// advised against for 004 and fine for 002, each exam file naming the colours it takes.
test('a photo on blue is advised against where the exam asks for white, and fine where it takes blue', async ({ page }) => {
  const onBlue = await makeScene(page, { width: 900, height: 1200, scene: 'portrait', background: '#438edb', quality: 0.95 });
  const advice = page.locator('.looks');
  await openPhotoTool(page, RULE_004);
  await page.locator('input[name=photo]').setInputFiles({ name: 'blue.jpg', mimeType: 'image/jpeg', buffer: onBlue });
  await expect(page.getByText('This photo already meets the rule; upload it as it is.')).toBeVisible();
  await expect(advice).toContainText(/This exam's ID photo background should be plain white; this one is blue \(#[0-9a-f]{6}\)\. Take it again in front of a white wall or a white backdrop/);
  await expectAccessible(page);

  await page.getByLabel('Exam and photo rule').selectOption({ label: RULE_002 });
  await page.locator('input[name=photo]').setInputFiles({ name: 'blue.jpg', mimeType: 'image/jpeg', buffer: onBlue });
  await expect(page.getByText("Sharpness, brightness, background and the face's place look fine")).toBeVisible();
  await expect(advice).toHaveCount(0);
});

test('a blurred scan in the upload form is advised against in Chinese, and can still be uploaded', async ({ page }) => {
  await signUpCandidate(page, '模糊考生', '13912345679');
  await clickToNextPage(page, page.locator('li.exam-card[data-exam="000"]').getByRole('link', { name: '进入考试' }));
  await page.getByLabel('我已认真阅读并同意以上承诺').check();
  await page.getByRole('button', { name: '同意并进入下一步' }).click();

  const diplomas = page.getByRole('region', { name: '学历学位材料' });
  const scan = await makeScene(page, { width: 1240, height: 1754, scene: 'page', blur: 5, quality: 0.75 });
  expect(scan.length).toBeLessThan(300 * 1024);
  await diplomas.locator('#file-education').setInputFiles({ name: 'diploma.jpg', mimeType: 'image/jpeg', buffer: scan });
  await expect(diplomas.getByText(/符合要求/).first()).toBeVisible();
  await expect(diplomas.locator('.looks')).toContainText(/图片可能模糊（清晰度 \d+，建议不低于 100）/);
  await expectAccessible(page);
  await diplomas.getByRole('button', { name: '上传', exact: true }).click();
  await expect(diplomas.locator('li.material')).toHaveCount(1);
});
