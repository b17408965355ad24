import { expect, test } from '@playwright/test';
import { adminContext, call, expectAccessible, open, signUpCandidate, switchLanguage } from './support';

// Seed 000 (issue 66): "'户籍材料'、'其他材料'及'工作经历材料'中的'2年以上基层工作经历证明材料'仅部分考生须上传".
// An exam file makes such a category required when a chosen position asks for it or an answer on
// the form says so: the page marks it 必传 with the reason, the list of what 提交审核 still lacks
// says it too, and a change of position or answer changes both at once, before anything is saved.
// The server refuses a submission without it, with the same reason.
test.use({ viewport: { width: 1280, height: 900 } });

const GRASSROOTS = `
[[categories]]
code = "grassroots_work"
group_zh = "工作经历材料"
group_en = "Work experience"
name_zh = "2年以上基层工作经历证明材料"
name_en = "Proof of 2+ years of grassroots work"
hint_zh = "仅报考要求具有2年以上基层工作经历职位的考生须上传。"
hint_en = "Only for positions that require 2+ years of grassroots work."
[categories.rules]
formats = ["jpeg"]
max_bytes = 307200
[categories.required_when]
positions = ["tax-01"]
answers = [{ field = "degree", is = "无" }]

`;

test('a category only some must upload turns 必传 with its reason as the position and the answer change, and the server holds to it', async ({ browser }) => {
  const code = `rqw${Date.now() % 100000}`;
  const admin = await adminContext(browser);
  // Preset 002 (positions, a form) with the category only tax-01 and candidates without a degree need.
  await call(admin.request, 'admin_create_exam', { preset: '002', code, source: '' });
  const detail = await call(admin.request, 'admin_exam_detail', { code });
  const at = detail.source.indexOf('[[form]]');
  await call(admin.request, 'admin_save_exam', { code, source: `${detail.source.slice(0, at)}${GRASSROOTS}${detail.source.slice(at)}` });

  const phone = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const page = await phone.newPage();
  await signUpCandidate(page, '职位要求', '13912345682');
  // Preset 002 has its 报考须知 before the pledge.
  await call(page.request, 'accept_notice', { code });
  await call(page.request, 'accept_pledge', { code });
  await open(page, `/exams/${code}`);

  const card = page.getByRole('region', { name: '2年以上基层工作经历证明材料' });
  const missing = page.getByTestId('missing');
  const itemZh = '2年以上基层工作经历证明材料：需要 1 张，已上传 0 张';
  await expect(card.locator('.badge').first()).toHaveText('选传');
  await expect(missing).not.toContainText(itemZh);

  // 基层分局一级科员 asks for 2 years of grassroots work: required, and said why, at once.
  await page.locator('input[type=radio][name=position][value="tax-01"]').check();
  await expect(card.locator('.badge.required')).toHaveText('必传');
  await expect(card.getByTestId('required-reason')).toHaveText('因所选职位要求');
  await expect(card).toContainText('已上传 0 张 / 需 1 张');
  await expect(missing).toContainText(`${itemZh}（因所选职位要求）`);
  await expectAccessible(page);

  // Another position: optional again, and gone from what is missing.
  await page.locator('input[type=radio][name=position][value="stats-01"]').check();
  await expect(card.locator('.badge').first()).toHaveText('选传');
  await expect(card.getByTestId('required-reason')).toHaveCount(0);
  await expect(missing).not.toContainText(itemZh);

  // An answer on the form makes it required for its own reason; changed back, it is not.
  const form = page.getByRole('region', { name: '个人信息' });
  await form.locator('#form-degree').selectOption('无');
  await expect(card.getByTestId('required-reason')).toHaveText('因“学位”填写为“无”');
  await expect(missing).toContainText(`${itemZh}（因“学位”填写为“无”）`);
  await form.locator('#form-degree').selectOption('学士');
  await expect(card.getByTestId('required-reason')).toHaveCount(0);
  await expect(missing).not.toContainText(itemZh);

  // Back to 基层分局一级科员; the server judges the same rule: a submission without the proof is
  // refused, saying why.
  await page.locator('input[type=radio][name=position][value="tax-01"]').check();
  await expect(card.getByTestId('required-reason')).toHaveText('因所选职位要求');
  const refused = await page.request.post('/api/save_application', {
    data: { code, form: { education: '大学本科', degree: '学士', school: '某大学', major: '会计学', graduated: '2020-07', employer: '某公司', address: '某市某路 1 号' }, position: 'tax-01', submit: true },
  });
  expect(refused.status()).toBe(422);
  expect(JSON.stringify(await refused.json())).toContain(`${itemZh}（因所选职位要求）`);

  // The refused submission kept its typing: the page opened again in English says why in English.
  await switchLanguage(page, 'English');
  const cardEn = page.getByRole('region', { name: 'Proof of 2+ years of grassroots work' });
  await expect(cardEn.getByTestId('required-reason')).toHaveText('required by the position chosen');
  await expect(page.getByTestId('missing')).toContainText('Proof of 2+ years of grassroots work: 1 needed, 0 uploaded (required by the position chosen)');
  await phone.close();
});
