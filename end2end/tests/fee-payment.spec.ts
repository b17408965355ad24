import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Browser, expect, Page, test } from '@playwright/test';
import { approvedOnFreshExam, beijing, call, clickToNextPage, expectAccessible, open, switchLanguage } from './support';

// Seed 002's and 004's steps after approval, in the browser: an approved candidate prints the
// 报名登记表, sees the fee, chooses the gateway, 生成订单, pays at the (sandbox) cashier and comes
// back to 已支付 once the gateway's notification arrives; staff give it a seat and refund it on
// the exam's administration page; and another pays through WeChat Pay's and Alipay's cashiers
// (their local stand-ins, which these machines reach instead of the gateways). A fresh exam made
// from preset 000 with a fee keeps the demo exams as the other tests expect them.
test.use({ viewport: { width: 390, height: 844 } });

/** A fresh exam from preset 000 with a ¥100.00 fee (online or on site), a registration form and a
 * ticket, and a new candidate on `page` whose application is approved, with results published. */
async function approvedForAFee(browser: Browser, page: Page, name: string, mobile: string) {
  const code = `fee${Date.now() % 100000}`;
  const form = '[registration_form]\nstamp_boxes = [{ title_zh = "所在单位组织人事部门意见", title_en = "Opinion of the employer" }]\n\n';
  // [ticket] goes last: its sub-tables would swallow what follows.
  const ticketSection = '\n[ticket]\nopens = "2026-01-01T09:00:00+08:00"\nvalid_until = "2027-09-05T18:00:00+08:00"\n' +
    'rules_zh = "凭准考证和身份证入场。"\nrules_en = "Bring this ticket and your ID card."\n' +
    '[[ticket.sessions]]\nname_zh = "笔试"\nname_en = "Written test"\nstarts = "2027-09-05T09:00:00+08:00"\nends = "2027-09-05T11:00:00+08:00"\n' +
    '[[ticket.rooms]]\ncode = "101"\nname_zh = "101 室"\nname_en = "Room 101"\nseats = 30\n';
  const tables = `[fee]\namount_fen = 10000\nonline = true\non_site = true\n\n${form}`;
  const pictures = [['id_card', 1], ['id_card', 2], ['education', 1], ['work_resume', 1]] as const;
  const admin = await approvedOnFreshExam(browser, page, { code, tables, tail: ticketSection }, { name, mobile }, pictures);
  return { code, admin };
}

