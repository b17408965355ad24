import { expect, test } from '@playwright/test';
import { daysPassSinceTheText } from './days-pass';
import { textsAcceptedFor } from './sms-standin';
import { adminContext, call, clickToNextPage, expectAccessible, makePicture, newResidentId, open, switchLanguage, waitForHydration, signUpThroughTheCheck } from './support';

// Seed 004, section 一 and 九.4: the administrator texts the listed candidates from 资格名单
// through Alibaba Cloud's SendSms (its stand-in checks the signature, sign and template, as the
// gateway does); one listed candidate reads their own five days, counted from that day in China,
// on 我的考试 and on the exam page; another, six days after their text, finds their application
// lapsed (逾期放弃), as does the administrator's list.
test('资格名单 texts the listed candidates; one reads their own five days, another has lapsed', async ({ browser, baseURL }) => {
  const admin = await adminContext(browser);
  const code = `004-d${Date.now() % 100000}`;
  await call(admin.request, 'admin_create_exam', { preset: '004', code, source: '' });
  const page = await admin.newPage();
  await open(page, `/admin/exams/${code}`);
  const idNumber = newResidentId();
  const lateIdNumber = newResidentId();
  // Numbers of this run only, so the stand-in's texts to them are this test's: of a prefix no
  // other test uses (tests run side by side).
  const suffix = String(Date.now() % 10000).padStart(4, '0');
  const [mobile, lateMobile] = [`1361234${suffix}`, `1368765${suffix}`];
  await page.locator('textarea[name=csv]').fill(
    `身份证号,姓名,手机\n${idNumber},周五日,${mobile}\n${lateIdNumber},晚六日,${lateMobile}\n${newResidentId()},没号码,\n`,
  );
  await page.getByRole('button', { name: '导入', exact: true }).click();
  await expect(page.getByTestId('import-report')).toContainText('导入 3 行，名单内共 3 人；0 行有误');
  const panel = page.getByTestId('listed-candidates');
  await expect(panel.getByTestId('listed-counts')).toContainText('名单内 3 人：已送达 0，待发送 0，未通知 2，无手机号 1');
  await panel.getByRole('button', { name: '发送给未通知的考生' }).click();
  await expect(panel.getByTestId('texts-queued')).toHaveText('已排队发送 2 条短信；1 人没有手机号，未发送。');

  // The last day: five days after today in China, to its 24:00.
  const china = new Date(Date.now() + 8 * 3600_000);
  const last = new Date(Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), china.getUTCDate() + 5));
  const iso = last.toISOString().slice(0, 10);
  const [month, day] = [last.getUTCMonth() + 1, last.getUTCDate()];
  await expect(async () => {
    await page.reload();
    await waitForHydration(page);
    await expect(panel.getByTestId('listed-counts')).toContainText('已送达 2', { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  const row = panel.locator('tr', { hasText: '周五日' });
  await expect(row).toContainText('已送达');
  await expect(row).toContainText(`${iso} 24:00`);
  await expect(row).toContainText(`136****${suffix}`);
  await expectAccessible(page);

  // What the gateway was asked to send: the fourth template, the exam, where to go and the last
  // day; nothing that signs in.
  const [text] = await textsAcceptedFor(mobile);
  expect(text.template).toBe('SMS_LISTED_4');
  expect(text.params).toEqual({ exam: '在职干部研究生报名（示例考试）', address: new URL(baseURL!).host, last_day: `${month}月${day}日` });
  expect(await textsAcceptedFor(lateMobile)).toHaveLength(1);

  // The candidate signs up with the number the list names, as the text tells them.
  const phone = await browser.newContext({ baseURL, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const candidate = await phone.newPage();
  await open(candidate, '/signup');
  await candidate.getByLabel('证件号码').fill(idNumber);
  await candidate.getByLabel('姓名').fill('周五日');
  await candidate.getByLabel('手机号码').fill(mobile);
  await candidate.getByLabel('证件有效期至').fill('2036-05-01');
  await candidate.getByLabel(/^密码/).fill('Exam2026pass');
  await signUpThroughTheCheck(candidate, idNumber, '周五日');
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

  // Within their days they agree to the pledge and upload: the server takes the photo.
  await candidate.getByLabel('I have read the pledge above and agree to it').check();
  await candidate.getByRole('button', { name: 'Agree and continue' }).click();
  const photo = candidate.getByRole('region', { name: 'ID photo' });
  const good = await makePicture(candidate, { width: 450, height: 600, quality: 0.9, noise: true });
  await photo.locator('#file-id_photo').setInputFiles({ name: 'me.jpg', mimeType: 'image/jpeg', buffer: good });
  await expect(photo.getByText('meets the rules')).toBeVisible();
  await photo.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect(photo).toContainText('1 of 1 uploaded');
  await expect(candidate.getByTestId('own-days')).toBeVisible();
  await phone.close();

  // Six days after the other's text: their last day has gone by with nothing submitted.
  daysPassSinceTheText(code, lateIdNumber, 6);
  const lateDay = new Date(last.getTime() - 6 * 86400_000);
  const late = await browser.newContext({ baseURL, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const lateCandidate = await late.newPage();
  await open(lateCandidate, '/signup');
  await lateCandidate.getByLabel('证件号码').fill(lateIdNumber);
  await lateCandidate.getByLabel('姓名').fill('晚六日');
  await lateCandidate.getByLabel('手机号码').fill(lateMobile);
  await lateCandidate.getByLabel('证件有效期至').fill('2036-05-01');
  await lateCandidate.getByLabel(/^密码/).fill('Exam2026pass');
  await signUpThroughTheCheck(lateCandidate, lateIdNumber, '晚六日');
  const lapsed = `逾期放弃：您未在 ${lateDay.getUTCMonth() + 1}月${lateDay.getUTCDate()}日 24:00 前提交，已视为自动放弃。`;
  const lateCard = lateCandidate.locator(`li.exam-card[data-exam="${code}"]`);
  await expect(lateCard.getByTestId('own-days')).toHaveText(lapsed);
  // 逾期放弃 alone: the state says so too, never 未开始 beside it.
  await expect(lateCard.locator('.badge.state')).toHaveText('逾期放弃');
  await clickToNextPage(lateCandidate, lateCard.getByRole('link', { name: '进入考试' }));
  await expect(lateCandidate.getByTestId('own-days')).toHaveText(lapsed);
  await expect(lateCandidate.getByTestId('application-state')).toHaveText('逾期放弃');
  // No pledge to accept and nothing to upload: the entrance closed with their day.
  await expect(lateCandidate.getByTestId('entrance-closed')).toBeVisible();
  await expect(lateCandidate.getByRole('checkbox')).toHaveCount(0);
  await expectAccessible(lateCandidate);
  await late.close();

  await page.reload();
  await waitForHydration(page);
  await expect(panel.getByTestId('listed-counts')).toContainText('逾期放弃 1');
  await expect(panel.locator('tr', { hasText: '晚六日' })).toContainText('逾期放弃');
  await page.close();
});
