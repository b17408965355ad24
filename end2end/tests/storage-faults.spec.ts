import { expect, test } from '@playwright/test';
import { candidateOnFreshExam, choose, countUploads, expectAccessible, open, stored } from './support';

// Issue 53: the bucket refuses while a candidate uploads. The browser tests' site keeps its
// pictures in the test command's S3-compatible server behind a fault-injecting proxy
// (server/examples/storage_fault_proxy.rs), which this test tells to refuse and to let through
// again. The server answers 503 with Retry-After at once; the page says the server is busy, keeps
// the file on the phone and sends it again, with the same key, until it is stored — once.
test.use({ viewport: { width: 390, height: 844 } });

async function setBucketFault(fault: 'none' | 'refuse'): Promise<void> {
  const control = process.env.ZIGE_STORAGE_FAULTS;
  if (!control) throw new Error('ZIGE_STORAGE_FAULTS is not set: run the browser tests with ./scripts/test.sh');
  const answer = await fetch(`http://${control}/fault/${fault}`, { method: 'POST' });
  expect(answer.status).toBe(204);
}

test('the bucket refuses while a candidate uploads: the page says the server is busy, keeps the file, and it is stored once when the bucket returns', async ({ browser }) => {
  const code = `sfb${Date.now() % 100000}`;
  const { phone, page } = await candidateOnFreshExam(browser, '000', code, '存储故障', '13912345693');
  const uploads = countUploads(phone);
  const idCard = page.getByRole('region', { name: '身份证' });
  const queued = idCard.getByTestId('queued-item');

  await setBucketFault('refuse');
  try {
    await choose(page, '身份证', '#file-id_card', 'front.jpg');
    // Told the server is busy, the page keeps the file and says so.
    await expect(queued).toContainText('上次未发送成功：服务器繁忙，本次操作没有执行');
    await expect(queued.getByTestId('queued-state')).toContainText('已保存在本机');
    await expectAccessible(page);
    expect(await stored(page.request, code, 'id_card')).toEqual([]);
  } finally {
    await setBucketFault('none');
  }

  // The bucket is back: the page sends the same file again when it was told to, and it is stored.
  await expect(idCard).toContainText('已上传 1 张', { timeout: 20_000 });
  await expect(queued).toHaveCount(0);
  expect(uploads()).toBeGreaterThanOrEqual(2);
  expect(await stored(page.request, code, 'id_card')).toEqual(['front.jpg']);
  // Once: the page opened again lists one picture, and it is served.
  await open(page, `/exams/${code}`);
  await expect(page.getByRole('region', { name: '身份证' }).locator('li.material')).toHaveCount(1);
  const shown = page.getByRole('region', { name: '身份证' }).locator('li.material img').first();
  await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
});