test('an approved candidate prints the registration form, pays in the sandbox, is seated and prints a ticket the entrance verifies; staff refund it', async ({ browser, page }) => {
  const { code, admin } = await approvedForAFee(browser, page, '缴费考生', '13912345670');

  await open(page, `/exams/${code}`);
  const fee = page.getByTestId('fee');
  // The page's top leads to the fee card below it (drawn by the server).
  await expect(page.getByRole('link', { name: '缴费（见下方）' })).toHaveAttribute('href', '#fee');
  await expect(fee).toContainText('考试费用：¥100.00，缴费方式：网上支付或现场缴费');
  await fee.getByLabel('模拟支付（沙箱）').check();
  await expectAccessible(page);
  // 报名登记表: printed by the server, one A4 page, the candidate's own.
  const formLink = page.getByRole('link', { name: '打印报名登记表（PDF）' });
  await expect(formLink).toHaveAttribute('href', `/api/exams/${code}/registration-form.pdf`);
  const printed = await page.request.get(`/api/exams/${code}/registration-form.pdf`);
  expect(printed.status()).toBe(200);
  expect(printed.headers()['content-type']).toBe('application/pdf');
  expect((await printed.body()).subarray(0, 5).toString()).toBe('%PDF-');
  await fee.getByRole('button', { name: '生成订单' }).click();
  await expect(fee.getByTestId('order-state')).toHaveText('待支付');
  const orderNo = (await fee.getByTestId('order').locator('dd').first().textContent())!.trim();
  expect(orderNo).toMatch(/^ZG[0-9A-F]{20}$/);

  // 去支付: the cashier (the sandbox's own page), then back to the exam page.
  await fee.getByRole('link', { name: '去支付' }).click();
  await expect(page.getByRole('heading', { name: /模拟收银台/ })).toBeVisible();
  await expect(page.locator('main')).toContainText('¥100.00');
  await expect(page.locator('main')).toContainText(orderNo);
  await page.getByRole('button', { name: /确认支付/ }).click();
  await expect(page).toHaveURL(new RegExp(`/exams/${code}\\?order=${orderNo}`));
  // The notification arrives a moment later; the page asks again until it has.
  await expect(page.getByTestId('order-state')).toHaveText('已支付', { timeout: 30_000 });
  await expect(page.getByTestId('fee')).toContainText('费用已缴纳');
  await expect(page.getByTestId('fee').getByRole('button', { name: '生成订单' })).toHaveCount(0);
  await switchLanguage(page, 'English');
  await expect(page.getByTestId('order-state')).toHaveText('Paid');
  await expect(page.getByTestId('fee')).toContainText('Exam fee: ¥100.00, paid online or on site');
  await expectAccessible(page);

  // 缴费记录 (seeds 001/003's menu), from 我的考试: the order paid, and its 缴费凭证 printed by the server.
  await open(page, '/');
  await clickToNextPage(page, page.getByRole('navigation', { name: 'Candidate menu' }).getByRole('link', { name: 'Payments' }));
  const record = page.locator(`li.payment-record[data-order="${orderNo}"]`);
  await expect(record.getByTestId('payment-state')).toHaveText('Paid');
  await expect(record).toContainText('¥100.00');
  await expect(record).toContainText('Simulated payment (sandbox)');
  await expect(record.getByRole('link', { name: 'Payment receipt (PDF)' })).toHaveAttribute('href', `/api/payments/${orderNo}/receipt.pdf`);
  await expectAccessible(page);
  await page.screenshot({ path: test.info().outputPath('payments.png'), fullPage: true });
  const receipt = await page.request.get(`/api/payments/${orderNo}/receipt.pdf`);
  expect(receipt.headers()['content-type']).toBe('application/pdf');
  const receiptFile = test.info().outputPath('receipt.pdf');
  fs.writeFileSync(receiptFile, await receipt.body());
  const receiptText = execFileSync('pdftotext', [receiptFile, '-']).toString();
  for (const expected of ['缴费凭证', orderNo, '¥100.00', '缴费考生']) expect(receiptText).toContain(expected);
  await open(page, `/exams/${code}`);

  // Paid and approved: staff give seats by the stated rule, and the seating list names the seat.
  const staff = await admin.newPage();
  await open(staff, `/admin/exams/${code}`);
  const seats = staff.getByRole('region', { name: '考场与座位' });
  await expect(seats.getByTestId('seating')).toHaveText('座位 30 个，已分配 0 个，待分配考生 1 人');
  await seats.getByRole('button', { name: '按规则分配座位' }).click();
  await expect(seats.getByRole('status')).toHaveText('本次分配 1 个座位');
  await expect(seats.getByTestId('seating')).toHaveText('座位 30 个，已分配 1 个，待分配考生 0 人');
  const seating = await (await admin.request.get(`/api/admin/exams/${code}/seats.csv`)).text();
  expect(seating).toContain(`${code}-101-01,101,1,缴费考生,`);

  // 准考证: paid and seated, the candidate prints it; its code, checked at the entrance on /verify.
  await page.reload();
  const ticketLink = page.getByRole('link', { name: 'Print the admission ticket (PDF)' });
  await expect(ticketLink).toHaveAttribute('href', `/api/exams/${code}/ticket.pdf`);
  const ticket = await page.request.get(`/api/exams/${code}/ticket.pdf`);
  expect(ticket.status()).toBe(200);
  const ticketFile = path.join(test.info().outputDir, 'ticket.pdf');
  fs.mkdirSync(test.info().outputDir, { recursive: true });
  fs.writeFileSync(ticketFile, await ticket.body());
  // The entrance's scanner: the page drawn to pixels, its QR code read (poppler and zbar, installed
  // by the test command).
  execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', ticketFile, path.join(test.info().outputDir, 'ticket')]);
  const ticketCode = execFileSync('zbarimg', ['--raw', '-q', '--oneshot', path.join(test.info().outputDir, 'ticket.png')]).toString().trim();
  expect(ticketCode).toMatch(/^ZGT2\./);
  const entrance = await (await browser.newContext({ baseURL: test.info().project.use.baseURL })).newPage();
  await open(entrance, '/verify');
  await switchLanguage(entrance, 'English');
  await entrance.getByLabel('QR code text').fill(ticketCode);
  await entrance.getByRole('button', { name: 'Verify' }).click();
  await expect(entrance.getByTestId('verdict')).toContainText('Valid');
  await expect(entrance.getByTestId('verdict')).toContainText(`${code}-101-01`);
  await expectAccessible(entrance);
  const altered = ticketCode.slice(0, 12) + (ticketCode[12] === 'Q' ? 'R' : 'Q') + ticketCode.slice(13);
  await entrance.getByLabel('QR code text').fill(altered);
  await entrance.getByRole('button', { name: 'Verify' }).click();
  await expect(entrance.getByTestId('verdict')).toContainText('Not valid: altered, or not issued by this authority');

  // Staff refund it on the exam's administration page.
  const panel = staff.getByRole('region', { name: '缴费管理' });
  await panel.getByLabel('订单号').fill(orderNo);
  await panel.getByLabel('退款原因').fill('考生放弃考试');
  await panel.getByRole('button', { name: '登记退款' }).click();
  await expect(panel.getByRole('status')).toHaveText(`订单 ${orderNo}：已退款`);
  await expectAccessible(staff);
  const csv = await (await admin.request.get(`/api/admin/exams/${code}/payments.csv?day=${beijing(0).slice(0, 10)}`)).text();
  expect(csv).toContain(`${orderNo},sandbox,¥100.00,refunded,`);

  await page.reload();
  await expect(page.getByTestId('order-state')).toHaveText('Refunded');
  await open(page, '/payments');
  await expect(record.getByTestId('payment-state')).toHaveText('Refunded');
  await expect(record).toContainText('Refunded');
  await expect(record.getByRole('link', { name: 'Payment receipt (PDF)' })).toHaveCount(0);
});

