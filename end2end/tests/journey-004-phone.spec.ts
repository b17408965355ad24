import { expect, test } from '@playwright/test';
import { adminContext, beijing, clickToNextPage, expectAccessible, makePicture, open, recordUploads, switchLanguage } from './support';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

// Preset 004 (在职干部研究生) in English at 360 px, as the listed demo candidate: pledge, the
// personal form with its résumé rule and its diplomas in rows, a draft kept across a reload, a refused small photo, and a
// late upload refused by the server's clock after the administrator closes the window.
test('the demo candidate walks preset 004 on a phone, and a late upload is refused', async ({ page, browser, baseURL }) => {
  await open(page, '/login');
  await switchLanguage(page, 'English');
  await page.getByLabel('Document number').fill('44030519900101123X');
  await page.getByLabel('Password').fill('zige-demo-2026');
  await clickToNextPage(page, page.getByRole('button', { name: 'Log in' }));
  const card = page.locator('li.exam-card[data-exam="004"]');
  await expect(card).toContainText('Open for upload');
  await expectAccessible(page);
  await clickToNextPage(page, card.getByRole('link', { name: 'Enter exam' }));

  await page.getByLabel('I have read the pledge above and agree to it').check();
  await page.getByRole('button', { name: 'Agree and continue' }).click();
  await expect(page.getByTestId('countdown')).toContainText('Time left until upload closes');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectAccessible(page);

  // 7. The personal form: the same check as the server, problem shown at its field.
  const form = page.getByRole('region', { name: 'Personal information' });
  await form.locator('#form-education_level').selectOption({ index: 1 });
  await form.locator('#form-school').fill('Some University');
  await form.locator('#form-graduated').fill('2012-07');
  await form.locator('#form-employer').fill('Street Office');
  await form.locator('#form-work_began').fill('2015-07');
  await form.locator('#form-post_title').fill('Section member');
  const resume = form.locator('#form-resume');
  await resume.fill('2015.7-2017.3，**街道办事处，科员\n2017.6至今，**街道办事处，副主任科员');
  await expect(form.locator('[data-field=resume] .field-error')).toContainText('Gap before line 2: the previous period ends 2017-03, so this one must start 2017-04');
  await expectAccessible(page);
  await resume.fill('2015.7-2017.3，**街道办事处，科员\n2017.4至今，**街道办事处，副主任科员');
  await expect(form.locator('[data-field=resume] .field-error')).toHaveCount(0);

  // 四 高等教育学历栏: a row per diploma, each judged as it is typed; the rows' editor arrives when asked for.
  const diplomas = form.locator('[data-field=diplomas]');
  await expect(diplomas).toContainText('None yet.');
  await diplomas.getByRole('button', { name: 'Add or change diplomas' }).click();
  const first = diplomas.locator('fieldset[data-row="1"]');
  await first.getByLabel('Level').selectOption('大学本科');
  await first.getByLabel('School').fill('Some University');
  await first.getByLabel('Major').fill('Law');
  await first.getByLabel('Entered').fill('2008-09');
  await first.getByLabel('Graduated').fill('2012-07');
  const number = first.getByLabel('Certificate number');
  await number.fill('10422120120500123');
  await expect(diplomas.locator('.field-error')).toHaveText(['Higher education: Row 1: The certificate number must be 18 digits; it has 17']);
  await number.fill('104221201105001234');
  await expect(diplomas.locator('.field-error')).toContainText('Digits 7–10 of the certificate number give the year of graduation, 2011, not that of 2012-07');
  await number.fill('104221201205001234');
  await expect(diplomas.locator('.field-error')).toHaveCount(0);
  // A second row, wrong twice over, then removed.
  await diplomas.getByRole('button', { name: 'Add a row' }).click();
  const second = diplomas.locator('fieldset[data-row="2"]');
  await second.getByLabel('Level').selectOption('硕士研究生');
  await second.getByLabel('Certificate number').fill('104221201205001234');
  await expect(diplomas.locator('.field-error')).toHaveText([
    "Higher education: Row 2: Digits 11–12 of the certificate number are 05 (Bachelor's), not 02 for Master's",
    'Higher education: Row 2: the certificate number is that of row 1',
  ]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.screenshot({ path: test.info().outputPath('diploma-rows-360.png'), fullPage: true });
  await expectAccessible(page);
  await second.getByRole('button', { name: 'Remove row 2' }).click();
  await expect(diplomas.locator('fieldset.diploma-row')).toHaveCount(1);
  await expect(diplomas.locator('.field-error')).toHaveCount(0);

  // 9. 暂存 keeps it; coming back shows everything as left.
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Draft saved' })).toBeVisible();
  await page.reload();
  await expect(page.locator('#form-school')).toHaveValue('Some University');
  await expect(page.locator('#form-resume')).toHaveValue(/2017\.4至今/);
  // The row as kept, a line; its editor again on asking, the row judged at once.
  await expect(page.getByTestId('diploma-summary')).toHaveText('大学本科 · Some University · Law · 2008-09–2012-07 · 104221201205001234');
  await page.getByRole('button', { name: 'Add or change diplomas' }).click();
  const kept = page.locator('[data-field=diplomas] fieldset[data-row="1"]');
  await expect(kept.getByLabel('School')).toHaveValue('Some University');
  await expect(kept.getByLabel('Certificate number')).toHaveValue('104221201205001234');
  await kept.getByLabel('Graduated').fill('2013-07');
  await expect(page.locator('[data-field=diplomas] .field-error')).toContainText('give the year of graduation, 2012, not that of 2013-07');
  await kept.getByLabel('Graduated').fill('2012-07');
  await expect(page.locator('[data-field=diplomas] .field-error')).toHaveCount(0);

  // 5. The ID photo's hard limits, judged in the browser: too small in bytes, nothing sent.
  const photo = page.getByRole('region', { name: 'ID photo' });
  await expect(photo).toContainText('aspect ratio 3:4');
  await expect(photo.getByText('Take a photo')).toBeVisible();
  const uploads = recordUploads(page);
  const small = await makePicture(page, { width: 300, height: 400 });
  await photo.locator('#file-id_photo').setInputFiles({ name: 'me.jpg', mimeType: 'image/jpeg', buffer: small });
  await expect(photo.getByRole('alert')).toContainText('below the 100 KB minimum');
  await expectAccessible(page);
  expect(uploads).toHaveLength(0);

  // The photo tool, in English: a 4:3 phone photo far over 400 KB is cropped around the centre to
  // 3:4 and fitted in the browser; nothing is sent until Upload is pressed.
  const wide = await makePicture(page, { width: 1600, height: 1200, quality: 0.95, noise: true });
  expect(wide.length).toBeGreaterThan(400 * 1024);
  await photo.locator('#file-id_photo').setInputFiles({ name: 'wide.jpg', mimeType: 'image/jpeg', buffer: wide });
  await expect(photo.getByRole('alert').first()).toContainText('aspect ratio');
  await photo.getByRole('button', { name: 'Fix it for me' }).click();
  await expect(photo.locator('.fit-note')).toContainText(/Adjusted for you: [\d.]+ (KB|MB) → [\d.]+ KB, 1600×1200 → \d+×\d+, cropped to the required aspect/);
  await expect(photo.getByText('meets the rules')).toBeVisible();
  await expectAccessible(page);
  expect(uploads).toHaveLength(0);

  // A good photo, chosen while the page still believes the window is open …
  const good = await makePicture(page, { width: 450, height: 600, quality: 0.9, noise: true });
  expect(good.length).toBeGreaterThan(100 * 1024);
  expect(good.length).toBeLessThan(400 * 1024);
  await photo.locator('#file-id_photo').setInputFiles({ name: 'me.jpg', mimeType: 'image/jpeg', buffer: good });
  await expect(photo.getByText('meets the rules')).toBeVisible();

  // … then the administrator closes the window (a second browser, signed in as admin).
  const admin = await adminContext(browser);
  const closed = await admin.request.post('/api/admin_set_windows', {
    data: { code: '004', windows_local: [beijing(-2 * 24 * 60), beijing(-1), beijing(24 * 60), beijing(2 * 24 * 60)] },
  });
  expect(closed.ok()).toBeTruthy();
  await admin.close();

  // 11. The server refuses by its own clock, whatever the page believed.
  await photo.getByRole('button', { name: 'Upload', exact: true }).click();
  // (The noisy test photo also draws advice on its background: another alert, not this one.)
  await expect(photo.getByRole('alert').filter({ hasText: 'Uploading closed at' })).toBeVisible();
  expect(uploads).toHaveLength(1);
  await page.reload();
  await expect(page.getByTestId('closed-note')).toContainText('you can view your materials but no longer change them');
  await expect(page.locator('input[type=file]')).toHaveCount(0);
  await expect(page.locator('#form-school')).toBeDisabled();
  await expect(page.getByTestId('diploma-summary')).toHaveText('大学本科 · Some University · Law · 2008-09–2012-07 · 104221201205001234');
  await expect(page.getByTestId('edit-diplomas')).toHaveCount(0);
  await expectAccessible(page);
});
