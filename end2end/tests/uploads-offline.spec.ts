import { Browser, expect, Page, test } from '@playwright/test';
import { beijing, call, candidateOnFreshExam, choose, codeFetchedWhenLive, countUploads, deviceRecordsCode, expectAccessible, keptInOfflineCopy, makePicture, open, reopenedOffline, stored, switchLanguage } from './support';

// Issue 11: a file chosen on a dead network waits on the phone (待上传, with its thumbnail) and
// goes up once when the network returns — after a closed tab, from two tabs, and when the first
// answer was lost on the way back. A deadline that passes while items wait refuses them, and the
// refusal stays shown. When the browser will not promise to keep the site's storage, or cannot keep
// anything, the page says so and the file still goes up. A fresh exam from preset 000 keeps the
// demo exams as the other tests expect.
test.use({ viewport: { width: 390, height: 844 } });

test('files chosen offline wait on the phone and go up exactly once: after a closed tab, from two tabs, and when an answer is lost', async ({ browser }) => {
  const code = `upq${Date.now() % 100000}`;
  const { phone, page: firstPage } = await candidateOnFreshExam(browser, '000', code, '离线上传', '13912345672');
  const uploads = countUploads(phone);
  let page = firstPage;

  // The network dies; both sides of the ID card are chosen and wait on the phone with thumbnails.
  await phone.setOffline(true);
  const idCard = page.getByRole('region', { name: '身份证' });
  await choose(page, '身份证', '#file-id_card', 'front.jpg');
  await expect(idCard.locator('select[name=slot]')).not.toContainText('正面');
  await choose(page, '身份证', '#file-id_card', 'back.jpg');
  const queued = idCard.getByTestId('queued-item');
  await expect(queued).toHaveCount(2);
  await expect(queued.first()).toContainText('front.jpg');
  await expect(queued.first().getByTestId('queued-state')).toContainText('待上传');
  await expect.poll(() => queued.first().locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expect(page.getByTestId('queue-warning')).toContainText('还有 2 项操作保存在本机');
  await expectAccessible(page);
  expect(uploads()).toBe(0);

  // The tab is closed; the network returns; the page opened again sends both, once each.
  await page.close();
  await phone.setOffline(false);
  page = await phone.newPage();
  await open(page, `/exams/${code}`);
  await expect(page.getByRole('region', { name: '身份证' })).toContainText('已上传 2 张 / 需 2 张');
  await expect(page.getByTestId('queued-item')).toHaveCount(0);
  await expect(page.getByTestId('queue-warning')).toHaveCount(0);
  expect(uploads()).toBe(2);
  expect((await stored(page.request, code, 'id_card')).sort()).toEqual(['back.jpg', 'front.jpg']);

  // Two tabs on the same exam; offline, one queues a diploma; online again, only one tab sends it.
  const second = await phone.newPage();
  await open(second, `/exams/${code}`);
  await phone.setOffline(true);
  await choose(page, '学历学位材料', '#file-education', 'diploma.jpg');
  await expect(page.getByRole('region', { name: '学历学位材料' }).getByTestId('queued-item')).toHaveCount(1);
  await phone.setOffline(false);
  await expect(page.getByRole('region', { name: '学历学位材料' })).toContainText('已上传 1 张');
  await expect(page.getByRole('region', { name: '学历学位材料' }).getByTestId('queued-item')).toHaveCount(0);
  await second.reload();
  await expect(second.getByRole('region', { name: '学历学位材料' })).toContainText('已上传 1 张');
  expect(uploads()).toBe(3);
  expect(await stored(page.request, code, 'education')).toEqual(['diploma.jpg']);
  await second.close();

  // The server stores the next file but its answer is lost on the way back: the phone sends the
  // same action again with the same key, the server answers with its first answer, nothing twice.
  let dropped = false;
  await page.route('**/api/materials', async (route) => {
    if (dropped) return route.continue();
    dropped = true;
    await route.fetch();
    await route.abort('connectionreset');
  });
  await choose(page, '个人履历材料', '#file-work_resume', 'resume.jpg');
  const resume = page.getByRole('region', { name: '个人履历材料' });
  await expect(resume).toContainText('已上传 1 张', { timeout: 20_000 });
  expect(dropped).toBe(true);
  expect(uploads()).toBe(5);
  expect(await stored(page.request, code, 'work_resume')).toEqual(['resume.jpg']);

  // A delete made offline waits (待删除) and is sent when the network returns.
  await phone.setOffline(true);
  await resume.getByRole('button', { name: '删除' }).click();
  await resume.getByRole('button', { name: '确认删除' }).click();
  await expect(resume.locator('li.material')).toContainText('待删除');
  await expect(resume.getByTestId('queued-item')).toContainText('删除顺序号 1 的图片');
  await phone.setOffline(false);
  await expect(resume.locator('li.material')).toHaveCount(0);
  expect(await stored(page.request, code, 'work_resume')).toEqual([]);
});

test('a deadline that passes while a file waits: the page warns before, the server refuses after, and the refusal stays shown', async ({ browser }) => {
  const code = `upl${Date.now() % 100000}`;
  const { admin, phone, page } = await candidateOnFreshExam(browser, '000', code, '截止考生', '13912345673');

  await phone.setOffline(true);
  await choose(page, '身份证', '#file-id_card', 'late.jpg');
  // Before the deadline, next to the countdown: something still waits to be sent.
  await expect(page.getByTestId('countdown')).toBeVisible();
  await expect(page.getByTestId('queue-warning')).toContainText('截止后服务器将不再接收');

  // The window closes while the phone is offline; the network returns; the server's clock rules.
  await call(admin.request, 'admin_set_windows', { code, windows_local: [beijing(-2 * 24 * 60), beijing(-1), beijing(24 * 60), beijing(2 * 24 * 60)] });
  await phone.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  const idCard = page.getByRole('region', { name: '身份证' });
  const refused = idCard.getByTestId('queued-item');
  await expect(refused.getByTestId('queued-state')).toContainText('未被服务器接受');
  await expect(refused.getByRole('alert')).toContainText('上传已于');
  expect(await stored(page.request, code, 'id_card')).toEqual([]);

  // Kept for the candidate to see, after a reload too, until they remove it; in English as well.
  await page.reload();
  await expect(page.getByRole('region', { name: '身份证' }).getByTestId('queued-item')).toContainText('late.jpg');
  await switchLanguage(page, 'English');
  await expect(page.getByRole('region', { name: 'ID card' }).getByTestId('queued-state')).toContainText('Not accepted by the server');
  await expectAccessible(page);
  await page.getByRole('region', { name: 'ID card' }).getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByTestId('queued-item')).toHaveCount(0);
});

