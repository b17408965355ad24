import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { chromium, expect, test } from '@playwright/test';
import { approvedOnFreshExam, call, clickToNextPage, DEMO_REVIEWER, expectAccessible, newResidentId, open, staffContext, switchLanguage, totpCode } from './support';

// Seed 004's day at the branch's on-site check (七 现场报名材料, 八 fee after the originals), on a
// desktop: an approved candidate prints the 报名登记表; the on-site check scans its code (a USB scanner
// types the code and Enter; here the code is read from the printed PDF by poppler and zbar),
// ticks with the keyboard, records 原件审核通过 and the fee, and prints the 材料交接单 (read with
// poppler); the candidate reads the outcome on their timeline; the administrator sees the day's
// progress. The on-site check is worked by a staff member the administrator named for it alone: they set
// up their second factor, find the on-site check from their start page, and never see the review queue.

// Seed 004's kind of on-site table, on a fresh exam from preset 000 (the demo exams stay as the
// other tests expect them).
const tables = `[fee]\namount_fen = 18000\non_site = true\n\n` +
  `[registration_form]\nstamp_boxes = [{ title_zh = "所在单位组织人事部门意见", title_en = "Opinion of the employer" }]\n\n` +
  `[on_site]\nfee_after_check = true\n\n` +
  `[[on_site.items]]\ncode = "registration_form"\nname_zh = "报名登记表"\nname_en = "Registration form"\ncount = 3\nhandling = "keep"\nrequired = true\n\n` +
  `[[on_site.items]]\ncode = "id_card"\nname_zh = "身份证原件"\nname_en = "ID card (original)"\nhandling = "return"\ncategory = "id_card"\nrequired = true\n\n` +
  `[[on_site.items]]\ncode = "diploma"\nname_zh = "本科毕业证书原件"\nname_en = "Bachelor's diploma (original)"\nhandling = "keep"\ncategory = "education"\nrequired = true\n\n` +
  `[[on_site.items]]\ncode = "record"\nname_zh = "教育部学历证书电子注册备案表"\nname_en = "Registration record of the diploma"\nhandling = "keep"\ncategory = "other"\nstands_in_for = "diploma"\n\n`;
const pictures = [['id_card', 1], ['id_card', 2], ['education', 1], ['work_resume', 1], ['other', 1]] as const;