// The demo data goes past the review too: the demo candidate was approved in 002, so a newcomer
// sees the steps after approval without reviewing anything first.
test('the demo candidate finds 002 approved, with the fee to pay and the registration form to print', async ({ page }) => {
  await open(page, '/login');
  await page.getByLabel('证件号码').fill('44030519900101123X');
  await page.getByLabel('密码').fill('zige-demo-2026');
  await clickToNextPage(page, page.getByRole('button', { name: '登录' }));
  const card = page.locator('li.exam-card[data-exam="002"]');
  await expect(card).toContainText('结果已公布');
  await clickToNextPage(page, card.getByRole('link', { name: '进入考试' }));
  await expect(page.getByTestId('result')).toHaveText('审核结果：审核通过');
  await expect(page.getByTestId('fee')).toContainText('考试费用：¥100.00，缴费方式：网上支付或现场缴费');
  await expect(page.getByTestId('fee').getByRole('button', { name: '生成订单' })).toBeVisible();
  await expect(page.getByRole('link', { name: '打印准考证（PDF）' })).toBeVisible();
  await expectAccessible(page);
  const form = await page.request.get('/api/exams/002/registration-form.pdf');
  expect(form.status()).toBe(200);
  const file = path.join(test.info().outputDir, 'form.pdf');
  fs.mkdirSync(test.info().outputDir, { recursive: true });
  fs.writeFileSync(file, await form.body());
  const text = execFileSync('pdftotext', [file, '-']).toString();
  expect(text).toContain('李明');
  expect(text).toContain('招聘单位资格复审意见');

  await switchLanguage(page, 'English');
  await expect(page.getByTestId('result')).toHaveText('Result: Approved');
  await expect(page.getByRole('link', { name: 'Print the registration form (PDF)' })).toBeVisible();
  await expectAccessible(page);
});

test.describe('on a phone', () => {
  test.use({ userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36' });

  test('a candidate pays at the WeChat Pay cashier, is refunded through WeChat Pay, then pays at the Alipay cashier', async ({ browser, page }) => {
    const { code, admin } = await approvedForAFee(browser, page, '微信缴费考生', '13912345671');
    await open(page, `/exams/${code}`);
    const fee = page.getByTestId('fee');
    await fee.getByLabel('微信支付').check();
    await fee.getByRole('button', { name: '生成订单' }).click();
    await expect(fee.getByTestId('order-state')).toHaveText('待支付');
    const wechatOrder = (await fee.getByTestId('order').locator('dd').first().textContent())!.trim();

    // 去支付: WeChat Pay's H5 cashier (the stand-in's), then back to the exam page.
    await fee.getByRole('link', { name: '去支付' }).click();
    await expect(page.getByRole('heading', { name: /微信支付/ })).toBeVisible();
    await expect(page.locator('main')).toContainText('¥100.00');
    await page.getByRole('button', { name: /确认支付/ }).click();
    await expect(page).toHaveURL(new RegExp(`/exams/${code}\\?order=${wechatOrder}`));
    await expect(page.getByTestId('order-state')).toHaveText('已支付', { timeout: 30_000 });
    await expect(page.getByTestId('fee')).toContainText('微信支付');

    // Staff refund it; the money goes back through WeChat Pay, which takes the refund (PROCESSING):
    // 退款中 until its REFUND.SUCCESS arrives, moments later.
    const refunded = await call(admin.request, 'admin_refund_order', { order_no: wechatOrder, reason: '考生改用支付宝' });
    expect(['refund_pending', 'refunded']).toContain(refunded.state);
    const orderState = async () => (await call(page.request, 'fee_status', { exam_code: code })).order.state;
    await expect.poll(orderState, { timeout: 30_000 }).toBe('refunded');

    // A new order through Alipay: 手机网站支付 at the stand-in's cashier, then back, paid.
    await open(page, `/exams/${code}`);
    await expect(page.getByTestId('order-state')).toHaveText('已退款');
    await page.getByTestId('fee').getByLabel('支付宝').check();
    await page.getByTestId('fee').getByRole('button', { name: '生成订单' }).click();
    await expect(page.getByTestId('order-state')).toHaveText('待支付');
    await page.getByTestId('fee').getByRole('link', { name: '去支付' }).click();
    await expect(page.getByRole('heading', { name: /支付宝收银台/ })).toBeVisible();
    await expect(page.locator('body')).toContainText('¥100.00');
    await page.getByRole('button', { name: /确认支付/ }).click();
    await expect(page).toHaveURL(new RegExp(`/exams/${code}\\?`));
    await expect(page.getByTestId('order-state')).toHaveText('已支付', { timeout: 30_000 });
    await expect(page.getByTestId('fee')).toContainText('支付宝');
  });
});
