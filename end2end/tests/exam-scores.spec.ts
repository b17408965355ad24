import { expect, test } from '@playwright/test';
import { beijing, candidateOnFreshExam, clickToNextPage, expectAccessible, open, switchLanguage } from './support';

// Seeds 001/003's menu 考试成绩: the administrator imports the exam's score sheet on its page — a
// sheet with a wrong row is refused whole, each wrong row named — and sets when it is published;
// from then the candidate finds their own scores in the menu and on the exam's page. A fresh exam
// keeps the demo exams as the other tests expect them.
test('an administrator imports and publishes scores, and the candidate reads their own from the menu and the exam page', async ({ browser }) => {
  const code = `sc${Date.now() % 100000}`;
  const { admin, page, idNumber: number } = await candidateOnFreshExam(browser, '000', code, '成绩考生', '13912345671');
  const staff = await admin.newPage();
  await open(staff, `/admin/exams/${code}`);
  const panel = staff.getByRole('region', { name: '考试成绩' });
  await expect(panel.getByTestId('scores-state')).toHaveText('已导入 0 条成绩（0 人）；未设置公布时间，考生看不到');

  const rows = (name: string) => `证件号码\t姓名\t科目\t成绩\t合格线\n${number}\t${name}\t综合知识\t78.5\t60\n${number}\t${name}\t专业能力\t缺考\t60\n`;
  await panel.getByRole('textbox', { name: '考试成绩' }).fill(rows('别人'));
  await panel.getByRole('button', { name: '导入成绩' }).click();
  await expect(panel.getByTestId('scores-report')).toContainText('2 行有误，整表未导入');
  await expect(panel.getByTestId('scores-report')).toContainText('第 2 行：姓名“别人”与该证件号码报名时的姓名不符');
  await panel.getByRole('textbox', { name: '考试成绩' }).fill(rows('成绩考生'));
  await panel.getByRole('button', { name: '导入成绩' }).click();
  await expect(panel.getByTestId('scores-report')).toContainText('已导入 2 条成绩（1 人）');
  await panel.getByLabel('成绩公布时间（北京时间）').fill(beijing(-5));
  await panel.getByRole('button', { name: '保存公布时间' }).click();
  await expect(panel.getByTestId('scores-state')).toContainText('已导入 2 条成绩（1 人）；已于');
  await expectAccessible(staff);

  // The candidate: 考试成绩 in the menu, then the same scores on the exam's page.
  await open(page, '/');
  await clickToNextPage(page, page.getByRole('navigation', { name: '考生菜单' }).getByRole('link', { name: '考试成绩' }));
  const card = page.locator(`section.score-card[data-exam="${code}"]`);
  await expect(card.locator('tr[data-subject="综合知识"]')).toContainText('78.5');
  await expect(card.locator('tr[data-subject="综合知识"]')).toContainText('合格');
  await expect(card.locator('tr[data-subject="专业能力"]')).toContainText('缺考');
  await expect(card.locator('tr[data-subject="专业能力"]')).toContainText('不合格');
  await expectAccessible(page);
  await page.screenshot({ path: test.info().outputPath('scores.png'), fullPage: true });
  await open(page, `/exams/${code}`);
  await expect(page.locator(`section.score-card[data-exam="${code}"] tr[data-subject="综合知识"]`)).toContainText('78.5');
  await switchLanguage(page, 'English');
  await expect(page.locator(`section.score-card[data-exam="${code}"] tr[data-subject="专业能力"]`)).toContainText('Absent');
  await expect(page.locator(`section.score-card[data-exam="${code}"] tr[data-subject="专业能力"]`)).toContainText('Not passed');
  await expectAccessible(page);
});