/**
 * A new candidate on a fresh exam whose browser runs `browserQuirk` on every page, with the exam
 * page open again (hydrated) under it and the network down.
 */
async function offlineCandidateWhoseBrowser(browser: Browser, code: string, name: string, mobile: string, browserQuirk: () => void): Promise<Page> {
  const { phone, page } = await candidateOnFreshExam(browser, '000', code, name, mobile);
  await phone.addInitScript(browserQuirk);
  await open(page, `/exams/${code}`);
  await phone.setOffline(true);
  return page;
}

test('the page says when the phone will not promise to keep what waits, or cannot keep it at all, and still sends it', async ({ browser }) => {
  const stamp = Date.now() % 100000;

  // The browser grants the request to keep the site's storage: nothing to say.
  const granted = await offlineCandidateWhoseBrowser(browser, `usg${stamp}`, '存储同意', '13912345676', () => {
    Object.defineProperty(StorageManager.prototype, 'persist', { value: () => Promise.resolve(true) });
  });
  await choose(granted, '身份证', '#file-id_card', 'granted.jpg');
  await expect(granted.getByTestId('queued-item')).toHaveCount(1);
  await expect(granted.getByTestId('queue-warning')).toBeVisible();
  await expect(granted.getByTestId('device-storage-note')).toHaveCount(0);

  // It refuses: the queue is kept, but the candidate is told the browser may clear it.
  const refused = await offlineCandidateWhoseBrowser(browser, `usr${stamp}`, '存储拒绝', '13912345677', () => {
    Object.defineProperty(StorageManager.prototype, 'persist', { value: () => Promise.resolve(false) });
  });
  await choose(refused, '身份证', '#file-id_card', 'refused.jpg');
  await expect(refused.getByTestId('queued-item')).toHaveCount(1);
  await expect(refused.getByTestId('device-storage-note')).toContainText('浏览器可能清除尚未发送的材料');

  // The device cannot keep anything (a private window, a full disk): the file waits in the open
  // page alone, the candidate is told to get online before closing it, and it goes up when they do.
  const unkeptCode = `usu${stamp}`;
  const unkept = await offlineCandidateWhoseBrowser(browser, unkeptCode, '无法存储', '13912345669', () => {
    const transaction = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, names: string | string[], mode?: IDBTransactionMode) {
      const stores = Array.isArray(names) ? names : [names];
      if (mode === 'readwrite' && stores.includes('outbox')) throw new DOMException('the disk is full', 'QuotaExceededError');
      return transaction.call(this, names, mode);
    } as typeof IDBDatabase.prototype.transaction;
  });
  await choose(unkept, '身份证', '#file-id_card', 'unkept.jpg');
  const idCard = unkept.getByRole('region', { name: '身份证' });
  await expect(idCard.getByTestId('queued-item')).toContainText('unkept.jpg');
  await expect(unkept.getByTestId('device-storage-note')).toContainText('待发送的材料只在本页打开时保留');
  await expectAccessible(unkept);
  await unkept.context().setOffline(false);
  await expect(idCard).toContainText('已上传 1 张', { timeout: 20_000 });
  await expect(idCard.getByTestId('queued-item')).toHaveCount(0);
  expect(await stored(unkept.request, unkeptCode, 'id_card')).toEqual(['unkept.jpg']);
});

