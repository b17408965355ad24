import { expect, test } from '@playwright/test';
import { approveAndPublish, call, candidateOnFreshExam, clickToNextPage, expectAccessible, makePicture, open } from './support';

// Seeds 001/003's "公众号信息反馈": on 个人信息 a candidate binds the authority's 公众号 through
// WeChat's web authorisation (its stand-in, started by scripts/test.sh at
// ZIGE_STANDIN_OFFICIAL_ACCOUNT, answers as WeChat's in-app browser with a follower signed in);
// the review's result then reaches that WeChat as the account's template message, linking to the
// exam's page.

interface AcceptedMessage { touser: string; template_id: string; url: string; data: Record<string, string> }

async function messagesLinkingTo(path: string): Promise<AcceptedMessage[]> {
  const address = process.env.ZIGE_STANDIN_OFFICIAL_ACCOUNT;
  if (!address) throw new Error('ZIGE_STANDIN_OFFICIAL_ACCOUNT is not set: run the browser tests with ./scripts/test.sh');
  const messages: AcceptedMessage[] = await (await fetch(`http://${address}/accepted`)).json();
  return messages.filter((message) => new URL(message.url).pathname === path);
}

test('a candidate binds the 公众号 on 个人信息 and the review result reaches it', async ({ browser }) => {
  const code = `wx${Date.now() % 100000}`;
  const { admin, phone, page } = await candidateOnFreshExam(browser, '000', code, '公众号考生', '13912345681');
  const reviewers = await call(admin.request, 'admin_reviewers', {});
  const reviewerId = reviewers.find((r: any) => r.id_number_masked.endsWith('7897')).id;
  await call(admin.request, 'admin_assign_reviewer', { reviewer_id: reviewerId, exam_code: code, duty: 'review' });

  // 个人信息, at a phone's width: the 公众号's card offers to bind it.
  await page.setViewportSize({ width: 360, height: 800 });
  await open(page, '/account');
  const card = page.getByTestId('official-account');
  await expect(card.getByRole('heading', { name: '微信公众号通知' })).toBeVisible();
  await clickToNextPage(page, card.getByRole('link', { name: '绑定微信公众号' }));
  // Through WeChat's authorisation and back on 个人信息, bound.
  await expect(page).toHaveURL(/\/account\?official_account=bound#official-account$/);
  await expect(card.getByRole('status')).toHaveText('绑定成功。');
  await expect(card).toContainText('已绑定');
  await expect(card.getByRole('button', { name: '解除绑定' })).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: test.info().outputPath('official-account-bound.png'), fullPage: true });

  // The application goes in, is approved and its result published: WeChat carries the news.
  const picture = await makePicture(page, { width: 400, height: 300 });
  for (const [category, seq] of [['id_card', 1], ['id_card', 2], ['education', 1], ['work_resume', 1]] as const) {
    const response = await page.request.post('/api/materials', {
      multipart: { exam: code, category, seq_no: String(seq), file: { name: `${category}.jpg`, mimeType: 'image/jpeg', buffer: picture } },
    });
    expect(response.status()).toBe(201);
  }
  await call(page.request, 'save_application', { code, form: {}, position: null, submit: true });
  await approveAndPublish(browser, admin, code);
  await expect.poll(async () => (await messagesLinkingTo(`/exams/${code}`)).length, { timeout: 20_000 }).toBe(1);
  const [message] = await messagesLinkingTo(`/exams/${code}`);
  expect(message.template_id).toBe('TPL_RESULT_PUBLISHED_4kx');
  expect(message.data.thing2).toBe('审核结果已公布，请登录查看');
  expect(message.data.time3).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);

  // Unbound, 个人信息 offers it again.
  await clickToNextPage(page, card.getByRole('button', { name: '解除绑定' }));
  await expect(card.getByRole('link', { name: '绑定微信公众号' })).toBeVisible();
  await phone.close();
});
