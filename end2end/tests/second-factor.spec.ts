import { expect, test } from '@playwright/test';
import { adminContext, call, clickToNextPage, DEMO_ADMIN, expectAccessible, expectNoPanic, newResidentId, open, staffLogsInOnThePage, totpCode } from './support';

// Staff sign in with two factors (等保 2.0 level 3): a new reviewer sets up an authenticator from
// the QR code page on a phone, keeps the ten recovery codes shown once, later signs in with one of
// them; an administrator resets the authenticator, which ends the reviewer's sessions.
test('a new reviewer sets up two-step sign-in, signs in with a recovery code, and an administrator resets it', async ({ browser }) => {
  const admin = await adminContext(browser);
  const idNumber = newResidentId();
  const password = 'Review2026two';
  await call(admin.request, 'admin_create_reviewer', {
    fields: { id_type: 'resident_id', id_number: idNumber, name: '两步审核员', mobile: '13700137001', password, email: '' },
  });
  await admin.close();

  // On the phone: the password, then the set-up.
  const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const phone = await phoneContext.newPage();
  await open(phone, '/login');
  await phone.getByLabel('证件号码').fill(idNumber);
  await phone.getByLabel('密码').fill(password);
  await clickToNextPage(phone, phone.getByRole('button', { name: '登录' }));
  await expect(phone.getByRole('heading', { name: '两步验证' })).toBeVisible();
  await expect(phone.getByRole('img', { name: '验证器二维码' })).toBeVisible();
  const key = (await phone.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
  expect(key).toMatch(/^[A-Z2-7]{32}$/);
  await expectAccessible(phone);
  // A code of the wrong length is refused with the rule, before anything is sent.
  await phone.getByLabel('验证码').fill('12345');
  await phone.getByRole('button', { name: '完成设置' }).click();
  await expect(phone.getByRole('alert')).toContainText('当前 5 位');
  await phone.getByLabel('验证码').fill(totpCode(key, Math.floor(Date.now() / 30_000)));
  await phone.getByRole('button', { name: '完成设置' }).click();
  const sheet = phone.getByTestId('recovery-codes');
  await expect(sheet.locator('li')).toHaveCount(10);
  const recoveryCode = (await sheet.locator('li').first().textContent())!.trim();
  expect(recoveryCode).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
  await expectAccessible(phone);
  await clickToNextPage(phone, phone.getByRole('button', { name: '我已保存，继续' }));
  await expect(phone.getByRole('heading', { name: '材料审核' })).toBeVisible();

  // Without the phone, on a laptop: a recovery code signs in once.
  const laptopContext = await browser.newContext();
  const laptop = await laptopContext.newPage();
  await open(laptop, '/login');
  await laptop.getByLabel('证件号码').fill(idNumber);
  await laptop.getByLabel('密码').fill(password);
  await clickToNextPage(laptop, laptop.getByRole('button', { name: '登录' }));
  await laptop.getByLabel('验证码').fill(recoveryCode.toLowerCase());
  await laptop.getByRole('button', { name: '验证并登录' }).click();
  await expect(laptop.getByTestId('recovery-codes-left')).toContainText('还剩 9 个');
  // The form gave way to this note without the page's code panicking on the way.
  expectNoPanic(laptop);
  await expectAccessible(laptop);
  await clickToNextPage(laptop, laptop.getByRole('button', { name: '继续' }));
  await expect(laptop.getByRole('heading', { name: '材料审核' })).toBeVisible();

  // The administrator resets the reviewer's two-step sign-in: every session of theirs ends.
  const adminPage = await (await browser.newContext()).newPage();
  await staffLogsInOnThePage(adminPage, DEMO_ADMIN);
  await open(adminPage, '/admin');
  await adminPage.getByLabel('按证件号码查找账号').fill(idNumber);
  await adminPage.getByRole('button', { name: '查找', exact: true }).click();
  await expect(adminPage.getByTestId('second-factor-state')).toHaveText('已设置');
  await adminPage.getByRole('button', { name: '重置两步验证' }).click();
  await expect(adminPage.getByText('两步验证已重置')).toBeVisible();
  await expectAccessible(adminPage);
  for (const signedOut of [phone, laptop]) {
    const me = await signedOut.request.post('/api/current_user', { data: {} });
    expect(await me.json()).toBeNull();
  }

  // The next sign-in sets up an authenticator again.
  await open(phone, '/login');
  await phone.getByLabel('证件号码').fill(idNumber);
  await phone.getByLabel('密码').fill(password);
  await clickToNextPage(phone, phone.getByRole('button', { name: '登录' }));
  await expect(phone.getByRole('img', { name: '验证器二维码' })).toBeVisible();
  expect((await phone.getByTestId('totp-secret').textContent())!.replace(/\s/g, '')).not.toBe(key);

  await phoneContext.close();
  await laptopContext.close();
});
