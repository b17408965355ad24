import { expect, test } from '@playwright/test';
import { adminContext, call, clickToNextPage, expectAccessible, makePicture, open, switchLanguage } from './support';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

// Seed 003's way in (issue 52), on a phone: the candidate of a 003-style exam does not sign up;
// they press 用报名系统账号登录, authorise at the registration system's identity provider (npm's
// oidc-provider, started by scripts/test.sh with this test's account), and find the application
// they registered for — its 报考类别 and 考区 with it — then upload and submit; and coming from the
// registration system's 上传相关材料, they land on the exam's page itself.
test('a candidate signs in with the registration system\'s account, finds their registration, uploads and submits', async ({ page, browser }) => {
  // Exam 003: preset 001 (国家医学考试), open only to whom the registration system names.
  const admin = await adminContext(browser);
  await call(admin.request, 'admin_create_exam', { preset: '001', code: '003', source: '' });
  const detail = await call(admin.request, 'admin_exam_detail', { code: '003' });
  await call(admin.request, 'admin_save_exam', { code: '003', source: detail.source.replace('eligibility = "everyone"', 'eligibility = "registration"') });
  await admin.close();

  await open(page, '/login');
  await expectAccessible(page);
  await page.getByRole('link', { name: '用报名系统账号登录' }).click();
  // The registration system's own page.
  await page.locator('#login').fill('wb2027101');
  await page.locator('#password').fill('wangbao-2027');
  await clickToNextPage(page, page.locator('#login-submit'));

  const card = page.locator('li.exam-card[data-exam="003"]');
  await expect(card.getByTestId('registered-as')).toHaveText('报考类别：临床执业医师　考区：示例考区');
  await expect(page.getByRole('link', { name: '网报考生' })).toBeVisible();
  await expectAccessible(page);
  await clickToNextPage(page, card.getByRole('link', { name: '进入考试' }));
  await expect(page.getByTestId('registered-as')).toHaveText('报考类别：临床执业医师　考区：示例考区');
  await switchLanguage(page, 'English');
  await expect(page.getByTestId('registered-as')).toHaveText('Category: 临床执业医师; Region: 示例考区');
  await switchLanguage(page, '中文');

  await page.getByLabel('我已认真阅读并同意以上承诺').check();
  await page.getByRole('button', { name: '同意并进入下一步' }).click();
  const identity = page.getByRole('region', { name: '身份证明' });
  // The card's two sides and, seed 003's third, the candidate holding it.
  await expect(identity.locator('.slots').first()).toContainText('本人手持身份证内容一面照片');
  for (const name of ['front.jpg', 'back.jpg', 'holding.jpg']) {
    await identity.locator('#file-id_proof').setInputFiles({ name, mimeType: 'image/jpeg', buffer: await makePicture(page, { width: 400, height: 300 }) });
    await identity.getByRole('button', { name: '上传', exact: true }).click();
    await expect(identity.locator('li.material').filter({ hasText: name })).toHaveCount(1);
  }
  const diploma = page.getByRole('region', { name: '学历证书' });
  await diploma.locator('#file-diploma').setInputFiles({ name: 'diploma.jpg', mimeType: 'image/jpeg', buffer: await makePicture(page, { width: 400, height: 300 }) });
  await diploma.getByRole('button', { name: '上传', exact: true }).click();
  await expect(diploma.locator('li.material')).toHaveCount(1);
  await page.getByRole('button', { name: '提交审核' }).click();
  await page.getByRole('button', { name: '确认提交' }).click();
  await expect(page.getByTestId('locked-note')).toContainText('上报完成，内容已锁定');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectAccessible(page);

  // 退出 is on the phone's screen, the header not scrolled sideways to reach it.
  const logOut = page.getByRole('button', { name: '退出' });
  const where = (await logOut.boundingBox())!;
  expect(where.x + where.width, `退出 ends at x ${where.x + where.width}`).toBeLessThanOrEqual(360);
  expect(await page.locator('.header-actions').evaluate((actions) => actions.scrollWidth - actions.clientWidth)).toBe(0);

  // 退出 ends Zige's session and offers the registration system's: on a shared computer the
  // provider's session would otherwise let the next person in.
  await clickToNextPage(page, page.getByRole('button', { name: '退出' }));
  const offer = page.getByTestId('provider-sign-out');
  await expect(offer).toContainText('报名系统的账号在本设备上仍处于登录状态');
  await expectAccessible(page);
  await offer.getByRole('link', { name: '退出报名系统账号' }).click();
  // The registration system asks, and sends the person back to the log-in page.
  await expect(page.getByText('是否退出报名系统账号？')).toBeVisible();
  await clickToNextPage(page, page.locator('#logout-yes'));
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByTestId('provider-sign-out')).toHaveCount(0);
  // Signed out there too: the way in asks for the registration system's password again.
  await page.getByRole('link', { name: '用报名系统账号登录' }).click();
  await expect(page.locator('#login-form')).toBeVisible();

  // Seeds 001 and 003: 上传相关材料 at the registration system ("授权完成后即可进入报名材料上传界面")
  // links to the exam's page itself; signed in there, the candidate lands on it, not on 我的考试.
  await page.goto('/auth/oidc/start?next=/exams/003');
  await page.locator('#login').fill('wb2027101');
  await page.locator('#password').fill('wangbao-2027');
  await clickToNextPage(page, page.locator('#login-submit'));
  await expect(page).toHaveURL(/\/exams\/003$/);
  await expect(page.getByTestId('locked-note')).toContainText('上报完成，内容已锁定');
  // A return address off the site is refused in words; nothing begins.
  await page.goto('/auth/oidc/start?next=https://evil.example/exams/003');
  await expect(page.getByTestId('page-trouble')).toContainText('登录后的返回地址“https://evil.example/exams/003”不是本站的考试页面');
  await expect(page.getByText('is not an exam page of this site')).toBeVisible();
});
