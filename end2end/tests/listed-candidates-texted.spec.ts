import { expect, test } from '@playwright/test';
import { adminContext, call, clickToNextPage, expectAccessible, newResidentId, open, switchLanguage, waitForHydration } from './support';

// Seed 004, section 一 and 九.4: the administrator texts the listed candidates from 资格名单 (the
// demo's adapter accepts at once), and a listed candidate reads their own five days, counted from
// that day in China, on 我的考试 and on the exam page.
test('资格名单 texts the listed candidates and one reads their own five days', async ({ browser, baseURL }) => {
  const admin = await adminContext(browser);
  const code = `004-d${Date.now() % 100000}`;
  await call(admin.request, 'admin_create_exam', { preset: '004', code, source: '' });
  const page = await admin.newPage();
  await open(page, `/admin/exams/${code}`);
  const idNumber = newResidentId();
  await page.locator('textarea[name=csv]').fill(`身份证号,姓名,手机\n${idNumber},周五日,139 1234 5678\n${newResidentId()},没号码,\n`);
  await page.getByRole('button', { name: '导入', exact: true }).click();
  await expect(page.getByTestId('import-report')).toContainText('导入 2 行，名单内共 2 人；0 行有误');
  const desk = page.getByTestId('listed-candidates');
  await expect(desk.getByTestId('listed-counts')).toContainText('名单内 2 人：已送达 0，待发送 0，未通知 1，无手机号 1');
  await desk.getByRole('button', { name: '发送给未通知的考生' }).click();
  await expect(desk.getByTestId('texts-queued')).toHaveText('已排队发送 1 条短信；1 人没有手机号，未发送。');

  // The last day: five days after today in China, to its 24:00.
  const china = new Date(Date.now() + 8 * 3600_000);
  const last = new Date(Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), china.getUTCDate() + 5));
  const iso = last.toISOString().slice(0, 10);
  const [month, day] = [last.getUTCMonth() + 1, last.getUTCDate()];
  await expect(async () => {
    await page.reload();
    await waitForHydration(page);
    await expect(desk.getByTestId('listed-counts')).toContainText('已送达 1', { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  const row = desk.locator('tr', { hasText: '周五日' });
  await expect(row).toContainText('已送达');
  await expect(row).toContainText(`${iso} 24:00`);
  await expect(row).toContainText('139****5678');
  await expectAccessible(page);

  // The candidate signs up with the number the list names, as the text tells them.
  const phone = await browser.newContext({ baseURL, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const candidate = await phone.newPage();
  await open(candidate, '/signup');
  await candidate.getByLabel('证件号码').fill(idNumber);
  await candidate.getByLabel('姓名').fill('周五日');
  await candidate.getByLabel('手机号码').fill('13912345678');
  await candidate.getByLabel(/^密码/).fill('Exam2026pass');
  await clickToNextPage(candidate, candidate.getByRole('button', { name: '注册' }));
  const card = candidate.locator(`li.exam-card[data-exam="${code}"]`);
  await expect(card.getByTestId('own-days')).toHaveText(`请于 ${month}月${day}日 24:00 前上传并提交，逾期视为自动放弃。`);
  await expectAccessible(candidate);
  await clickToNextPage(candidate, card.getByRole('link', { name: '进入考试' }));
  await expect(candidate.getByTestId('own-days')).toHaveText(`请于 ${month}月${day}日 24:00 前上传并提交，逾期视为自动放弃。`);
  await switchLanguage(candidate, 'English');
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  await expect(candidate.getByTestId('own-days')).toHaveText(`Upload and submit by 24:00 on ${day} ${months[month - 1]}; after that your application lapses.`);
  expect(await candidate.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectAccessible(candidate);
  await phone.close();
  await page.close();
});
