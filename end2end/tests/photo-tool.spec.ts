import * as fs from 'fs';
import { expect, Locator, Page, test } from '@playwright/test';
import { candidateOnFreshExam, clickToNextPage, expectAccessible, keptInOfflineCopy, makePicture, open, reopenedOffline, signUpCandidate, splitFiles } from './support';

// The photo tool in the upload form, on a phone's screen: a picture refused only for what the
// browser can fix is offered 自动调整; the result is judged again and sent only on 上传.
test.use({ viewport: { width: 360, height: 780 } });

test('a phone photo that breaks only fixable rules is fitted in the browser and stored inside the limit', async ({ page }) => {
  await signUpCandidate(page, '照片考生', '13912345678');
  await clickToNextPage(page, page.locator('li.exam-card[data-exam="000"]').getByRole('link', { name: '进入考试' }));
  await page.getByLabel('我已认真阅读并同意以上承诺').check();
  await page.getByRole('button', { name: '同意并进入下一步' }).click();

  // A large noisy PNG: the wrong format and several times 300 KB, both of which the tool fixes.
  const diplomas = page.getByRole('region', { name: '学历学位材料' });
  const png = await makePicture(page, { width: 1500, height: 2000, type: 'image/png', noise: true });
  expect(png.length).toBeGreaterThan(1024 * 1024);
  await diplomas.locator('#file-education').setInputFiles({ name: 'diploma.png', mimeType: 'image/png', buffer: png });
  await expect(diplomas.getByRole('alert').first()).toContainText('超过上限 300 KB');
  await diplomas.getByRole('button', { name: '自动调整' }).click();

  // What it did, in words and pictures; the fitted file passes the same rules.
  await expect(diplomas.locator('.fit-note')).toContainText(/已自动调整：[\d.]+ MB → [\d.]+ KB，1500×2000 → \d+×\d+，已转为 JPEG/);
  await expect(diplomas.getByText('符合要求')).toBeVisible();
  await expect(diplomas.locator('.fit-previews img')).toHaveCount(2);
  await expectAccessible(page);

  const sent = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/materials');
  await diplomas.getByRole('button', { name: '上传', exact: true }).click();
  const request = await sent;
  await request.response();
  expect((await request.sizes()).requestBodySize).toBeLessThan(300 * 1024 + 2048);
  await expect(diplomas.locator('li.material')).toHaveCount(1);
  await expect(diplomas.locator('li.material')).toContainText('diploma.jpg');
});

test('证件照处理 needs no account: a 4:3 photo is fitted to 004\'s 3:4 ID photo rule and downloaded', async ({ page }) => {
  await open(page, '/login');
  await clickToNextPage(page, page.getByRole('link', { name: '证件照处理' }));
  await expect(page.getByRole('heading', { name: '证件照处理' })).toBeVisible();
  await page.getByLabel('考试与照片要求').selectOption({ label: '004 在职干部研究生报名（示例考试） · 个人证件照' });
  const photo = await makePicture(page, { width: 1600, height: 1200, quality: 0.95, noise: true });
  await page.locator('input[name=photo]').setInputFiles({ name: 'me.jpg', mimeType: 'image/jpeg', buffer: photo });
  await expect(page.getByRole('alert').first()).toContainText('宽高比');
  // The crop box starts around the centre; the keyboard shrinks it (−) and moves it right.
  const box = page.getByRole('button', { name: /^裁切框/ });
  const before = await box.getAttribute('style');
  await box.focus();
  await page.keyboard.press('-');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  expect(await box.getAttribute('style')).not.toEqual(before);
  await page.getByRole('button', { name: '自动调整' }).click();
  // 900×1200 around the centre, one step smaller: the kept part is 857×1143.
  await expect(page.locator('.fit-note')).toContainText(/已自动调整：.*1600×1200 → 857×1143，已按要求的比例裁切/);
  await expect(page.getByText('符合要求', { exact: true })).toBeVisible();
  await expectAccessible(page);

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: '下载调整后的照片' }).click();
  const saved = fs.readFileSync(await (await download).path());
  expect(saved.length).toBeGreaterThanOrEqual(100 * 1024);
  expect(saved.length).toBeLessThanOrEqual(400 * 1024);
});

