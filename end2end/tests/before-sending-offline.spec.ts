import { BrowserContext, expect, Page, test } from '@playwright/test';
import { adminContext, call, expectAccessible, keptInOfflineCopy, makeScene, reopenedOffline, signUpCandidate, splitFiles, stored } from './support';
import fs from 'fs';
import path from 'path';

// Issue 68, as its "done means" says, on exam 004 at 360 px and with the network down: a candidate
// who has been on the exam page once online (the photo tools, the face detector's model and, after
// one PDF, the PDF pages' chunk are then in the offline copy) opens it again offline, and
//  - a badly framed 12 MP selfie is told why, and 自动调整 gives in one press an ID photo that meets
//    the exam's rules, its head where the frame wants it;
//  - 学信网's 备案表 as downloaded (a PDF: vector text in an embedded CJK font, the holder's photo, the
//    verification's QR code; `fixtures/xuexin-record.pdf`, made by the server's example
//    `xuexin_record_pdf`) becomes one JPEG inside 004's 400–600 KB at 200 dpi or more, its QR read;
// both wait on the phone and go up when the network returns. Only JPEGs reach the server.
test.use({ viewport: { width: 360, height: 780 } });

const RECORD_PDF = fs.readFileSync(path.join(__dirname, 'fixtures', 'xuexin-record.pdf'));

/** How many uploads the server answered (tries that never left the phone, offline, do not count). */
function answeredUploads(context: BrowserContext): () => number {
  let answered = 0;
  context.on('response', (response) => {
    const request = response.request();
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/materials') answered += 1;
  });
  return () => answered;
}

test('offline, a badly framed selfie is fixed in one press and the 备案表 PDF becomes a JPEG that passes; both go up when the network returns', async ({ browser }) => {
  const code = `bso${Date.now() % 100000}`;
  // Exam 004 as shipped, but open to every candidate (the shipped one takes its listed candidates,
  // each with five days from their text).
  const admin = await adminContext(browser);
  await call(admin.request, 'admin_create_exam', { preset: '004', code, source: '' });
  const { source } = await call(admin.request, 'admin_exam_detail', { code });
  expect(source).toContain('eligibility = "list"');
  const open = source.replace('eligibility = "list"', 'eligibility = "everyone"').replace(/^upload_days_after_notice = .*$/m, '');
  await call(admin.request, 'admin_save_exam', { code, source: open });

  const phone = await browser.newContext({ baseURL: test.info().project.use.baseURL, viewport: { width: 360, height: 780 } });
  const uploads = answeredUploads(phone);
  const first = await phone.newPage();
  await signUpCandidate(first, '离线备案考生', '13912345685');
  await call(first.request, 'accept_pledge', { code });
  await first.goto(`/exams/${code}`);
  await first.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
  await first.reload();
  await expect(first.locator('body[data-hydrated="true"]')).toHaveCount(1);

  // Online once: a PDF chosen (its chunk fetched), then the choice dropped by leaving the page.
  const recordRegion = (page: Page) => page.getByRole('region', { name: '教育部学历证书电子注册备案表（国民教育本科）' });
  await recordRegion(first).locator('#file-chsi_record').setInputFiles({ name: '备案表.pdf', mimeType: 'application/pdf', buffer: RECORD_PDF });
  await expect(recordRegion(first).locator('.chosen')).toContainText('备案表 第1页.jpg', { timeout: 60_000 });
  const needed = (await splitFiles(first, ['photo_tools', 'pdf_pages'])).concat('/face/seeta_fd_frontal_v1.0.bin');
  await expect.poll(() => keptInOfflineCopy(first), { timeout: 30_000 }).toEqual(expect.arrayContaining(needed));
  expect(uploads()).toBe(0);

  // The network dies; the exam page comes from the offline copy.
  const page = await reopenedOffline(phone, first, `/exams/${code}`);

  // A 12 MP selfie at arm's length: too many bytes, the head small and off to the left.
  const photo = page.getByRole('region', { name: '个人证件照' });
  const selfie = await makeScene(page, {
    width: 3000,
    height: 4000,
    scene: 'portrait',
    background: '#ffffff',
    people: [{ x: 0.36, y: 0.22, box: 0.16 }],
    quality: 0.9,
  });
  await photo.locator('#file-id_photo').setInputFiles({ name: 'selfie.jpg', mimeType: 'image/jpeg', buffer: selfie });
  await expect(photo.getByRole('alert').first()).toContainText('超过上限 400 KB');
  await expect(photo.locator('.looks')).toContainText(/头部约占照片高度的 2\d%，应不少于 67%/, { timeout: 30_000 });
  await expect(photo.getByTestId('face-marks')).toBeVisible();
  await photo.getByRole('button', { name: '自动调整' }).click();
  await expect(photo.locator('.fit-note')).toContainText('已自动调整', { timeout: 30_000 });
  await expect(photo.locator('.chosen.ok')).toContainText('符合要求');
  await expect(photo.getByText('清晰度、亮度、背景和人脸位置未见问题')).toBeVisible({ timeout: 30_000 });
  await photo.getByRole('button', { name: '上传', exact: true }).click();
  await expect(photo.getByTestId('queued-item').getByTestId('queued-state')).toContainText('待上传');

  // The 备案表 as 学信网 hands it out: one page, inside the window, its QR code read.
  const record = recordRegion(page);
  await record.locator('#file-chsi_record').setInputFiles({ name: '备案表.pdf', mimeType: 'application/pdf', buffer: RECORD_PDF });
  const chosen = record.locator('.chosen');
  await expect(chosen).toContainText('备案表 第1页.jpg', { timeout: 60_000 });
  await expect(chosen).toContainText('符合要求');
  await expect(record).toContainText('已识别二维码：学信网在线验证报告（验证码 A7KQ9X2MPL4W83ZD）');
  await expectAccessible(page);
  await page.screenshot({ path: test.info().outputPath('before-sending-offline.png'), fullPage: true });
  await record.getByRole('button', { name: '上传', exact: true }).click();
  await expect(record.getByTestId('queued-item').getByTestId('queued-state')).toContainText('待上传');
  expect(uploads()).toBe(0);

  // The network returns: both go up, once each; the server holds two JPEGs.
  await phone.setOffline(false);
  await expect(photo).toContainText('已上传 1 张', { timeout: 30_000 });
  await expect(record).toContainText('已上传 1 张', { timeout: 30_000 });
  expect(uploads()).toBe(2);
  expect(await stored(page.request, code, 'id_photo')).toEqual(['selfie.jpg']);
  expect(await stored(page.request, code, 'chsi_record')).toEqual(['备案表 第1页.jpg']);
  await phone.close();
});
