import { expect, Page, test } from '@playwright/test';
import { candidateOnFreshExam, expectAccessible, makeScene, open, switchLanguage } from './support';

// The face in an ID photo (issue 68), at a phone's width: a 12 MP selfie with a small head off to
// the side is told why, with the picture marked, and 自动调整 crops around the face so the head
// lands where the exam's frame wants it; two people in one photo hear that an ID photo shows one.
test.use({ viewport: { width: 360, height: 780 } });

const RULE_004 = '004 Postgraduate study for serving cadres: application (demo exam) · ID photo';

async function openPhotoTool(page: Page): Promise<void> {
  await open(page, '/photo-tool');
  await switchLanguage(page, 'English');
  await page.getByLabel('Exam and photo rule').selectOption({ label: RULE_004 });
}

test('a selfie with a small head is told why, and the fix crops around the face until nothing is left to say', async ({ page }) => {
  await openPhotoTool(page);
  // 3000 × 4000 as a phone takes it: the face's box 16 % of the height, left of centre.
  const selfie = await makeScene(page, {
    width: 3000,
    height: 4000,
    scene: 'portrait',
    background: '#ffffff',
    people: [{ x: 0.34, y: 0.22, box: 0.16 }],
    quality: 0.9,
  });
  expect(selfie.length).toBeGreaterThan(400 * 1024);
  await page.locator('input[name=photo]').setInputFiles({ name: 'selfie.jpg', mimeType: 'image/jpeg', buffer: selfie });
  await expect(page.getByRole('alert').first()).toContainText('above the 400 KB limit');
  const advice = page.locator('.looks');
  await expect(advice).toContainText(/The head is about (2[0-9])% of the photo's height, at least 67% is required/, { timeout: 30_000 });
  await expect(advice).toContainText(/The face is off to the left \(\d+% of the photo's width from its middle, at most 10%\)/);
  await expect(advice).toContainText(/The eyes are too high: \d+% down the photo, where 30%–50% is required/);
  // The picture marked: the head's box and the eyes' line where the advice measured them.
  const marks = page.getByTestId('face-marks');
  await expect(marks.locator('.head-mark')).toBeVisible();
  const headTop = Number((await marks.locator('.head-mark').getAttribute('style'))!.match(/top:([0-9.]+)%/)![1]);
  expect(headTop).toBeGreaterThan(10);
  expect(headTop).toBeLessThan(20);
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Fix it for me' }).click();
  await expect(page.getByText('Meets the rule', { exact: true })).toBeVisible({ timeout: 30_000 });
  // Cropped around the face: the head now fills the frame as the rule wants, centred.
  await expect(page.getByText("Sharpness, brightness, background and the face's place look fine")).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.looks')).toHaveCount(0);
  const fitted = page.getByTestId('face-marks');
  const style = (await fitted.locator('.head-mark').getAttribute('style'))!;
  const [left, width] = [/left:([0-9.-]+)%/, /width:([0-9.]+)%/].map((rule) => Number(style.match(rule)![1]));
  expect(Math.abs(left + width / 2 - 50)).toBeLessThan(10);
  await expect(page.getByRole('link', { name: 'Download the adjusted photo' })).toBeVisible();
  await expectAccessible(page);
});

test('two people in one photo are told that an ID photo shows one', async ({ page }) => {
  await openPhotoTool(page);
  const two = await makeScene(page, {
    width: 1200,
    height: 1600,
    scene: 'portrait',
    background: '#ffffff',
    people: [{ x: 0.28, y: 0.3, box: 0.22 }, { x: 0.72, y: 0.3, box: 0.22 }],
    quality: 0.8,
  });
  await page.locator('input[name=photo]').setInputFiles({ name: 'two.jpg', mimeType: 'image/jpeg', buffer: two });
  await expect(page.locator('.looks')).toContainText("There are 2 faces in the photo; an ID photo shows you alone", { timeout: 30_000 });
  await expect(page.getByTestId('face-marks')).toHaveCount(0);
});

test('in the upload form, a photo that meets every rule but has its head too small is offered the crop around the face', async ({ browser }) => {
  // A fresh exam from preset 002 (its 报名照片: JPEG, at least 295 × 413), a candidate on a phone
  // past its notice and pledge (notice-then-pledge.spec.ts goes through their pages).
  const code = `fp${Date.now() % 100000}`;
  const { phone, page } = await candidateOnFreshExam(browser, '002', code, '人脸考生', '13912345684', { width: 360, height: 780 });

  const photo = page.getByRole('region', { name: '报名照片' });
  const smallHead = await makeScene(page, {
    width: 900,
    height: 1200,
    scene: 'portrait',
    background: '#ffffff',
    people: [{ x: 0.5, y: 0.3, box: 0.3 }],
    quality: 0.9,
  });
  await photo.locator('#file-id_photo').setInputFiles({ name: 'me.jpg', mimeType: 'image/jpeg', buffer: smallHead });
  await expect(photo.getByText(/符合要求/).first()).toBeVisible();
  await expect(photo.locator('.looks')).toContainText(/头部约占照片高度的 4\d%，应不少于 67%；请靠近镜头重新拍摄，或点“自动调整”按人脸裁剪/, { timeout: 30_000 });
  await expect(photo.getByTestId('face-marks')).toBeVisible();
  await photo.getByRole('button', { name: '自动调整' }).click();
  await expect(photo.locator('.fit-note')).toContainText('已自动调整');
  await expect(photo.getByText('清晰度、亮度、背景和人脸位置未见问题')).toBeVisible({ timeout: 30_000 });
  await expectAccessible(page);
  await photo.getByRole('button', { name: '上传', exact: true }).click();
  await expect(photo.getByText('顺序号 1')).toBeVisible();
  await phone.close();
});
