import { expect, test } from '@playwright/test';
import { call, candidateOnFreshExam, expectAccessible, open, switchLanguage } from './support';

// Issue 11: the personal form is kept on the device as it is typed and reaches the server when
// the network allows; a closed tab loses nothing, and two drafts that differ are both shown.
// A fresh exam from preset 002 (form and positions; open to everyone) keeps the demo exams as the
// other tests expect them.
test.use({ viewport: { width: 390, height: 844 } });

test('typing survives a dead network and a closed tab, goes up once the network is back, and a second draft is shown beside it', async ({ browser }) => {
  const code = `drf${Date.now() % 100000}`;
  const { phone, page: firstPage } = await candidateOnFreshExam(browser, '002', code, '离线考生', '13912345671');
  let page = firstPage;

  // The network dies; the candidate types on. The page keeps it on the phone and says so.
  await phone.setOffline(true);
  await page.getByLabel('毕业院校').fill('示例财经大学');
  await page.getByLabel('所学专业').fill('会计学');
  const status = page.getByTestId('draft-status');
  await expect(status).toContainText('已保存在本机');
  await expect(status).toContainText('联网后会自动同步');
  await page.close();

  // The tab was closed; the network returns; the page opened again brings the typing back and
  // sends it, once.
  await phone.setOffline(false);
  page = await phone.newPage();
  await open(page, `/exams/${code}`);
  await expect(page.getByLabel('毕业院校')).toHaveValue('示例财经大学');
  await expect(page.getByLabel('所学专业')).toHaveValue('会计学');
  await expect(page.getByTestId('draft-status')).toContainText('已同步');
  const stored = await call(page.request, 'exam_page', { code });
  expect(stored.form.school).toBe('示例财经大学');
  expect(stored.form.major).toBe('会计学');

  // Offline again, the phone changes the school; meanwhile another device saves another one.
  await phone.setOffline(true);
  await page.getByLabel('毕业院校').fill('手机上写的大学');
  await expect(page.getByTestId('draft-status')).toContainText('已保存在本机');
  await page.close();
  await phone.setOffline(false);
  await call(phone.request, 'save_application', { code, form: { ...stored.form, school: '电脑上写的大学' }, position: null, submit: false });

  // Neither is silently overwritten: both are shown, and the candidate chooses.
  page = await phone.newPage();
  await open(page, `/exams/${code}`);
  const choice = page.getByTestId('draft-choice');
  await expect(choice).toContainText('有两份不同的草稿');
  await expect(choice.getByRole('row', { name: /毕业院校/ })).toContainText('手机上写的大学');
  await expect(choice.getByRole('row', { name: /毕业院校/ })).toContainText('电脑上写的大学');
  await expectAccessible(page);
  await choice.getByRole('button', { name: '保留本机的修改' }).click();
  await expect(choice).toHaveCount(0);
  await expect(page.getByLabel('毕业院校')).toHaveValue('手机上写的大学');
  await expect(page.getByTestId('draft-status')).toContainText('已同步');
  expect((await call(page.request, 'exam_page', { code })).form.school).toBe('手机上写的大学');

  // In English (the page is loaded again in it), the same words, and the kept choice still there.
  await switchLanguage(page, 'English');
  await expect(page.getByLabel('University or college')).toHaveValue('手机上写的大学');
  await page.getByLabel('Speciality').fill('Accounting');
  await expect(page.getByTestId('draft-status')).toContainText('Synced at');
});

test('typing an older build kept on the phone comes back after the update', async ({ browser }) => {
  const code = `drv${Date.now() % 100000}`;
  const { phone, page: firstPage } = await candidateOnFreshExam(browser, '002', code, '升级考生', '13912345672');
  const { draft_key: key } = await call(firstPage.request, 'exam_page', { code });

  // The draft as the builds before this one kept it: JSON text, begun from a server copy that
  // has changed since, as on a phone that typed offline before the update.
  const older = JSON.stringify({ form: { school: '旧版本时写的大学' }, position: null, base: '0000000000000000', changed_at: '21:05:00' });
  await expect
    .poll(() =>
      firstPage.evaluate(
        async ({ key, older }) => {
          const db: IDBDatabase = await new Promise((resolve, reject) => {
            // As the older build opened it: with the drafts' store (the page itself opens the
            // database only once it has something to keep).
            const request = indexedDB.open('zige');
            request.onupgradeneeded = () => request.result.createObjectStore('drafts');
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          });
          try {
            const tx = db.transaction('drafts', 'readwrite');
            tx.objectStore('drafts').put(older, key);
            await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = reject; });
            return 'kept';
          } catch (notYet) {
            return String(notYet);
          } finally {
            db.close();
          }
        },
        { key, older },
      ),
    )
    .toBe('kept');
  await firstPage.close();

  // Opened again: the older typing is read (its reader arrives on demand) and offered beside the
  // server's copy; kept, it reaches the server.
  const page = await phone.newPage();
  await open(page, `/exams/${code}`);
  const choice = page.getByTestId('draft-choice');
  await expect(choice.getByRole('row', { name: /毕业院校/ })).toContainText('旧版本时写的大学');
  await choice.getByRole('button', { name: '保留本机的修改' }).click();
  await expect(page.getByLabel('毕业院校')).toHaveValue('旧版本时写的大学');
  await expect(page.getByTestId('draft-status')).toContainText('已同步');
  expect((await call(page.request, 'exam_page', { code })).form.school).toBe('旧版本时写的大学');
});