test('the exam page opens offline from the copy the phone kept, says so, and still holds what waits', async ({ browser }) => {
  const code = `upo${Date.now() % 100000}`;
  const { phone, page: firstPage } = await candidateOnFreshExam(browser, '000', code, '离线副本', '13912345674');
  let page = firstPage;
  // The offline copy is kept by the service worker from the first page it controls.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
  await page.reload();
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1);
  await expect(page.getByTestId('offline-banner')).toHaveCount(0);
  // What the page fetches as soon as it is live, the code that judges files and keeps them, is in
  // the copy once it has arrived (a network that dies before then leaves the page saying it cannot
  // judge or keep); so is, after the first load, the code that reads what was kept back.
  const needed = [...(await codeFetchedWhenLive(page)), ...(await deviceRecordsCode(page))];
  await expect.poll(() => keptInOfflineCopy(page), { timeout: 30_000 }).toEqual(expect.arrayContaining(needed));

  // Offline, a file is chosen and the tab closed; the page opened again offline is the kept copy.
  await phone.setOffline(true);
  await choose(page, '身份证', '#file-id_card', 'copy.jpg');
  page = await reopenedOffline(phone, page, `/exams/${code}`);
  const idCard = page.getByRole('region', { name: '身份证' });
  await expect(idCard.getByTestId('queued-item')).toContainText('copy.jpg');
  await expect(idCard.getByTestId('queued-state')).toContainText('待上传');
  await expectAccessible(page);

  // The network returns: the banner goes, the file goes up once and the page shows it stored.
  await phone.setOffline(false);
  await expect(page.getByTestId('offline-banner')).toHaveCount(0);
  await expect(idCard).toContainText('已上传 1 张', { timeout: 20_000 });
  await expect(idCard.getByTestId('queued-item')).toHaveCount(0);
  expect(await stored(page.request, code, 'id_card')).toEqual(['copy.jpg']);
});

/** The device's pending queue as the page sees it: each record's key, and where its picture is kept. */
async function devicePendingQueue(page: Page): Promise<{ key: string; inline: number; apart: number }[]> {
  return page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      const request = indexedDB.open('zige');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const read = (store: string, op: (s: IDBObjectStore) => IDBRequest): Promise<any> =>
      new Promise((resolve, reject) => {
        const request = op(db.transaction(store).objectStore(store));
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const keys: string[] = (await read('outbox', (s) => s.getAllKeys())).map(String);
    const found = [];
    for (const key of keys) {
      const record = await read('outbox', (s) => s.get(key));
      const apart = await read('outbox_bytes', (s) => s.get(key));
      found.push({ key, inline: record.bytes?.length ?? 0, apart: apart?.length ?? 0 });
    }
    db.close();
    return found;
  });
}