// The tool's code is fetched on demand (issue 11: it is not in any page's first load). Once the
// offline copy keeps it, it works with the network down; where it could not be fetched, the
// place says so and it arrives on 重试.
/** The WASM files the offline copy keeps, by path. */
async function keptCode(page: Page): Promise<string[]> {
  return (await keptInOfflineCopy(page)).filter((path) => path.endsWith('.wasm'));
}

async function refusedPng(page: Page): Promise<Locator> {
  const diplomas = page.getByRole('region', { name: '学历学位材料' });
  const png = await makePicture(page, { width: 1500, height: 2000, type: 'image/png', noise: true });
  await diplomas.locator('#file-education').setInputFiles({ name: 'diploma.png', mimeType: 'image/png', buffer: png });
  await expect(diplomas.getByRole('alert').first()).toContainText('超过上限 300 KB');
  return diplomas;
}

test('the photo tool is kept for offline: with the network down a refused photo is still fitted', async ({ browser }) => {
  const code = `pto${Date.now() % 100000}`;
  const { phone, page: first } = await candidateOnFreshExam(browser, '000', code, '离线照片', '13912345673');
  await first.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
  await first.reload();
  await expect(first.locator('body[data-hydrated="true"]')).toHaveCount(1);
  // Every file of the tool's chunk lands in the offline copy, without the candidate doing anything.
  const toolFiles = await splitFiles(first, ['photo_tools']);
  expect(toolFiles.length).toBeGreaterThan(0);
  await expect.poll(() => keptCode(first), { timeout: 30_000 }).toEqual(expect.arrayContaining(toolFiles));

  const page = await reopenedOffline(phone, first, `/exams/${code}`);
  const diplomas = await refusedPng(page);
  await diplomas.getByRole('button', { name: '自动调整' }).click();
  await expect(diplomas.locator('.fit-note')).toContainText(/已自动调整：[\d.]+ MB → [\d.]+ KB/);
  await expect(diplomas.getByText('符合要求')).toBeVisible();

  // A new build: the kept chunks belong to the old main module, so they are dropped when the new
  // one arrives (here on 我的考试, which has no upload form to fetch them again); what stays is the
  // new main module and the chunks of 我的考试's own island (app/src/island_in_chunk.rs).
  await phone.setOffline(false);
  await page.evaluate(async () => {
    const kept = await caches.open('zige-shell-v1');
    const old = await kept.match('/pkg/zige.wasm');
    const headers = new Headers(old!.headers);
    headers.set('last-modified', 'Thu, 01 Jan 2026 00:00:00 GMT');
    headers.delete('content-encoding'); // the body kept is already decoded
    headers.delete('content-length');
    await kept.put('/pkg/zige.wasm', new Response(await old!.arrayBuffer(), { headers }));
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { name: '我的考试' })).toBeVisible();
  const homeFiles = await splitFiles(page, ['home_page']);
  expect(homeFiles).toContain('/pkg/split_home_page.wasm');
  await expect
    .poll(async () => (await keptCode(page)).sort(), { timeout: 30_000 })
    .toEqual(['/pkg/zige.wasm', ...homeFiles].sort());
});

test.describe('without the offline copy', () => {
  test.use({ serviceWorkers: 'block' });

  test('a photo tool that could not be fetched is said so, and arrives on 重试', async ({ page }) => {
    const tool = '**/pkg/split_photo_tools.wasm';
    await page.route(tool, (route) => route.abort('internetdisconnected'));
    await signUpCandidate(page, '照片考生', '13912345678');
    await clickToNextPage(page, page.locator('li.exam-card[data-exam="000"]').getByRole('link', { name: '进入考试' }));
    await page.getByLabel('我已认真阅读并同意以上承诺').check();
    await page.getByRole('button', { name: '同意并进入下一步' }).click();

    const diplomas = await refusedPng(page);
    await expect(diplomas.getByRole('alert').filter({ hasText: '照片工具尚未下载到本机，联网后自动载入' })).toBeVisible();
    await expect(diplomas.getByRole('button', { name: '自动调整' })).toHaveCount(0);
    await expectAccessible(page);

    await page.unroute(tool);
    await diplomas.getByRole('button', { name: '重试' }).click();
    await diplomas.getByRole('button', { name: '自动调整' }).click();
    await expect(diplomas.locator('.fit-note')).toContainText('已自动调整');
    await expect(diplomas.getByText('符合要求')).toBeVisible();
  });
});
