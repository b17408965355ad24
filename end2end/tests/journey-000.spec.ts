import { expect, test } from '@playwright/test';
import { clickToNextPage, expectAccessible, makePicture, newResidentId, open, recordUploads, signUpThroughTheCheck } from './support';

// Preset 000 (资格初审) in Chinese on a desktop: sign up, pledge, requirements and examples,
// slots, advice, refusal, reorder, delete, the uploaded list, a refused then a good submission.
test('a candidate walks preset 000 from sign-up to a locked submission', async ({ page }) => {
  const idNumber = newResidentId();
  const password = 'Exam2026pass';

  await open(page, '/signup');
  await page.getByLabel('证件号码').fill(idNumber.toLowerCase());
  await page.getByLabel('姓名').fill('测试考生');
  await page.getByLabel('手机号码').fill('13912345678');
  await page.getByLabel('证件有效期至').fill('2036-05-01');
  await page.getByLabel(/^密码/).fill(password);
  // The check step: typed again, the number's x as X this time, which counts as the same.
  await signUpThroughTheCheck(page, idNumber, '测试考生');
  await expect(page.getByRole('heading', { name: '我的考试' })).toBeVisible();

  await clickToNextPage(page, page.getByRole('button', { name: '退出' }));
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel('证件号码').fill(idNumber);
  await page.getByLabel('密码').fill('not-my-password-1');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert')).toHaveText('证件号码或密码不正确');
  await page.getByLabel('密码').fill(password);
  await clickToNextPage(page, page.getByRole('button', { name: '登录' }));

  // 1. 我的考试: state and next deadline; the list-only exam 004 is not offered.
  const card = page.locator('li.exam-card[data-exam="000"]');
  await expect(card).toContainText('上传中');
  await expect(card).toContainText('未开始');
  await expect(card).toContainText(/上传截止：\d{4}-\d{2}-\d{2} \d{2}:\d{2} 北京时间/);
  await expect(page.locator('li.exam-card[data-exam="004"]')).toHaveCount(0);
  // 四、系统使用咨询方式: the exam's helpline, on its card and at the foot of its page.
  await expect(card.getByTestId('helpline')).toHaveText('咨询电话：0755-88892919，受理咨询时间：工作日9:00-12:00、14:00-18:00。');
  await expectAccessible(page);
  await clickToNextPage(page, card.getByRole('link', { name: '进入考试' }));

  // 3. The pledge comes first.
  await expect(page.getByRole('heading', { name: '诚信承诺书' })).toBeVisible();
  const agree = page.getByRole('button', { name: '同意并进入下一步' });
  await expect(agree).toBeDisabled();
  await expectAccessible(page);
  await page.getByLabel('我已认真阅读并同意以上承诺').check();
  await agree.click();
  await expect(page.getByTestId('countdown')).toContainText('距离上传截止');
  await expectAccessible(page);

  // 4. Requirements list and examples paged with ← →.
  await page.getByRole('button', { name: '查看上传材料要求清单' }).click();
  const requirements = page.getByRole('region', { name: '上传材料要求清单' });
  await expect(requirements.locator('li[data-category="id_card"]')).toContainText('固定 2 张：正面、反面');
  await expect(requirements.locator('li[data-category="household"]')).toContainText('选传');
  await expect(requirements.locator('li[data-category="education"]')).toContainText('建议文件不小于 100 KB');
  await expectAccessible(page);
  await requirements.locator('li[data-category="id_card"]').getByRole('button', { name: '上传示例' }).click();
  const examples = page.getByRole('dialog', { name: '上传示例' });
  await expect(examples.getByTestId('lightbox-position')).toContainText('第 1 / 2 张');
  await expect.poll(() => examples.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expectAccessible(page);
  await page.keyboard.press('ArrowRight');
  await expect(examples.getByTestId('lightbox-position')).toContainText('第 2 / 2 张');
  await page.keyboard.press('Escape');
  await expect(examples).toBeHidden();

  // 5. Slots: 正面 then 反面; a small file only warns (advice), it is still uploaded.
  const idCard = page.getByRole('region', { name: '身份证' });
  const uploads = recordUploads(page);
  for (const [name, slot] of [['front.jpg', '正面'], ['back.jpg', '反面']]) {
    await expect(idCard.locator('select[name=slot]')).toContainText(slot);
    const picture = await makePicture(page, { width: 300, height: 400 });
    await idCard.locator('#file-id_card').setInputFiles({ name, mimeType: 'image/jpeg', buffer: picture });
    await expect(idCard.getByText('提示（仍可上传）')).toBeVisible();
    await expect(idCard.locator('.warnings')).toContainText('低于下限 100 KB');
    await idCard.getByRole('button', { name: '上传', exact: true }).click();
    await expect(idCard.locator('li.material').filter({ hasText: name })).toHaveCount(1);
  }
  expect(uploads).toHaveLength(2);
  await expectAccessible(page);
  await expect(idCard).toContainText('已上传 2 张 / 需 2 张');
  await expect(idCard).toContainText('本类已达到张数上限');
  await idCard.getByRole('button', { name: '查看' }).first().click();
  const viewer = page.getByRole('dialog', { name: '查看材料' });
  await expect(viewer.getByTestId('lightbox-position')).toHaveText('第 1 / 2 张 · 顺序号 1 · 正面');
  await expectAccessible(page);
  await page.keyboard.press('ArrowRight');
  await expect(viewer.getByTestId('lightbox-position')).toHaveText('第 2 / 2 张 · 顺序号 2 · 反面');
  await page.keyboard.press('Escape');

  // A file over the hard limit is refused in the browser and never sent.
  const diplomas = page.getByRole('region', { name: '学历学位材料' });
  const oversized = await makePicture(page, { width: 1400, height: 1400, quality: 0.95, noise: true });
  await diplomas.locator('#file-education').setInputFiles({ name: 'diploma.jpg', mimeType: 'image/jpeg', buffer: oversized });
  await expect(diplomas.getByRole('alert').first()).toContainText(/文件 [\d.]+ (KB|MB)，超过上限 300 KB/);
  await expectAccessible(page);
  expect(uploads).toHaveLength(2);

  // Reorder with the keyboard, then delete one.
  const other = page.getByRole('region', { name: '其他材料' });
  // The second is a phone's motion photo: its video follows the picture and is cut off before
  // sending, with a note saying so.
  const picture = await makePicture(page, { width: 200, height: 200 });
  const video = Buffer.concat([Buffer.from('MotionPhoto_Data'), Buffer.from([0, 0, 0, 24]), Buffer.from('ftypmp42'), Buffer.alloc(40000, 7)]);
  for (const [index, [name, buffer]] of ([['first.jpg', picture], ['second.jpg', Buffer.concat([picture, video])]] as const).entries()) {
    await other.locator('#file-other').setInputFiles({ name, mimeType: 'image/jpeg', buffer });
    if (name === 'second.jpg') await expect(other.locator('.cut-note')).toContainText('已去掉图片后附带的');
    const sent = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/materials');
    await other.getByRole('button', { name: '上传', exact: true }).click();
    // What went over the wire: the picture and the form's few fields, not the 40 KB video.
    const request = await sent;
    await request.response();
    expect((await request.sizes()).requestBodySize, 'the video never leaves the phone').toBeLessThan(picture.length + 2000);
    // The chosen file's name shows before it is sent; the listed row is the proof it is stored.
    await expect(other.locator('li.material')).toHaveCount(index + 1);
  }
  await other.locator('li.material').first().focus();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(other.locator('li.material').first()).toContainText('second.jpg');
  await other.getByRole('button', { name: '删除' }).first().click();
  await other.getByRole('button', { name: '确认删除' }).click();
  await expect(other.locator('li.material')).toHaveCount(1);
  await expect(other.locator('li.material').first()).toContainText('first.jpg');

  // 6. The uploaded list says what is missing.
  await page.getByRole('button', { name: '查看已上传材料清单' }).click();
  const summary = page.getByRole('region', { name: '已上传材料清单' });
  await expect(summary.locator('tr[data-category="id_card"]')).toContainText('齐全');
  await expect(summary.locator('tr[data-category="education"]')).toContainText('还缺 1 张');
  await expectAccessible(page);

  // 10. Submitting too early lists what is missing; nothing is locked.
  await page.getByRole('button', { name: '提交审核' }).click();
  await page.getByRole('button', { name: '确认提交' }).click();
  await expect(page.getByTestId('missing')).toContainText('学历学位材料：需要 1 张，已上传 0 张');
  await expect(page.getByTestId('missing')).toContainText('个人履历材料：需要 1 张，已上传 0 张');
  // Whom to ask, under what stands in the way.
  await expect(page.getByTestId('missing').getByTestId('helpline-under-error')).toHaveText('如需帮助：咨询电话：0755-88892919，受理咨询时间：工作日9:00-12:00、14:00-18:00。');
  await expect(page.getByTestId('helpline')).toHaveText('系统使用咨询：咨询电话：0755-88892919，受理咨询时间：工作日9:00-12:00、14:00-18:00。');
  await expectAccessible(page);

  for (const [region, input] of [['学历学位材料', '#file-education'], ['个人履历材料', '#file-work_resume']]) {
    const section = page.getByRole('region', { name: region });
    await section.locator(input).setInputFiles({ name: 'page.jpg', mimeType: 'image/jpeg', buffer: await makePicture(page, { width: 600, height: 800 }) });
    await section.getByRole('button', { name: '上传', exact: true }).click();
    await expect(section.locator('li.material')).toHaveCount(1);
  }
  await page.getByRole('button', { name: '提交审核' }).click();
  await page.getByRole('button', { name: '确认提交' }).click();
  await expect(page.getByTestId('locked-note')).toContainText('上报完成，内容已锁定');
  await expect(idCard.getByText('已锁定')).toHaveCount(2);
  await expect(page.getByRole('button', { name: '删除' })).toHaveCount(0);
  await expect(page.locator('input[type=file]')).toHaveCount(0);
  await expectAccessible(page);
  await page.reload();
  await expect(page.getByTestId('application-state')).toHaveText('已提交审核');
  // 上传回执: the server's PDF of what was sent, one line per file.
  const receiptLink = page.getByRole('link', { name: '下载上传回执（PDF）' });
  const receipt = await page.request.get((await receiptLink.getAttribute('href'))!);
  expect(receipt.headers()['content-type']).toBe('application/pdf');
  expect((await receipt.body()).subarray(0, 5).toString()).toBe('%PDF-');
});
