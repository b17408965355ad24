import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { expect, test, type Page } from '@playwright/test';
import { adminContext, approveAndPublish, call, DEMO_REVIEWER, expectAccessible, makeScene, makeSeedScan, open, signUpCandidate, staffContext } from './support';

// Seed 004's day at the branch's on-site check with scans as the seed prescribes them (A4 at 200 DPI,
// 1654 × 2339, 400–600 KB) on preset 004's twelve originals: the candidate, every original with its
// boxes and thumbnails, and 原件审核通过 on one 1366 × 768 screen and on a 1024 × 768 tablet,
// without scrolling; Tab goes scan field → the rows' boxes → 通过; V shows a row's scans large
// (zoom, paging), Esc gives the focus back to the row; once passed and paid, the scan field has
// the focus for the next candidate.

/** The bachelor's row of 高等教育学历, its cells as the form stores them (apart by a tab). */
const BACHELOR_ROW = ['大学本科', '某大学', '法学', '2008-09', '2012-07', '104221201205001234'];

/** Preset 004's exam with one listed candidate, approved, who uploaded a photo and a seed-size
 * scan for each original; their name and ID number. */
async function approvedWithSeedScans(page: Page, code: string): Promise<{ name: string; idNumber: string }> {
  const browser = page.context().browser()!;
  const admin = await adminContext(browser);
  await call(admin.request, 'admin_create_exam', { preset: '004', code, source: '' });
  const reviewers = await call(admin.request, 'admin_reviewers', {});
  const reviewerId = reviewers.find((r: any) => r.id_number_masked.endsWith('7897')).id;
  await call(admin.request, 'admin_assign_reviewer', { reviewer_id: reviewerId, exam_code: code, duty: 'review' });

  const name = '郑分院';
  const idNumber = await signUpCandidate(page, name, '13912345675');
  await call(admin.request, 'admin_import_eligibility', { code, csv: `身份证号,姓名\n${idNumber},${name}\n` });
  await call(page.request, 'accept_pledge', { code });
  const upload = async (category: string, seq: number, buffer: Buffer) => {
    const response = await page.request.post('/api/materials', {
      multipart: { exam: code, category, seq_no: String(seq), file: { name: `${category}-${seq}.jpg`, mimeType: 'image/jpeg', buffer } },
    });
    expect(response.status(), `${category} ${seq}: ${await response.text()}`).toBe(201);
  };
  // 六(一): a colour photo on white, 3:4, 100–400 KB.
  const photo = await makeScene(page, { width: 900, height: 1200, scene: 'portrait', background: '#ffffff', quality: 0.95 });
  expect(photo.length).toBeGreaterThanOrEqual(100 * 1024);
  expect(photo.length).toBeLessThanOrEqual(400 * 1024);
  await upload('id_photo', 1, photo);
  const pages: Array<[string, number, string]> = [
    ['id_card', 1, '#f4f2ee'], ['id_card', 2, '#f1f3f6'], ['bachelor_diploma', 1, '#f6f1ea'], ['master_degree', 1, '#eef4ef'],
    ['appointment', 1, '#f5f5f0'], ['title_certificate', 1, '#f3eff5'], ['chsi_record', 1, '#f0f4f6'], ['other', 1, '#f6f4ec'],
  ];
  for (const [category, seq, background] of pages) {
    const scan = await makeSeedScan(page, background, category === 'chsi_record' ? idNumber : undefined);
    expect(scan.length).toBeGreaterThanOrEqual(400 * 1024);
    expect(scan.length).toBeLessThanOrEqual(600 * 1024);
    await upload(category, seq, scan);
  }
  const form = {
    education_level: '大学本科', school: '某大学', graduated: '2012-07', employer: '某街道办事处', work_began: '2015-07', post_title: '科员',
    resume: '2015.7-2017.3，**街道办事处，科员\n2017.4至今，**街道办事处，副主任科员',
    diplomas: [BACHELOR_ROW.join('\t'), ['硕士研究生', '某大学', '公共管理', '2019-09', '2022-06', '104221202202000077'].join('\t')].join('\n'),
  };
  await call(page.request, 'save_application', { code, form, position: null, submit: true });
  await approveAndPublish(browser, admin, code);
  await admin.close();
  return { name, idNumber };
}

