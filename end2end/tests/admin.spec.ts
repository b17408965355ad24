import { expect, test } from '@playwright/test';
import { adminContext, beijing, call, clickToNextPage, expectAccessible, makePicture, open, switchLanguage, DEMO_ADMIN, staffLogsInOnThePage } from './support';

// The administrator creates an exam from a preset and imports its candidate list.
test('the demo admin creates an exam from a preset and imports a CSV with a bad row', async ({ page }) => {
  await staffLogsInOnThePage(page, DEMO_ADMIN);
  await clickToNextPage(page, page.getByRole('link', { name: '考试管理' }));
  await expect(page.getByRole('heading', { name: '考试管理' })).toBeVisible();
  await expect(page.locator('tr[data-exam="000"]')).toBeVisible();
  // The texts and emails the outbox gave up on have their own list; the demo's all went.
  const undelivered = page.getByRole('region', { name: '未送达的消息' });
  await expect(undelivered).toContainText('所有消息均已送达或正在发送。');
  await expectAccessible(page);

  await page.locator('select[name=preset]').selectOption('004');
  await page.locator('input[name=code]').fill('004-e2e');
  await page.getByRole('button', { name: '创建', exact: true }).first().click();
  await expect(page).toHaveURL(/\/admin\/exams\/004-e2e$/);
  await expect(page.locator('textarea[name=source]')).toHaveValue(/code = "004-e2e"/);
  await expectAccessible(page);

  await page.locator('textarea[name=csv]').fill('身份证号,姓名\n11010519491231002X,张三\n110105194912310021,李四\n');
  await page.getByRole('button', { name: '导入', exact: true }).click();
  const report = page.getByTestId('import-report');
  await expect(report).toContainText('导入 1 行，名单内共 1 人；1 行有误');
  await expect(report).toContainText('第 3 行');
  await expectAccessible(page);

  // 个人信息保留: no day yet; once the exam file names one, the panel says it and the dry run.
  const retention = page.getByTestId('personal-data');
  await expect(retention.getByTestId('retention-until')).toContainText('未设置保留期限');
  const source = await page.locator('textarea[name=source]').inputValue();
  await page.locator('textarea[name=source]').fill(`personal_data_until = "2027-06-30"\n${source}`);
  await page.getByRole('button', { name: '保存配置' }).click();
  await expect(retention.getByTestId('retention-until')).toContainText('保留至 2027-06-30');
  await expect(retention.getByTestId('retention-dry-run')).toContainText('现存 0 名考生的 0 张图片和 0 份个人信息表');
  await expectAccessible(page);

  // An example picture, through the plain upload form.
  const picture = await makePicture(page, { width: 320, height: 200 });
  await page.locator('form input[name=file]').setInputFiles({ name: 'Seal Sample.jpg', mimeType: 'image/jpeg', buffer: picture });
  await page.getByRole('button', { name: '上传示例', exact: true }).click();
  await expect(page.getByTestId('example-added')).toHaveText('已添加 examples/seal-sample.jpg');
  await expectAccessible(page);
});

// 文档模板: the layout of a document is the administrator's to change, per exam, without a
// programmer; a broken template is refused with its line and never reaches a candidate.
test('the demo admin changes 002\'s ticket template: a mistake is named by its line, a good one is previewed, then undone', async ({ browser }) => {
  // In the session this worker keeps: the sign-in on the page is the test above's.
  const page = await (await adminContext(browser)).newPage();
  await open(page, '/admin/exams/002');
  await expect(page.getByRole('region', { name: '文档模板' })).toBeVisible();
  // Located by its class: its name changes with the language below.
  const panel = page.locator('section.template-panel');
  await panel.getByLabel('文档').selectOption({ label: '准考证' });
  await expect(panel.getByLabel('模板（Typst）')).toBeVisible();
  const editor = panel.locator('textarea[name=template]');
  await expect(editor).toHaveValue(/准考证/);
  await expect(panel.getByTestId('template-origin')).toHaveText('系统自带的模板');
  const shipped = await editor.inputValue();
  const lines = shipped.split('\n').length;

  await editor.fill(`${shipped}\n#d.no_such_field\n`);
  await panel.getByRole('button', { name: '检查并保存模板' }).click();
  await expect(panel.getByRole('alert')).toContainText('模板有误，未保存');
  await expect(panel.getByRole('alert')).toContainText(`line ${lines + 1}`);
  await expectAccessible(page);

  await editor.fill(`${shipped}\n#text[请携带 2B 铅笔与黑色签字笔（E2E）]\n`);
  await panel.getByRole('button', { name: '检查并保存模板' }).click();
  await expect(panel.getByRole('status')).toHaveText('模板已保存，之后打印的文档按新模板排版');
  // Who saved it and when, in China time with its zone.
  await expect(panel.getByTestId('template-origin')).toHaveText(/^本考试自定义的模板，赵管理 \(.+\) 保存于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 北京时间$/);
  const preview = panel.getByRole('link', { name: '预览已保存的模板（示例数据，PDF）' });
  await expect(preview).toHaveAttribute('href', '/api/admin/exams/002/templates/admission_ticket/preview.pdf');
  const pdf = await page.request.get('/api/admin/exams/002/templates/admission_ticket/preview.pdf');
  expect(pdf.status()).toBe(200);
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

  await switchLanguage(page, 'English');
  await panel.getByRole('button', { name: 'Back to the shipped template' }).click();
  await expect(panel.getByRole('status')).toHaveText('Back to the shipped template');
  await expect(panel.getByTestId('template-origin')).toHaveText('The template shipped with Zige');
  await expect(editor).toHaveValue(shipped);
  await expectAccessible(page);
  await page.context().close();
});

// 保存时间: the note stays once the page has reloaded the saved windows (it went with the reload).
test('the administrator saves an exam\'s windows and the page keeps saying so', async ({ browser }) => {
  const admin = await adminContext(browser);
  const code = `w${Date.now() % 100000}`;
  await call(admin.request, 'admin_create_exam', { preset: '000', code, source: '' });
  const page = await admin.newPage();
  await open(page, `/admin/exams/${code}`);
  const closes = page.locator('input[name=upload_closes]');
  const later = beijing(40 * 24 * 60);
  await closes.fill(later);
  await page.getByRole('button', { name: '保存时间' }).click();
  await expect(page.getByTestId('windows-saved')).toHaveText('时间已保存');
  // The page asks for the exam again after a save; the note outlives that answer.
  await page.waitForLoadState('networkidle');
  await expect(closes).toHaveValue(later);
  await expect(page.getByTestId('windows-saved')).toHaveText('时间已保存');
  await admin.close();
});