// The whole day at the on-site check.
test('the on-site check scans a printed form, ticks the originals, passes them, takes the fee and prints the handover slip', async ({ browser, page }) => {
  const code = `site${Date.now() % 100000}`;
  const admin = await approvedOnFreshExam(browser, page, { code, tables }, { name: '现场考生', mobile: '13912345671' }, pictures);

  // The administrator names a new staff member for this exam's on-site check only.
  const onSiteIdNumber = newResidentId();
  const password = 'OnSite2026staff';
  await call(admin.request, 'admin_create_reviewer', {
    fields: { id_type: 'resident_id', id_number: onSiteIdNumber, name: '台前李', mobile: '13700137002', password, email: '' },
  });
  const adminPage = await admin.newPage();
  await open(adminPage, '/admin');
  const staffRow = adminPage.getByTestId('reviewers').locator('tr', { hasText: '台前李' });
  // The choice is saved by a request the page sends on change: the page is closed only once the
  // server has answered it (closed at once, the request was sometimes cut off, and the staff
  // member then had no exam).
  const assigned = adminPage.waitForResponse((answer) => answer.url().includes('/api/admin_assign_reviewer'));
  await staffRow.getByLabel(code, { exact: true }).selectOption({ label: '仅现场报名台' });
  expect((await assigned).ok()).toBeTruthy();
  await expect(staffRow.getByLabel(code, { exact: true })).toHaveValue('on_site');
  await adminPage.close();

  // The printed form's code, as the on-site check's scanner reads it off the paper.
  const printed = await page.request.get(`/api/exams/${code}/registration-form.pdf`);
  expect(printed.status()).toBe(200);
  const formFile = path.join(test.info().outputDir, 'form.pdf');
  fs.mkdirSync(test.info().outputDir, { recursive: true });
  fs.writeFileSync(formFile, await printed.body());
  // At 300 dpi, as an on-site check scanner's imager reads the paper: at 150 some signed codes' modules
  // come out under three pixels and zbar misses them.
  execFileSync('pdftoppm', ['-r', '300', '-png', '-singlefile', formFile, path.join(test.info().outputDir, 'form')]);
  const formCode = execFileSync('zbarimg', ['--raw', '-q', '--oneshot', path.join(test.info().outputDir, 'form.png')]).toString().trim();
  expect(formCode).toMatch(/^ZGR2\./);

  // The on-site check: the staff member signs in, sets up their authenticator, and their start page leads
  // to the on-site check and to nothing else.
  const staff = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const onSite = await staff.newPage();
  await open(onSite, '/login');
  await onSite.getByLabel('证件号码').fill(onSiteIdNumber);
  await onSite.getByLabel('密码').fill(password);
  await clickToNextPage(onSite, onSite.getByRole('button', { name: '登录' }));
  const key = (await onSite.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
  await onSite.getByLabel('验证码').fill(totpCode(key, Math.floor(Date.now() / 30_000)));
  await onSite.getByRole('button', { name: '完成设置' }).click();
  await clickToNextPage(onSite, onSite.getByRole('button', { name: '我已保存，继续' }));
  await expect(onSite.getByRole('heading', { name: '材料审核' })).toBeVisible();
  const examCard = onSite.locator('li.exam-card');
  await expect(examCard).toHaveCount(1);
  await expect(examCard).toContainText('仅现场报名台');
  await expect(examCard.getByRole('link')).toHaveCount(1);
  await expectAccessible(onSite);
  const queue = await onSite.request.post('/api/review_queue', { data: { query: { exam_code: code, filter: 'awaiting', from: null, to: null, after: null } } });
  expect(queue.status()).toBe(403);
  // The queue's page, opened by its address: one plain refusal, no filters around it.
  await open(onSite, `/review/exams/${code}`);
  await expect(onSite.getByTestId('queue-refused')).toContainText('您不审核本考试');
  await expect(onSite.locator('form.queue-filters')).toBeHidden();
  await expect(onSite.getByTestId('queue')).toBeHidden();
  await expectAccessible(onSite);
  await open(onSite, '/review');
  // Staff pages move within the page (no new load).
  await examCard.getByRole('link', { name: '现场报名台' }).click();
  await expect(onSite.getByRole('heading', { name: `现场报名 · 原件审核 · ${code}` })).toBeVisible();
  const field = onSite.getByLabel('扫码或证件号码');
  await expect(field).toBeFocused();
  await expectAccessible(onSite);
  // A forged code first: refused by name, nothing found.
  await field.pressSequentially(`${formCode.slice(0, 10)}x${formCode.slice(11)}`);
  await field.press('Enter');
  await expect(onSite.getByRole('alert')).toContainText('无法识别的报名登记表二维码');
  // The scanner types the code and Enter.
  await field.pressSequentially(formCode);
  await field.press('Enter');
  const card = onSite.getByTestId('on-site-candidate');
  await expect(card.getByRole('heading', { name: '现场考生' })).toBeVisible();
  await expect(card.locator('tr[data-item="id_card"] .on-site-scans img')).toHaveCount(2);
  await expect(card.locator('tr[data-item="record"]')).toContainText('可代替：本科毕业证书原件');
  await expect(onSite.getByTestId('on-site-missing')).toContainText('报名登记表、身份证原件、本科毕业证书原件');
  await expectAccessible(onSite);

  // The fee waits for the originals (八): nothing to record yet.
  await expect(card.getByLabel('现场缴费凭证号（支付宝或微信）')).toHaveCount(0);
  // Ticks with the keyboard: focus, Space.
  for (const label of ['原件已核：报名登记表', '已收取：报名登记表', '原件已核：身份证原件', '原件已核：教育部学历证书电子注册备案表', '已收取：教育部学历证书电子注册备案表']) {
    const box = card.getByLabel(label);
    await box.focus();
    await onSite.keyboard.press('Space');
    await expect(box).toBeChecked();
  }
  await expect(onSite.getByTestId('on-site-missing')).toHaveCount(0);
  await card.getByRole('button', { name: '原件审核通过' }).focus();
  await onSite.keyboard.press('Enter');
  await expect(card.getByTestId('on-site-outcome')).toContainText('原件审核通过（台前李');
  await card.getByLabel('现场缴费凭证号（支付宝或微信）').fill('WX20270901001');
  await card.getByRole('button', { name: '登记缴费' }).click();
  await expect(card.getByTestId('on-site-fee-paid')).toContainText('已缴费（订单');
  await expectAccessible(onSite);
  await switchLanguage(onSite, 'English');
  await expect(card.getByTestId('on-site-outcome')).toContainText('Originals passed');
  await switchLanguage(onSite, '中文');

  // The 材料交接单, as printed at the on-site check.
  const slipLink = card.getByRole('link', { name: '打印材料交接单（PDF）' });
  const slip = await onSite.request.get((await slipLink.getAttribute('href'))!);
  expect(slip.status()).toBe(200);
  const slipFile = path.join(test.info().outputDir, 'slip.pdf');
  fs.writeFileSync(slipFile, await slip.body());
  expect(execFileSync('pdfinfo', [slipFile]).toString()).toMatch(/Pages:\s+1\n/);
  const slipText = execFileSync('pdftotext', ['-layout', slipFile, '-']).toString();
  expect(slipText).toContain('材料交接单');
  expect(slipText).toContain('现场考生');
  expect(slipText).toContain('教育部学历证书电子注册备案表');
  expect(slipText).toContain('经办人签名');

  // A refused scan clears the card: nothing of this candidate stays under the error to be ticked or
  // printed for the next person; the right scan brings the card back whole.
  await field.pressSequentially(`${formCode.slice(0, 10)}x${formCode.slice(11)}`);
  await field.press('Enter');
  await expect(onSite.getByRole('alert')).toContainText('无法识别的报名登记表二维码');
  await expect(card).toHaveCount(0);
  await expect(field).toBeFocused();
  await field.pressSequentially(formCode);
  await field.press('Enter');
  await expect(card.getByTestId('on-site-outcome')).toContainText('原件审核通过（台前李');

  // The candidate reads the outcome on their timeline.
  await open(page, `/exams/${code}`);
  await expect(page.locator('body')).toContainText('现场报名：原件审核通过');

  // Every time the people of the day read is China time with its zone: no page, document or export
  // of the day says UTC (a time on UTC's clock is eight hours off for them).
  const chinaTime = /\d{4}-\d{2}-\d{2} \d{2}:\d{2} 北京时间/;
  await expect(page.getByTestId('timeline')).toContainText(chinaTime);
  const read: Array<[string, string]> = [['the candidate\'s exam page', await page.locator('body').innerText()]];
  for (const address of ['/', '/notifications']) {
    await open(page, address);
    read.push([address, await page.locator('body').innerText()]);
  }
  read.push(['the on-site check', await onSite.locator('body').innerText()]);
  read.push(['the registration form', execFileSync('pdftotext', ['-layout', formFile, '-']).toString()]);
  read.push(['the handover slip', slipText]);
  expect(slipText).toMatch(chinaTime);
  const receipt = await page.request.get(`/api/exams/${code}/receipt.pdf`);
  expect(receipt.status()).toBe(200);
  const receiptFile = path.join(test.info().outputDir, 'receipt.pdf');
  fs.writeFileSync(receiptFile, await receipt.body());
  read.push(['the upload receipt', execFileSync('pdftotext', ['-layout', receiptFile, '-']).toString()]);

  // The administrator follows the day.
  const progressPage = await admin.newPage();
  await open(progressPage, `/admin/exams/${code}`);
  await expect(progressPage.getByTestId('on-site-progress')).toContainText('审核通过 1 人：已到场 1，原件通过 1，不通过 0，未到场 0。');
  const sheetFile = await progressPage.request.get(`/api/admin/exams/${code}/on-site.csv`);
  const sheet = await sheetFile.text();
  expect(sheet).toContain('通过');
  read.push(['the admin\'s exam page', await progressPage.locator('body').innerText()], ['the on-site check export', sheet]);
  for (const [what, text] of read) {
    expect(text, `${what} says UTC`).not.toContain('UTC');
  }
  await expectAccessible(progressPage);
  await progressPage.close();
  await onSite.close();
  await staff.close();
});

// A branch without a USB scanner holds the printed form to the device's camera: here Chromium's
// fake camera, playing a picture of the form's top right corner rendered from the PDF by poppler
// (as a hand holds that corner to the camera); the page's own reader finds the candidate.
test('the on-site check reads the printed form\'s code with the camera', async ({ browser, page }) => {
  const code = `cam${Date.now() % 100000}`;
  const admin = await approvedOnFreshExam(browser, page, { code, tables }, { name: '摄像考生', mobile: '13912345672' }, pictures);
  await admin.close();
  const printed = await page.request.get(`/api/exams/${code}/registration-form.pdf`);
  expect(printed.status()).toBe(200);
  const folder = test.info().outputDir;
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, 'form.pdf'), await printed.body());
  // The page's top right corner at 150 dpi, 640 × 480 as the camera gives it (the A4 page is 1240
  // pixels wide there); one JPEG frame is an MJPEG file Chromium plays over and over.
  execFileSync('pdftoppm', ['-r', '150', '-x', '600', '-y', '0', '-W', '640', '-H', '480', '-jpeg', '-singlefile',
    path.join(folder, 'form.pdf'), path.join(folder, 'corner')]);
  const frame = path.join(folder, 'corner.mjpeg');
  fs.renameSync(path.join(folder, 'corner.jpg'), frame);

  const launchOptions = test.info().project.use.launchOptions ?? {};
  const withCamera = await chromium.launch({
    ...launchOptions,
    args: [...(launchOptions.args ?? []), '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${frame}`],
  });
  const context = await staffContext(withCamera, DEMO_REVIEWER, { permissions: ['camera'] });
  const onSite = await context.newPage();
  await open(onSite, `/on-site/${code}`);
  await onSite.getByRole('button', { name: '用摄像头扫码' }).click();
  await expect(onSite.getByRole('button', { name: '关闭摄像头' })).toBeVisible();
  const card = onSite.getByTestId('on-site-candidate');
  await expect(card.getByRole('heading', { name: '摄像考生' })).toBeVisible({ timeout: 20_000 });
  // The code read, the camera is let go.
  await expect(onSite.getByRole('button', { name: '用摄像头扫码' })).toBeVisible();
  await expectAccessible(onSite);
  await withCamera.close();
});