/** Every part of `selector` on the page lies inside the viewport. */
async function insideTheScreen(onSite: Page, selector: string): Promise<void> {
  const viewport = onSite.viewportSize()!;
  for (const box of await onSite.locator(selector).all()) {
    const where = (await box.boundingBox())!;
    expect(where.y + where.height, `${selector} ends at ${where.y + where.height}`).toBeLessThanOrEqual(viewport.height);
    expect(where.x + where.width, `${selector} ends at x ${where.x + where.width}`).toBeLessThanOrEqual(viewport.width);
  }
}

test('the on-site check shows a candidate with seed-size scans on one screen and works from the keyboard', async ({ browser, page }) => {
  const code = `004-s${Date.now() % 100000}`;
  const { name, idNumber } = await approvedWithSeedScans(page, code);

  // 五.6 "审核通过系统将自动生成《报名登记表》、《介绍信和党员关系证明信》": both are printed, one A4 page each.
  await open(page, `/exams/${code}`);
  for (const [link, file] of [['打印报名登记表（PDF）', 'registration-form'], ['打印介绍信和党员关系证明信（PDF）', 'introduction-letter']]) {
    await expect(page.getByRole('link', { name: link })).toHaveAttribute('href', `/api/exams/${code}/${file}.pdf`);
    const printed = await page.request.get(`/api/exams/${code}/${file}.pdf`);
    expect(printed.status(), file).toBe(200);
    expect((await printed.body()).subarray(0, 5).toString()).toBe('%PDF-');
  }
  // 四: the diplomas are printed on the registration form as rows of a table.
  const formFile = test.info().outputPath('registration-form.pdf');
  fs.writeFileSync(formFile, await (await page.request.get(`/api/exams/${code}/registration-form.pdf`)).body());
  const printedForm = execFileSync('pdftotext', ['-layout', formFile, '-']).toString();
  expect(printedForm).toContain('高等教育学历');
  // (Typst sets a thin space between Chinese and digits: "2008 年 9 月".)
  expect(printedForm).toMatch(/大学本科\s+某大学\s+法学\s+2008\s?年\s?9\s?月\s+2012\s?年\s?7\s?月\s+104221201205001234/);
  expect(printedForm).toMatch(/硕士研究生\s+某大学\s+公共管理\s+2019\s?年\s?9\s?月\s+2022\s?年\s?6\s?月\s+104221202202000077/);
  expect(execFileSync('pdfinfo', [formFile]).toString()).toMatch(/Pages:\s+1\n/);
  await page.screenshot({ path: path.join(test.info().outputDir, 'approved-004-documents.png'), fullPage: true });

  const staff = await staffContext(browser, DEMO_REVIEWER, { viewport: { width: 1366, height: 768 } });
  const onSite = await staff.newPage();
  await open(onSite, `/on-site/${code}`);
  const field = onSite.getByLabel('扫码或证件号码');
  await expect(field).toBeFocused();
  await field.pressSequentially(idNumber);
  await field.press('Enter');
  const card = onSite.getByTestId('on-site-candidate');
  await expect(card.getByRole('heading', { name })).toBeVisible();
  await expect(card.getByTestId('on-site-applied')).toContainText('在职干部研究生报名');
  await expect(card.locator('tr[data-item]')).toHaveCount(12);
  await expect(card.locator('tr[data-item="id_card"] .scan-thumb')).toHaveCount(2);
  // 七's note: a 党校 graduate's 学历查询认证结果 stands in for the bachelor's diploma, as the 备案表 does.
  await expect(card.locator('tr[data-item="party_school_verification"]')).toContainText('可代替：本科毕业证书原件');
  await expect(card.locator('tr[data-item="chsi_record"]')).toContainText('可代替：本科毕业证书原件');
  // 七.2: the letter Zige printed, beside its row, to tick the stamped paper against.
  await expect(card.locator('tr[data-item="introduction_letter"] [data-testid=on-site-issued]')).toHaveText('信中：某街道办事处 · 科员 · 非中共党员');
  // Every thumbnail drawn (the scans loaded and decoded, not only laid out).
  await expect.poll(() => card.locator('.scan-thumb img').evaluateAll(async (pictures) => {
    await Promise.all(pictures.map((i) => (i as HTMLImageElement).decode().catch(() => undefined)));
    return pictures.every((i) => (i as HTMLImageElement).naturalWidth === 1654);
  })).toBe(true);

  // One screen: the person, every original's row and 通过, nothing scrolled.
  for (const [width, shot] of [[1366, 'on-site-1366.png'], [1024, 'on-site-1024.png']] as const) {
    await onSite.setViewportSize({ width, height: 768 });
    await onSite.screenshot({ path: path.join(test.info().outputDir, shot) });
    await insideTheScreen(onSite, '[data-testid=on-site-candidate] .on-site-person');
    await insideTheScreen(onSite, '[data-testid=on-site-candidate] tr[data-item]');
    await insideTheScreen(onSite, '[data-testid=on-site-candidate] button:has-text("原件审核通过")');
    expect(await onSite.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(768);
  }
  await onSite.setViewportSize({ width: 1366, height: 768 });
  await expectAccessible(onSite);

  // Tab: the scan field, then each row's boxes in order, then 通过.
  await field.focus();
  const stops: string[] = [];
  for (let i = 0; i < 30; i++) {
    await onSite.keyboard.press('Tab');
    const label = await onSite.evaluate(() => {
      const focused = document.activeElement as HTMLElement;
      return focused.getAttribute('aria-label') ?? focused.textContent ?? '';
    });
    stops.push(label);
    if (label === '原件审核通过') break;
  }
  expect(stops[0]).toBe('原件已核：报名登记表');
  expect(stops.at(-1)).toBe('原件审核通过');
  expect(stops.slice(0, -1).every((stop) => /^(原件已核|已收取)：/.test(stop)), stops.join(' | ')).toBe(true);

  // V on the ID card's row: its two scans large, paged with →, zoomed with +; Esc goes back to the box.
  const idCardBox = card.getByLabel('原件已核：身份证原件');
  await idCardBox.focus();
  await onSite.keyboard.press('v');
  const viewer = onSite.getByRole('dialog');
  await expect(viewer.getByTestId('scan-viewer-caption')).toHaveText('身份证原件 · 扫描件 1 / 2');
  await onSite.keyboard.press('ArrowRight');
  await expect(viewer.getByTestId('scan-viewer-caption')).toHaveText('身份证原件 · 扫描件 2 / 2');
  await onSite.keyboard.press('+');
  await expect(viewer.getByTestId('scan-zoom')).toHaveText('150%');
  await expectAccessible(onSite);
  await onSite.screenshot({ path: path.join(test.info().outputDir, 'on-site-viewer.png') });
  await onSite.keyboard.press('Escape');
  await expect(viewer).toHaveCount(0);
  await expect(idCardBox).toBeFocused();
  // A click on a thumbnail shows that scan.
  await card.locator('tr[data-item="appointment"] .scan-thumb').click();
  await expect(viewer.getByTestId('scan-viewer-caption')).toContainText('扫描件 1 / 1');
  await onSite.keyboard.press('Escape');

  // The originals ticked from the keyboard, 通过, the fee; the field has the focus again.
  for (const label of ['报名登记表', '介绍信', '身份证原件', '本科毕业证书原件', '任职文件', '专业技术职称证书']) {
    const box = card.getByLabel(new RegExp(`^原件已核：${label}`));
    await box.focus();
    await onSite.keyboard.press('Space');
    await expect(box).toBeChecked();
    // The answer changes the card in place: the focus stays on the box, for the next Tab.
    await expect(box).toBeFocused();
  }
  await expect(onSite.getByTestId('on-site-missing')).toHaveCount(0);
  await card.getByRole('button', { name: '原件审核通过' }).focus();
  await onSite.keyboard.press('Enter');
  await expect(card.getByTestId('on-site-outcome')).toContainText('原件审核通过');
  const receipt = card.getByLabel('现场缴费凭证号（支付宝或微信）');
  await expect(receipt).toBeFocused();
  await onSite.keyboard.type('WX20270901077');
  await onSite.keyboard.press('Enter');
  await expect(card.getByTestId('on-site-fee-paid')).toContainText('已缴费（订单');
  await expect(field).toBeFocused();
  await insideTheScreen(onSite, '[data-testid=on-site-candidate] a:has-text("打印材料交接单")');
  await onSite.screenshot({ path: path.join(test.info().outputDir, 'on-site-done.png') });
  await staff.close();
});
