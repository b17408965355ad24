import { Page, expect, test } from '@playwright/test';
import { adminContext, call, countUploads, expectAccessible, makePicture, makeScene, open, presetWithMaxCount, signUpCandidate, stored, switchLanguage } from './support';

// Seed 000 (issue 66): "建议先在电脑上将图片文件分好栏目，并在命名文件名中使用序号". A candidate
// chooses several scans for one category at once: each is judged in the browser as one file is,
// they go in the order of the numbers in their names (a name without one goes last), each takes the
// next free sequence number, the category's maximum counts them all, and only what passes is sent,
// once each — through the same pending queue, offline too.
test.use({ viewport: { width: 390, height: 844 } });

const KB = 1024;

/** A scanned A4 page at 200 DPI (1654 × 2339) within 000's 300 KB, each page its own print. */
async function scans(page: Page, count: number): Promise<Buffer[]> {
  let [low, high] = [0.3, 0.95];
  let quality = 0.6;
  for (let tries = 0; tries < 8; tries++) {
    quality = (low + high) / 2;
    const scan = await makeScene(page, { width: 1654, height: 2339, scene: 'page', quality });
    if (scan.length < 150 * KB) low = quality;
    else if (scan.length > 280 * KB) high = quality;
    else break;
  }
  const pages: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const scan = await makeScene(page, { width: 1654, height: 2339, scene: 'page', quality, holderId: `4403051990010${i}123X` });
    expect(scan.length, 'a seed-size scan under 000\'s 300 KB').toBeLessThan(300 * KB);
    pages.push(scan);
  }
  return pages;
}

test('several scans chosen at once go in the order of their names, each judged, the maximum counting them all, once each', async ({ browser }) => {
  const code = `sev${Date.now() % 100000}`;
  const admin = await adminContext(browser);
  // Preset 000 with at most three pictures of 学历学位材料.
  await presetWithMaxCount(admin, '000', code, 'education', 3);

  const phone = await browser.newContext({ baseURL: test.info().project.use.baseURL, viewport: { width: 390, height: 844 } });
  const uploads = countUploads(phone);
  const page = await phone.newPage();
  await signUpCandidate(page, '多文件', '13912345681');
  await call(page.request, 'accept_pledge', { code });
  await open(page, `/exams/${code}`);

  const [first, second, third, spare] = await scans(page, 4);
  const oversize = await makePicture(page, { width: 1654, height: 2339, noise: true });
  const region = page.getByRole('region', { name: '学历学位材料' });
  // Chosen in the order a file dialog lists them, not the order they should go in.
  await region.locator('#file-education').setInputFiles([
    { name: '3 学位证书.jpg', mimeType: 'image/jpeg', buffer: third },
    { name: '说明.jpg', mimeType: 'image/jpeg', buffer: spare },
    { name: '10 成绩单.jpg', mimeType: 'image/jpeg', buffer: oversize },
    { name: '1 毕业证书.jpg', mimeType: 'image/jpeg', buffer: first },
    { name: '2 毕业证书背面.jpg', mimeType: 'image/jpeg', buffer: second },
  ]);
  const chosen = region.getByRole('list', { name: '本次选择的文件' }).locator(':scope > li');
  await expect(chosen).toHaveCount(5, { timeout: 30_000 });
  await expect(chosen.nth(0)).toContainText('顺序号 1 · 1 毕业证书.jpg');
  await expect(chosen.nth(1)).toContainText('顺序号 2 · 2 毕业证书背面.jpg');
  await expect(chosen.nth(2)).toContainText('顺序号 3 · 3 学位证书.jpg');
  await expect(chosen.nth(0)).toContainText('符合要求');
  // Too large on its own: named with the rule and the numbers.
  await expect(chosen.nth(3)).toContainText('10 成绩单.jpg');
  await expect(chosen.nth(3)).toContainText('不会上传');
  await expect(chosen.nth(3).locator('[data-code=file_too_large]')).toContainText('300 KB');
  // Fine on its own, but a fourth for a category of three; and its name has no number.
  await expect(chosen.nth(4)).toContainText('说明.jpg');
  await expect(chosen.nth(4)).toContainText('文件名中没有序号');
  await expect(chosen.nth(4).locator('[data-code=too_many_files]')).toContainText('本类最多 3 张，已有 0 张，这次最多再传 3 张');
  await expectAccessible(page);
  expect(uploads()).toBe(0);

  // The three that pass go up, once each, in their order; the two that did not stay listed.
  await region.getByRole('button', { name: '上传 3 张' }).click();
  await expect(region).toContainText('已上传 3 张', { timeout: 30_000 });
  await expect(region.getByTestId('queued-item')).toHaveCount(0);
  expect(uploads()).toBe(3);
  const names = (await call(page.request, 'exam_page', { code })).categories
    .find((c: any) => c.code === 'education')
    .materials.map((m: any) => [m.seq_no, m.original_name]);
  expect(names.sort()).toEqual([
    [1, '1 毕业证书.jpg'],
    [2, '2 毕业证书背面.jpg'],
    [3, '3 学位证书.jpg'],
  ]);
  await expect(region.getByText('本类已达到张数上限')).toBeVisible();
  await expect(region.getByRole('list', { name: '本次选择的文件' }).locator(':scope > li')).toHaveCount(2);
  await expectAccessible(page);

  // In English and offline, three more for 其他材料 wait on the phone, in their order, then go up
  // once each when the network returns.
  await switchLanguage(page, 'English');
  await phone.setOffline(true);
  const other = page.getByRole('region', { name: 'Other materials' });
  await other.locator('#file-other').setInputFiles([
    { name: '其他2.jpg', mimeType: 'image/jpeg', buffer: second },
    { name: 'note.jpg', mimeType: 'image/jpeg', buffer: spare },
    { name: '其他1.jpg', mimeType: 'image/jpeg', buffer: first },
  ]);
  const listed = other.getByRole('list', { name: 'The files chosen' }).locator(':scope > li');
  await expect(listed).toHaveCount(3, { timeout: 30_000 });
  await expect(listed.nth(0)).toContainText('Seq. no. 1 · 其他1.jpg');
  await expect(listed.nth(2)).toContainText('Seq. no. 3 · note.jpg');
  await expect(listed.nth(2)).toContainText('The file name has no number');
  await other.getByRole('button', { name: 'Upload 3' }).click();
  const queued = other.getByTestId('queued-item');
  await expect(queued).toHaveCount(3);
  await expect(queued.first()).toContainText('其他1.jpg');
  expect(uploads()).toBe(3);
  await phone.setOffline(false);
  await expect(other).toContainText('3 uploaded', { timeout: 30_000 });
  expect(uploads()).toBe(6);
  expect((await stored(page.request, code, 'other')).sort()).toEqual(['note.jpg', '其他1.jpg', '其他2.jpg']);
  await phone.close();
});
