import { expect, test } from '@playwright/test';
import { adminContext, call, clickToNextPage, expectAccessible, open } from './support';

// A number belongs to its person (issue 64): someone signs up with another person's ID number;
// the real holder comes through the registration system (npm's oidc-provider, started by
// scripts/test.sh with this test's account), says the account is not theirs, and gets their own;
// the self-made account is set aside, and the administrators see both sides.
test('a number someone else signed up with goes to the person the registration system vouches for', async ({ page, browser }) => {
  const squatter = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  await call(squatter.request, 'sign_up', {
    fields: { id_type: 'resident_id', id_number: '110101199003071233', name: '冒用者', mobile: '13700137999', password: 'Squat2026pass', id_valid_until: '2036-05-01',
      typed_again: { id_type: 'resident_id', id_number: '110101199003071233', name: '冒用者' } },
  });

  await open(page, '/login');
  await page.getByRole('link', { name: '用报名系统账号登录' }).click();
  await page.locator('#login').fill('wb2027102');
  await page.locator('#password').fill('wangbao-2027');
  // The choice is a plain page the server writes (no code to load).
  await page.locator('#login-submit').click();
  const choice = page.getByTestId('number-claim');
  await expect(choice).toContainText('本系统中已有一个自行注册的账号使用该号码');
  await expect(choice).toContainText('110***********1233');
  await expectAccessible(page);
  await clickToNextPage(page, page.getByRole('button', { name: /不是我注册的/ }));
  await expect(page.getByRole('heading', { name: '我的考试' })).toBeVisible();
  await expect(page.getByRole('link', { name: '真持有人' })).toBeVisible();

  // The self-made account is signed out and signs in no more.
  const me = await squatter.request.post('/api/current_user', { data: {} });
  expect(await me.json()).toBeNull();
  const again = await squatter.request.post('/api/log_in', { data: { id_number: '110101199003071233', password: 'Squat2026pass' } });
  expect(again.ok()).toBeFalsy();
  await squatter.close();

  const admin = await adminContext(browser);
  const adminPage = await admin.newPage();
  await open(adminPage, '/admin');
  const cases = adminPage.getByTestId('set-aside-accounts');
  await expect(cases).toContainText('冒用者');
  await expect(cases).toContainText('真持有人');
  await expect(cases).toContainText(' 北京时间');
  await expectAccessible(adminPage);
  await admin.close();
});
