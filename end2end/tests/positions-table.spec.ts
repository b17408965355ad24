import { expect, test } from '@playwright/test';
import { clickToNextPage, expectAccessible, open, switchLanguage } from './support';

// Seed 002: "仔细阅读《岗位及其资格条件一览表》" before choosing a position. The table opens from the
// position picker in a tab of its own, is narrowed by words and unit (the address keeps the
// choice), and downloads as .xlsx; a visitor who has not signed up reads it too. On a phone.
test.use({ viewport: { width: 360, height: 780 } });

test('a candidate reads the positions and their requirements beside the picker, narrows them and downloads them', async ({ page, context }) => {
  await open(page, '/login');
  await page.getByLabel('证件号码').fill('44030519900101123X');
  await page.getByLabel('密码').fill('zige-demo-2026');
  await clickToNextPage(page, page.getByRole('button', { name: '登录' }));
  await clickToNextPage(page, page.locator('li.exam-card[data-exam="002"]').getByRole('link', { name: '进入考试' }));

  const picker = page.getByRole('region', { name: '选择职位' });
  const opened = context.waitForEvent('page');
  await picker.getByRole('link', { name: '查看《岗位及其资格条件一览表》' }).click();
  const table = await opened;
  await table.waitForLoadState();
  await expect(table).toHaveURL(/\/exams\/002\/positions$/);
  await expect(table.getByRole('heading', { name: '岗位及其资格条件一览表' })).toBeVisible();
  await expect(table.getByTestId('positions-count')).toHaveText('共 7 个职位，显示 7 个');
  await expect(table.locator('tr[data-position="tax-01"]')).toContainText('会计学、财务管理、审计学专业');
  await expectAccessible(table);

  // Words, then a unit: the address keeps what was asked.
  // Every word must appear: 法学 alone finds two positions, with 稽查 one.
  await table.getByLabel('关键词（职位名称、代码、专业或条件）').fill('法学 稽查');
  await table.getByRole('button', { name: '筛选' }).click();
  await expect(table).toHaveURL(/q=%E6%B3%95%E5%AD%A6/);
  await expect(table.getByTestId('positions-count')).toHaveText('共 7 个职位，显示 1 个');
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await expect(table.locator('tr[data-position="tax-03"]')).toBeVisible();
  await table.getByLabel('关键词（职位名称、代码、专业或条件）').fill('');
  await table.getByLabel('单位').selectOption({ label: '市统计局' });
  await table.getByRole('button', { name: '筛选' }).click();
  await expect(table.getByTestId('positions-count')).toHaveText('共 7 个职位，显示 2 个');
  await expect(table.locator('tbody tr[data-position^="stats-"]')).toHaveCount(2);
  await table.screenshot({ path: test.info().outputPath('positions.png'), fullPage: true });

  const download = table.waitForEvent('download');
  await table.getByRole('link', { name: '下载一览表（Excel）' }).click();
  expect((await download).suggestedFilename()).toBe('002-positions.xlsx');

  // The same table in English, for anyone: a visitor who has not signed up.
  const visitor = await (await page.context().browser()!.newContext({ baseURL: test.info().project.use.baseURL, viewport: { width: 360, height: 780 } })).newPage();
  await open(visitor, '/exams/002/positions');
  await switchLanguage(visitor, 'English');
  await expect(visitor.getByRole('heading', { name: 'Positions and their requirements' })).toBeVisible();
  await expect(visitor.getByTestId('positions-count')).toHaveText('7 of 7 positions shown');
  await expect(visitor.locator('tr[data-position="tax-01"]')).toContainText('accounting, financial management or auditing');
  await expectAccessible(visitor);
});
