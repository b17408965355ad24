import { expect, test } from '@playwright/test';
import * as fs from 'fs';
import { clickToNextPage, expectAccessible, newResidentId, open, signUpCandidate, DEMO_ADMIN, staffContext, signUpThroughTheCheck } from './support';

// Accounts a person can get back into: 忘记密码 answers the same for every ID number, an
// administrator hands over a temporary password, and its owner replaces it with their own.
// Every page runs under the app's Content-Security-Policy with no violation.
test('a locked-out candidate gets back in through the administrator and changes the password', async ({ browser }) => {
  const idNumber = newResidentId();
  const violations: string[] = [];
  const candidateContext = await browser.newContext();
  const candidate = await candidateContext.newPage();
  candidate.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) violations.push(message.text());
  });

  // Sign up, then forget the password.
  await open(candidate, '/signup');
  await candidate.getByLabel('证件号码').fill(idNumber);
  await candidate.getByLabel('姓名').fill('找回考生');
  await candidate.getByLabel('手机号码').fill('13912345678');
  await candidate.getByLabel('证件有效期至').fill('2036-05-01');
  await candidate.getByLabel(/^密码/).fill('Forgotten2026');
  await signUpThroughTheCheck(candidate, idNumber, '找回考生');
  await expect(candidate.getByRole('heading', { name: '我的考试' })).toBeVisible();
  await expectAccessible(candidate);
  await clickToNextPage(candidate, candidate.getByRole('button', { name: '退出' }));
  await expect(candidate).toHaveURL(/\/login$/);

  // 忘记密码: the answer does not say whether the number is registered.
  await clickToNextPage(candidate, candidate.getByRole('link', { name: '忘记密码' }));
  await expect(candidate.getByRole('heading', { name: '找回密码' })).toBeVisible();
  await expectAccessible(candidate);
  await candidate.getByLabel('证件号码').fill(idNumber);
  await candidate.getByRole('button', { name: '获取验证码' }).click();
  await expect(candidate.getByRole('status')).toContainText('如果该证件号码已注册');
  await candidate.getByLabel('验证码').fill('000000');
  await candidate.getByLabel('新密码').fill('short');
  await candidate.getByRole('button', { name: '重置密码' }).click();
  await expect(candidate.getByRole('alert')).toContainText('当前 5 位');
  await candidate.getByLabel('新密码').fill('Wrongcode2026');
  await candidate.getByRole('button', { name: '重置密码' }).click();
  await expect(candidate.getByRole('alert')).toContainText('验证码不正确或已过期');
  await expectAccessible(candidate);

  // The administrator finds the account and sets a temporary password, shown once.
  // In the session this worker keeps (a sign-in of its own would wait for the authenticator's next step).
  const adminContext = await staffContext(browser, DEMO_ADMIN);
  const admin = await adminContext.newPage();
  await open(admin, '/admin');
  await admin.getByLabel('按证件号码查找账号').fill(idNumber.toLowerCase());
  await admin.getByRole('button', { name: '查找', exact: true }).click();
  await expect(admin.getByTestId('account-found')).toContainText('找回考生');
  await admin.getByRole('button', { name: '重置密码' }).click();
  const temporary = (await admin.getByTestId('temporary-password').locator('code').textContent())!.trim();
  expect(temporary).toHaveLength(12);
  await expectAccessible(admin);

  // The candidate logs in with it and sets a password of their own.
  await open(candidate, '/login');
  await candidate.getByLabel('证件号码').fill(idNumber);
  await candidate.getByLabel('密码').fill(temporary);
  await clickToNextPage(candidate, candidate.getByRole('button', { name: '登录' }));
  await expect(candidate.getByRole('heading', { name: '我的考试' })).toBeVisible();
  await clickToNextPage(candidate, candidate.getByTestId('signed-in-as'));
  await expect(candidate.getByRole('heading', { name: '修改密码' })).toBeVisible();
  await expectAccessible(candidate);
  await candidate.getByLabel('原密码').fill(temporary);
  await candidate.getByLabel('新密码').fill('MyOwn2026pass');
  await candidate.getByRole('button', { name: '修改密码' }).click();
  await expect(candidate.getByRole('status')).toContainText('密码已修改');

  await clickToNextPage(candidate, candidate.getByRole('button', { name: '退出' }));
  await candidate.getByLabel('证件号码').fill(idNumber);
  await candidate.getByLabel('密码').fill('MyOwn2026pass');
  await clickToNextPage(candidate, candidate.getByRole('button', { name: '登录' }));
  await expect(candidate.getByRole('heading', { name: '我的考试' })).toBeVisible();

  // The administrator reads both steps in the audit log, failed logins hidden.
  await open(admin, '/admin/audit');
  await admin.getByLabel('隐藏登录失败记录').check();
  await expect(admin.locator('tr[data-action="password_reset"]').first()).toContainText('找回考生');
  await expect(admin.locator('tr[data-action="password_changed"]').first()).toContainText('找回考生');
  expect(violations).toEqual([]);
  await candidateContext.close();
  await adminContext.close();
});