test('a picture queued before an update goes up after it, and the device store never holds back a newer build', async ({ browser }) => {
  const code = `upu${Date.now() % 100000}`;
  const { phone, page: firstPage } = await candidateOnFreshExam(browser, '000', code, '升级考生', '13912345675');
  let page = firstPage;
  const uploads = countUploads(phone);

  // Offline, a picture is chosen: its bytes are kept apart from the action, so reading the queue
  // before every send does not read every waiting picture again.
  await phone.setOffline(true);
  await choose(page, '身份证', '#file-id_card', 'before-update.jpg');
  await expect.poll(async () => (await devicePendingQueue(page)).length).toBe(1);
  const [kept] = await devicePendingQueue(page);
  expect(kept.inline).toBe(0);
  expect(kept.apart).toBeGreaterThan(1000);

  // The record is put back in the shape the builds before this one wrote, as a phone that queued
  // it before the update holds it: the action as JSON text, the picture inside the record.
  const { draft_key: owner } = await call(page.request, 'exam_page', { code });
  const olderAction = JSON.stringify({
    key: kept.key,
    owner,
    exam_code: code,
    order: Date.now(),
    kind: { Upload: { category: 'id_card', seq_no: 1, file_name: 'before-update.jpg', replaces: null, byte_len: kept.apart } },
    refusal: null,
  });
  await page.evaluate(async ({ key, meta }) => {
    const db: IDBDatabase = await new Promise((resolve) => {
      const request = indexedDB.open('zige');
      request.onsuccess = () => resolve(request.result);
    });
    const tx = db.transaction(['outbox', 'outbox_bytes'], 'readwrite');
    const queue = tx.objectStore('outbox');
    const pictures = tx.objectStore('outbox_bytes');
    const bytes = await new Promise<any>((resolve) => { const r = pictures.get(key); r.onsuccess = () => resolve(r.result); });
    queue.put({ meta, bytes }, key);
    pictures.delete(key);
    await new Promise((resolve) => { tx.oncomplete = resolve; });
    db.close();
  }, { key: kept.key, meta: olderAction });
  expect(await devicePendingQueue(page)).toEqual([{ key: kept.key, inline: kept.apart, apart: 0 }]);

  // Reopened online: the picture goes up once, whole, and leaves the device.
  await page.close();
  await phone.setOffline(false);
  page = await phone.newPage();
  await open(page, `/exams/${code}`);
  const idCard = page.getByRole('region', { name: '身份证' });
  await expect(idCard).toContainText('已上传 1 张', { timeout: 20_000 });
  expect(uploads()).toBe(1);
  const exam = await call(page.request, 'exam_page', { code });
  const materials = exam.categories.find((c: any) => c.code === 'id_card').materials;
  expect(materials.map((m: any) => [m.original_name, m.bytes])).toEqual([['before-update.jpg', kept.apart]]);
  await expect.poll(async () => (await devicePendingQueue(page)).length).toBe(0);

  // A newer build opened beside this page upgrades the device's store at once: this page holds no
  // connection open that would make the newer one wait (and with it, its drafts and pending queue).
  const upgraded = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const request = indexedDB.open('zige', 1000);
        request.onblocked = () => resolve('blocked');
        request.onsuccess = () => {
          request.result.close();
          resolve('upgraded');
        };
        request.onerror = () => resolve(`error: ${request.error}`);
      }),
  );
  expect(upgraded).toBe('upgraded');
});

// Issue 31: an upload's answer makes the page fetch its data again and draw every category anew;
// a file chosen meanwhile in another category, and not sent yet, must still be there afterwards —
// also when the network drops just as the page asks for its data again.
test('a file chosen in one category while another category\'s upload is answered stays chosen, and goes up', async ({ browser }) => {
  const code = `upr${Date.now() % 100000}`;
  const { phone, page } = await candidateOnFreshExam(browser, '000', code, '竞速考生', '13912345674');
  const idCard = page.getByRole('region', { name: '身份证' });
  const education = page.getByRole('region', { name: '学历学位材料' });
  const diploma = await makePicture(page, { width: 300, height: 400 });

  // The server stores the ID card, and its answer is held back while a diploma is chosen.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/materials', async (route) => {
    const answer = await route.fetch();
    await held;
    await route.fulfill({ response: answer });
  });
  await choose(page, '身份证', '#file-id_card', 'front.jpg');
  await education.locator('#file-education').setInputFiles({ name: 'diploma.jpg', mimeType: 'image/jpeg', buffer: diploma });
  await expect(education.getByText('提示（仍可上传）')).toBeVisible();
  // The answer arrives; the page's data comes again and every category is drawn anew.
  release();
  await expect(idCard).toContainText('已上传 1 张');
  await expect(education.locator('.chosen')).toContainText('diploma.jpg');
  await page.unroute('**/api/materials');

  // The same race, and the network drops as the page asks for its data: the page stays as it was.
  let releaseData!: () => void;
  const dataHeld = new Promise<void>((resolve) => (releaseData = resolve));
  let asked = false;
  await page.route('**/api/exam_page', async (route) => {
    asked = true;
    await dataHeld;
    await route.abort('internetdisconnected');
  });
  await choose(page, '身份证', '#file-id_card', 'back.jpg');
  await expect.poll(() => asked).toBe(true);
  await phone.setOffline(true);
  releaseData();
  await expect(page.getByRole('alert').filter({ hasText: '网络连接失败' }).first()).toBeVisible();
  await expect(education.locator('.chosen')).toContainText('diploma.jpg');
  // Still offline, the diploma is sent: it waits on the phone, and goes up when the network returns.
  await education.getByRole('button', { name: '上传', exact: true }).click();
  await expect(education.getByTestId('queued-item')).toHaveCount(1);
  await page.unroute('**/api/exam_page');
  await phone.setOffline(false);
  await expect(education).toContainText('已上传 1 张', { timeout: 20_000 });
  await expect(idCard).toContainText('已上传 2 张');
  expect(await stored(page.request, code, 'education')).toEqual(['diploma.jpg']);
  expect((await stored(page.request, code, 'id_card')).sort()).toEqual(['back.jpg', 'front.jpg']);
});
