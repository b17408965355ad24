import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { chromium, expect, test } from '@playwright/test';
import { approvedOnFreshExam, call, clickToNextPage, DEMO_REVIEWER, expectAccessible, newResidentId, open, staffLogsIn, switchLanguage, totpCode } from './support';

// Seed 004's day at the branch's desk (七 现场报名材料, 八 fee after the originals), on a
// desktop: an approved candidate prints the 报名登记表; the desk scans its code (a USB scanner
// types the code and Enter; here the code is read from the printed PDF by poppler and zbar),
// ticks with the keyboard, records 原件审核通过 and the fee, and prints the 材料交接单 (read with
// poppler); the candidate reads the outcome on their timeline; the administrator sees the day's
// progress. The desk is worked by a staff member the administrator named for it alone: they set
// up their second factor, find the desk from their start page, and never see the review queue.

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

// The whole day at the desk.
test('the desk scans a printed form, ticks the originals, passes them, takes the fee and prints the handover slip', async ({ browser, page }) => {
  const code = `desk${Date.now() % 100000}`;
  const admin = await approvedOnFreshExam(browser, page, { code, tables }, { name: '现场考生', mobile: '13912345671' }, pictures);

  // The administrator names a new staff member for this exam's desk only.
  const deskIdNumber = newResidentId();
  const password = 'Desk2026staff';
  await call(admin.request, 'admin_create_reviewer', {
    fields: { id_type: 'resident_id', id_number: deskIdNumber, name: '台前李', mobile: '13700137002', password, email: '' },
  });
  const adminPage = await admin.newPage();
  await open(adminPage, '/admin');
  const staffRow = adminPage.getByTestId('reviewers').locator('tr', { hasText: '台前李' });
  await staffRow.getByLabel(code, { exact: true }).selectOption({ label: '仅现场报名台' });
  await expect(staffRow.getByLabel(code, { exact: true })).toHaveValue('desk');
  await adminPage.close();

  // The printed form's code, as the desk's scanner reads it off the paper.
  const printed = await page.request.get(`/api/exams/${code}/registration-form.pdf`);
  expect(printed.status()).toBe(200);
  const formFile = path.join(test.info().outputDir, 'form.pdf');
  fs.mkdirSync(test.info().outputDir, { recursive: true });
  fs.writeFileSync(formFile, await printed.body());
  // At 300 dpi, as a desk scanner's imager reads the paper: at 150 some signed codes' modules
  // come out under three pixels and zbar misses them.
  execFileSync('pdftoppm', ['-r', '300', '-png', '-singlefile', formFile, path.join(test.info().outputDir, 'form')]);
  const formCode = execFileSync('zbarimg', ['--raw', '-q', '--oneshot', path.join(test.info().outputDir, 'form.png')]).toString().trim();
  expect(formCode).toMatch(/^ZGR2\./);

  // The desk: the staff member signs in, sets up their authenticator, and their start page leads
  // to the desk and to nothing else.
  const staff = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const desk = await staff.newPage();
  await open(desk, '/login');
  await desk.getByLabel('证件号码').fill(deskIdNumber);
  await desk.getByLabel('密码').fill(password);
  await clickToNextPage(desk, desk.getByRole('button', { name: '登录' }));
  const key = (await desk.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
  await desk.getByLabel('验证码').fill(totpCode(key, Math.floor(Date.now() / 30_000)));
  await desk.getByRole('button', { name: '完成设置' }).click();
  await clickToNextPage(desk, desk.getByRole('button', { name: '我已保存，继续' }));
  await expect(desk.getByRole('heading', { name: '材料审核' })).toBeVisible();
  const examCard = desk.locator('li.exam-card');
  await expect(examCard).toHaveCount(1);
  await expect(examCard).toContainText('仅现场报名台');
  await expect(examCard.getByRole('link')).toHaveCount(1);
  await expectAccessible(desk);
  const queue = await desk.request.post('/api/review_queue', { data: { query: { exam_code: code, filter: 'awaiting', from: null, to: null, after: null } } });
  expect(queue.status()).toBe(403);
  // The queue's page, opened by its address: one plain refusal, no filters around it.
  await open(desk, `/review/exams/${code}`);
  await expect(desk.getByTestId('queue-refused')).toContainText('您不审核本考试');
  await expect(desk.locator('form.queue-filters')).toBeHidden();
  await expect(desk.getByTestId('queue')).toBeHidden();
  await expectAccessible(desk);
  await open(desk, '/review');
  // Staff pages move within the page (no new load).
  await examCard.getByRole('link', { name: '现场报名台' }).click();
  await expect(desk.getByRole('heading', { name: `现场报名 · 原件审核 · ${code}` })).toBeVisible();
  const field = desk.getByLabel('扫码或证件号码');
  await expect(field).toBeFocused();
  await expectAccessible(desk);
  // A forged code first: refused by name, nothing found.
  await field.pressSequentially(`${formCode.slice(0, 10)}x${formCode.slice(11)}`);
  await field.press('Enter');
  await expect(desk.getByRole('alert')).toContainText('无法识别的报名登记表二维码');
  // The scanner types the code and Enter.
  await field.pressSequentially(formCode);
  await field.press('Enter');
  const card = desk.getByTestId('desk-candidate');
  await expect(card.getByRole('heading', { name: '现场考生' })).toBeVisible();
  await expect(card.locator('tr[data-item="id_card"] .desk-scans img')).toHaveCount(2);
  await expect(card.locator('tr[data-item="record"]')).toContainText('可代替：本科毕业证书原件');
  await expect(desk.getByTestId('desk-missing')).toContainText('报名登记表、身份证原件、本科毕业证书原件');
  await expectAccessible(desk);

  // The fee waits for the originals (八): nothing to record yet.
  await expect(card.getByLabel('现场缴费凭证号（支付宝或微信）')).toHaveCount(0);
  // Ticks with the keyboard: focus, Space.
  for (const label of ['原件已核：报名登记表', '已收取：报名登记表', '原件已核：身份证原件', '原件已核：教育部学历证书电子注册备案表', '已收取：教育部学历证书电子注册备案表']) {
    const box = card.getByLabel(label);
    await box.focus();
    await desk.keyboard.press('Space');
    await expect(box).toBeChecked();
  }
  await expect(desk.getByTestId('desk-missing')).toHaveCount(0);
  await card.getByRole('button', { name: '原件审核通过' }).focus();
  await desk.keyboard.press('Enter');
  await expect(card.getByTestId('desk-outcome')).toContainText('原件审核通过（台前李');
  await card.getByLabel('现场缴费凭证号（支付宝或微信）').fill('WX20270901001');
  await card.getByRole('button', { name: '登记缴费' }).click();
  await expect(card.getByTestId('desk-fee-paid')).toContainText('已缴费（订单');
  await expectAccessible(desk);
  await switchLanguage(desk, 'English');
  await expect(card.getByTestId('desk-outcome')).toContainText('Originals passed');
  await switchLanguage(desk, '中文');

  // The 材料交接单, as printed at the desk.
  const slipLink = card.getByRole('link', { name: '打印材料交接单（PDF）' });
  const slip = await desk.request.get((await slipLink.getAttribute('href'))!);
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
  await expect(desk.getByRole('alert')).toContainText('无法识别的报名登记表二维码');
  await expect(card).toHaveCount(0);
  await expect(field).toBeFocused();
  await field.pressSequentially(formCode);
  await field.press('Enter');
  await expect(card.getByTestId('desk-outcome')).toContainText('原件审核通过（台前李');

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
  read.push(['the desk', await desk.locator('body').innerText()]);
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
  await expect(progressPage.getByTestId('desk-progress')).toContainText('审核通过 1 人：已到场 1，原件通过 1，不通过 0，未到场 0。');
  const sheetFile = await progressPage.request.get(`/api/admin/exams/${code}/desk.csv`);
  const sheet = await sheetFile.text();
  expect(sheet).toContain('通过');
  read.push(['the admin\'s exam page', await progressPage.locator('body').innerText()], ['the desk export', sheet]);
  for (const [what, text] of read) {
    expect(text, `${what} says UTC`).not.toContain('UTC');
  }
  await expectAccessible(progressPage);
  await progressPage.close();
  await desk.close();
  await staff.close();
});

// A desk without a USB scanner holds the printed form to the device's camera: here Chromium's
// fake camera, playing a picture of the form's top right corner rendered from the PDF by poppler
// (as a hand holds that corner to the camera); the page's own reader finds the candidate.
test('the desk reads the printed form\'s code with the camera', async ({ browser, page }) => {
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
  const context = await withCamera.newContext({ baseURL: test.info().project.use.baseURL, permissions: ['camera'] });
  await staffLogsIn(context.request, DEMO_REVIEWER);
  const desk = await context.newPage();
  await open(desk, `/desk/${code}`);
  await desk.getByRole('button', { name: '用摄像头扫码' }).click();
  await expect(desk.getByRole('button', { name: '关闭摄像头' })).toBeVisible();
  const card = desk.getByTestId('desk-candidate');
  await expect(card.getByRole('heading', { name: '摄像考生' })).toBeVisible({ timeout: 20_000 });
  // The code read, the camera is let go.
  await expect(desk.getByRole('button', { name: '用摄像头扫码' })).toBeVisible();
  await expectAccessible(desk);
  await withCamera.close();
});