// A phone's offline copy belongs to whoever was signed in. When their session ends anywhere but
// on this phone (it expired, or the password was changed on another device), the next page the
// phone loads online says nobody is signed in, and the copy of their pages and pictures goes.
test('a session ended on another device empties the offline copy on the phone', async ({ browser }) => {
  const idNumber = newResidentId();
  const phoneContext = await browser.newContext();
  const phone = await phoneContext.newPage();
  await open(phone, '/signup');
  await phone.getByLabel('证件号码').fill(idNumber);
  await phone.getByLabel('姓名').fill('离线副本');
  await phone.getByLabel('手机号码').fill('13912345679');
  await phone.getByLabel('证件有效期至').fill('2036-05-01');
  await phone.getByLabel(/^密码/).fill('Offline2026copy');
  await signUpThroughTheCheck(phone, idNumber, '离线副本');
  await phone.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
  await phone.reload();
  const keptPages = () =>
    phone.evaluate(async () => {
      const kept = await caches.open('zige-pages-v1');
      return (await kept.keys()).map((r) => new URL(r.url).pathname);
    });
  await expect.poll(keptPages, { timeout: 20_000 }).toContain('/');

  // On a laptop, the candidate changes the password: every other session ends.
  const laptop = await browser.newContext();
  const login = await laptop.request.post('/api/log_in', { data: { id_number: idNumber, password: 'Offline2026copy' } });
  expect(login.ok()).toBeTruthy();
  const changed = await laptop.request.post('/api/change_password', {
    data: { old_password: 'Offline2026copy', new_password: 'Changed2026copy' },
  });
  expect(changed.ok(), await changed.text()).toBeTruthy();

  await phone.reload();
  await expect(phone.getByRole('link', { name: '登录' }).first()).toBeVisible();
  await expect.poll(keptPages, { timeout: 20_000 }).toEqual([]);
  await phoneContext.close();
  await laptop.close();
});

// 个人信息保护法: a candidate downloads everything held about them as one archive, and deletes an
// account no exam still needs, from the account page (plain HTML: a link and a form).
test('a candidate downloads all their data, then deletes the account no exam needs', async ({ page }) => {
  await signUpCandidate(page, '注销考生', '13912345672');
  await open(page, '/account');
  const mine = page.getByRole('region', { name: '我的资料' });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    mine.getByRole('link', { name: '下载我的全部资料（ZIP）' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('zige-my-data.zip');
  expect(fs.readFileSync(await download.path()).subarray(0, 2).toString()).toBe('PK');
  await expectAccessible(page);
  await mine.getByLabel('密码').fill('Exam2026pass');
  await mine.getByRole('button', { name: '注销账户' }).click();
  await expect(page.getByRole('heading', { name: /账户已注销/ })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('本机已退出登录');
});
