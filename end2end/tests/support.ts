import AxeBuilder from '@axe-core/playwright';
import { APIRequestContext, Browser, BrowserContext, BrowserContextOptions, expect, Locator, Page, test } from '@playwright/test';
import { createHmac } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** What went wrong in each page so far: console errors, uncaught exceptions, failed requests. */
const troubles = new WeakMap<Page, string[]>();

/** Starts noting the page's troubles (once per page), so a page that never comes alive says why. */
function noteTroubles(page: Page): void {
  if (troubles.has(page)) return;
  const lines: string[] = [];
  troubles.set(page, lines);
  page.on('console', (message) => {
    if (message.type() === 'error') lines.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => lines.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => lines.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on('response', (response) => {
    if (response.status() >= 500) lines.push(`answer ${response.status()}: ${response.url()}`);
  });
}

/** Fails if the page's code panicked or threw since it was opened with `open()`. */
export function expectNoPanic(page: Page): void {
  const seen = (troubles.get(page) ?? []).filter((line) => /panicked|uncaught|disposed|already borrowed/.test(line));
  expect(seen, `${page.url()}`).toEqual([]);
}

/** Waits until the WASM has hydrated the page; clicks before that reach dead HTML. */
export async function waitForHydration(page: Page): Promise<void> {
  try {
    await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1, { timeout: 60_000 });
  } catch (error) {
    // The page never came alive: say what the browser saw, not only that it waited.
    const state = await page
      .evaluate(() => ({ readyState: document.readyState, bodyBytes: document.body?.innerHTML.length ?? -1 }))
      .catch((reason) => `unreadable (${reason})`);
    const seen = troubles.get(page) ?? ['(not watched: the page was not opened with open())'];
    throw new Error(`${page.url()} never hydrated; page ${JSON.stringify(state)}\n${seen.join('\n')}\n${error}`);
  }
}

/**
 * Clicks `target` (a link, or a button such as 登录 or 退出 whose success opens another page) and
 * waits until the page it opens is live. A candidate's pages are separate page loads, so the next
 * page's fields do nothing until its code has started; the old page's mark must not count.
 */
export async function clickToNextPage(page: Page, target: Locator): Promise<void> {
  noteTroubles(page);
  await page.evaluate(() => {
    (window as any).zigeLeaving = true;
  });
  await target.click();
  // Polled from here: an evaluation that meets the page change fails, and is simply asked again.
  const leftOldPage = () => page.evaluate(() => !(window as any).zigeLeaving).catch(() => false);
  await expect.poll(leftOldPage, { timeout: 60_000 }).toBe(true);
  await waitForHydration(page);
}

/**
 * Switches the language with the header's button. A candidate's page is loaded again in the new
 * language (most of its text is the server's); a staff page switches in place. Either way, waits
 * until the page reads in that language and is live again.
 */
export async function switchLanguage(page: Page, to: 'English' | '中文'): Promise<void> {
  // The button is the island's: a page still streaming its last part (the fee card waiting for
  // the payment's result) shows it before it listens.
  await waitForHydration(page);
  await page.getByRole('button', { name: to }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', to === 'English' ? 'en' : 'zh-CN');
  await waitForHydration(page);
}

/** Goes to `path`, waits for hydration, and checks the page with axe-core. */
export async function open(page: Page, path: string): Promise<void> {
  noteTroubles(page);
  await page.goto(path);
  await waitForHydration(page);
  await expectAccessible(page);
}

/**
 * Runs axe-core on the page as it stands and fails on any serious or critical violation (a field
 * without a label, text too faint to read, a button with no name…), naming each rule and the
 * elements that break it. Minor and moderate findings do not fail the test.
 */
export async function expectAccessible(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = blocking.map((v) => {
    const targets = v.nodes.map((node) => `    ${node.target.join(' ')}`).join('\n');
    return `${v.impact} ${v.id}: ${v.help} (${v.helpUrl})\n${targets}`;
  });
  if (report.length > 0) {
    throw new Error(`axe-core on ${page.url()}: ${report.length} serious or critical violation(s)\n${report.join('\n')}`);
  }
}

/** A fresh, valid 18-character resident ID number (GB 11643 check character). */
export function newResidentId(): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const checks = '10X98765432';
  const sequence = String(Math.floor(Math.random() * 1000)).padStart(3, '0');
  const county = String(Math.floor(Math.random() * 10000)).padStart(4, '0');
  const body = `44${county}19930715${sequence}`;
  const sum = [...body].reduce((acc, digit, i) => acc + Number(digit) * weights[i], 0);
  return body + checks[sum % 11];
}

/**
 * A real picture encoded by the browser's own canvas encoder. `noise` makes it incompressible,
 * which is how a test gets a file far above a size limit.
 */
export async function makePicture(
  page: Page,
  options: { width: number; height: number; type?: 'image/jpeg' | 'image/png'; quality?: number; noise?: boolean },
): Promise<Buffer> {
  const base64 = await page.evaluate(async ({ width, height, type, quality, noise }) => {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d')!;
    const pixels = context.createImageData(width, height);
    let seed = 12345;
    for (let i = 0; i < pixels.data.length; i += 4) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const value = noise ? seed & 255 : ((i / 4) % width) & 255;
      pixels.data[i] = value;
      pixels.data[i + 1] = (value * 3) & 255;
      pixels.data[i + 2] = (value * 7) & 255;
      pixels.data[i + 3] = 255;
    }
    context.putImageData(pixels, 0, 0);
    const blob: Blob = await new Promise((resolve) => canvas.toBlob((b) => resolve(b!), type, quality));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    bytes.forEach((b) => (binary += String.fromCharCode(b)));
    return btoa(binary);
  }, { type: 'image/jpeg', quality: 0.85, noise: false, ...options });
  return Buffer.from(base64, 'base64');
}

/** Records every upload request the page sends, to prove a refused file never left. */
export function recordUploads(page: Page): string[] {
  const sent: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/materials') sent.push(request.url());
  });
  return sent;
}

/**
 * A picture drawn like what a phone takes: a page of print on paper, or a head and shoulders in
 * front of a background; optionally blurred or darkened (the canvas's own filters), with a little
 * sensor noise so its bytes are those of a photo, and (`orientation`) an EXIF orientation tag as a
 * phone held sideways writes it (the pixels are then stored turned, as the camera does).
 */
export async function makeScene(
  page: Page,
  options: {
    width: number;
    height: number;
    scene: 'page' | 'portrait';
    background?: string;
    blur?: number;
    brightness?: number;
    quality?: number;
    orientation?: 6;
    /** A QR code's modules (`QRCode.create(text).modules` of npm's qrcode: its size and one 0/1 per
     * module, row by row), printed in the page's lower right corner. */
    qr?: { size: number; data: number[] };
    /** A record's holder: `证件号码 <holderId>` printed near the page's top, as a 备案表 prints it. */
    holderId?: string;
    /** A diploma's `证书编号 <diplomaNumber>`, printed in the row under the holder's. */
    diplomaNumber?: string;
    /** The last day the record verifies ("2027年05月20日"), printed above the QR code's row. */
    verificationEnds?: string;
    /** A portrait's people: one as an ID photo wants it (its face's box half the height, its top
     * 24 % down, in the middle) unless said. */
    people?: { x: number; y: number; box: number }[];
  },
): Promise<Buffer> {
  const faceJpeg = fs.readFileSync(path.join(__dirname, 'fixtures', 'face.jpg')).toString('base64');
  const base64 = await page.evaluate(async ({ width, height, scene, background, blur, brightness, quality, orientation, qr, holderId, diplomaNumber, verificationEnds, people, faceJpeg }) => {
    // A phone held sideways stores the picture turned a quarter to the left (orientation 6).
    const [w, h] = orientation === 6 ? [height, width] : [width, height];
    const scratch = document.createElement('canvas');
    scratch.width = width;
    scratch.height = height;
    const draw = scratch.getContext('2d')!;
    draw.fillStyle = background;
    draw.fillRect(0, 0, width, height);
    if (scene === 'page') {
      draw.fillStyle = '#1d2330';
      const size = Math.round(width / 40);
      if (holderId) {
        // As a record's table prints it: the label in its cell, the number in the next.
        draw.font = `${Math.round(size * 1.4)}px sans-serif`;
        draw.fillText('证件号码', size * 2, size * 3);
        draw.fillText(holderId, width * 0.3, size * 3);
      }
      if (diplomaNumber) {
        draw.font = `${Math.round(size * 1.4)}px sans-serif`;
        draw.fillText('证书编号', size * 2, size * 6);
        draw.fillText(diplomaNumber, width * 0.3, size * 6);
      }
      draw.font = `${size}px sans-serif`;
      for (let y = size * (diplomaNumber ? 9 : holderId ? 6 : 3), line = 0; y < height - size * 2; y += size * 1.6, line++) {
        draw.fillText(`Certificate No. 2026-${1000 + line} awarded to the holder, registered and sealed`, size * 2, y);
      }
      if (verificationEnds) {
        // On a band of its own, as the record prints it under its table.
        draw.fillStyle = background;
        draw.fillRect(0, height * 0.62, width, size * 3);
        draw.fillStyle = '#1d2330';
        draw.font = `${Math.round(size * 1.2)}px sans-serif`;
        draw.fillText(`本备案表在线验证有效期至${verificationEnds}`, size * 2, height * 0.62 + size * 2);
      }
      if (qr) {
        // A quiet zone of 4 modules around the code, as printed.
        const module = Math.floor(width / 4 / (qr.size + 8));
        const [left, top] = [width - module * (qr.size + 10), height - module * (qr.size + 10)];
        draw.fillStyle = '#ffffff';
        draw.fillRect(left, top, module * (qr.size + 8), module * (qr.size + 8));
        draw.fillStyle = '#111111';
        qr.data.forEach((dark, i) => {
          if (dark) draw.fillRect(left + module * (4 + (i % qr.size)), top + module * (4 + Math.floor(i / qr.size)), module, module);
        });
        draw.fillStyle = '#1d2330';
      }
    } else {
      // A real face (fixtures/face.jpg, scripts/draw_portraits.py): the detector finds real faces
      // only. Each person: shoulders, and the head cut out in an oval, its face's box `box` of the
      // height with its top `y` down and its middle `x` across (shares of the picture).
      const face = await createImageBitmap(new Blob([Uint8Array.from(atob(faceJpeg), (c) => c.charCodeAt(0))], { type: 'image/jpeg' }));
      const [boxX, boxY, boxSide] = [73, 68, 99];
      for (const person of people) {
        const side = person.box * height;
        const scale = side / boxSide;
        const middle = person.x * width;
        const top = person.y * height;
        draw.fillStyle = '#2c3550';
        draw.beginPath();
        draw.ellipse(middle, top + side * 1.6, side * 0.9, side * 0.6, 0, 0, Math.PI * 2);
        draw.fill();
        const [hairTop, chin] = [top - 0.45 * side, top + 1.1 * side];
        draw.save();
        draw.beginPath();
        draw.ellipse(middle, (hairTop + chin) / 2, 0.55 * side, (chin - hairTop) / 2, 0, 0, Math.PI * 2);
        draw.clip();
        draw.drawImage(face, middle - (boxX + boxSide / 2) * scale, top - boxY * scale, face.width * scale, face.height * scale);
        draw.restore();
      }
    }
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const context = canvas.getContext('2d')!;
    context.filter = `blur(${blur}px) brightness(${brightness})`;
    if (orientation === 6) {
      // Stored turned left; a viewer turns it right by the tag.
      context.translate(0, h);
      context.rotate(-Math.PI / 2);
    }
    context.drawImage(scratch, 0, 0);
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.filter = 'none';
    const pixels = context.getImageData(0, 0, w, h);
    let seed = 99;
    for (let i = 0; i < pixels.data.length; i += 4) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const grain = ((seed >> 8) % 9) - 4;
      for (let c = 0; c < 3; c++) pixels.data[i + c] = Math.max(0, Math.min(255, pixels.data[i + c] + grain));
    }
    context.putImageData(pixels, 0, 0);
    const blob: Blob = await new Promise((resolve) => canvas.toBlob((b) => resolve(b!), 'image/jpeg', quality));
    let bytes = new Uint8Array(await blob.arrayBuffer());
    if (orientation === 6) {
      // APP1 "Exif": a big-endian TIFF header and one IFD entry, 0x0112 Orientation = 6, placed
      // after the encoder's JFIF segment.
      const exif = [0xff, 0xe1, 0x00, 0x22, 0x45, 0x78, 0x69, 0x66, 0x00, 0x00, 0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08,
        0x00, 0x01, 0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00];
      const app0End = 4 + ((bytes[4] << 8) | bytes[5]);
      bytes = new Uint8Array([...bytes.slice(0, app0End), ...exif, ...bytes.slice(app0End)]);
    }
    let binary = '';
    bytes.forEach((b) => (binary += String.fromCharCode(b)));
    return btoa(binary);
  }, { background: '#f4f2ee', blur: 0, brightness: 1, quality: 0.92, orientation: undefined, qr: undefined, holderId: undefined, diplomaNumber: undefined, verificationEnds: undefined, people: [{ x: 0.5, y: 0.24, box: 0.5 }], ...options, faceJpeg });
  return Buffer.from(base64, 'base64');
}

/**
 * A scan as seed 004 prescribes it (六(二)): an A4 page at 200 DPI, 1654 × 2339 pixels, between
 * 400 and 600 KB, its JFIF header saying 200 dots per inch as a scanner writes it. `background`
 * tells one page from another.
 */
export async function makeSeedScan(page: Page, background = '#f4f2ee', holderId?: string): Promise<Buffer> {
  let [low, high] = [0.5, 0.98];
  for (let tries = 0; tries < 8; tries++) {
    const quality = (low + high) / 2;
    const scan = await makeScene(page, { width: 1654, height: 2339, scene: 'page', background, quality, holderId });
    if (scan.length < 420 * 1024) low = quality;
    else if (scan.length > 590 * 1024) high = quality;
    else return withDpi(scan, 200);
  }
  throw new Error('no quality gives a seed-size scan');
}

/** The JPEG with its JFIF density set to `dpi` dots per inch (the canvas encoder writes none). */
function withDpi(jpeg: Buffer, dpi: number): Buffer {
  const out = Buffer.from(jpeg);
  if (out.toString('latin1', 6, 11) !== 'JFIF\0') throw new Error('not a JFIF JPEG');
  out[13] = 1;
  out.writeUInt16BE(dpi, 14);
  out.writeUInt16BE(dpi, 16);
  return out;
}

/**
 * 注册 pressed, then seed 002's check step: the document type, its number and the name typed once
 * more; the page moves on to 我的考试.
 */
export async function signUpThroughTheCheck(page: Page, idNumber: string, name: string): Promise<void> {
  await page.getByRole('button', { name: '注册' }).click();
  const check = page.getByTestId('sign-up-check');
  await check.getByLabel('再次选择证件类型').selectOption('resident_id');
  await check.getByLabel('再次输入证件号码').fill(idNumber);
  await check.getByLabel('再次输入姓名').fill(name);
  await clickToNextPage(page, check.getByRole('button', { name: '确认注册' }));
}

/** Signs a new candidate up through the page (Chinese), landing on 我的考试; their ID number. */
export async function signUpCandidate(page: Page, name: string, mobile = '13912345678'): Promise<string> {
  const idNumber = newResidentId();
  await open(page, '/signup');
  await page.getByLabel('证件号码').fill(idNumber);
  await page.getByLabel('姓名').fill(name);
  await page.getByLabel('手机号码').fill(mobile);
  await page.getByLabel('证件有效期至').fill('2036-05-01');
  await page.getByLabel(/^密码/).fill('Exam2026pass');
  await signUpThroughTheCheck(page, idNumber, name);
  await expect(page.getByRole('heading', { name: '我的考试' })).toBeVisible();
  return idNumber;
}

/** Calls a server function by its endpoint name with a JSON body; fails the test unless it answers 2xx. */
export async function call(request: APIRequestContext, name: string, data: object): Promise<any> {
  const response = await request.post(`/api/${name}`, { data });
  expect(response.ok(), `${name}: ${await response.text()}`).toBeTruthy();
  return response.json();
}

/** A `datetime-local` value in UTC+08:00, `minutes` from now. */
export function beijing(minutes: number): string {
  return new Date(Date.now() + (8 * 60 + minutes) * 60_000).toISOString().slice(0, 16);
}

/** The demo staff, as the README publishes them: ID number, password, authenticator key. */
export const DEMO_ADMIN = { idNumber: '44030519850315456X', password: 'zige-admin-2026', key: 'ZIGEDEMOADMINZIGEDEMOADMINZIGEDE' };
export const DEMO_REVIEWER = { idNumber: '110101198008087897', password: 'zige-review-2026', key: 'ZIGEDEMOREVIEWERZIGEDEMOREVIEWER' };

/** RFC 4648 base32, as authenticator apps read their keys (spaces ignored). */
function base32Bytes(key: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of key.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  const bytes = bits.match(/.{8}/g) ?? [];
  return Buffer.from(bytes.map((byte) => parseInt(byte, 2)));
}

/** The six digits an authenticator holding `key` shows in 30-second step `step` (RFC 6238, SHA-1). */
export function totpCode(key: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Bytes(key)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/**
 * The steps each staff account's codes were last taken at, in a file beside the results, so a
 * worker started after a failure knows them too: the server takes each step's code once (RFC 6238
 * §5.2), and only a step after the last one.
 */
const usedStepsFile = path.join(__dirname, '..', 'test-results', 'totp-steps.json');

function usedSteps(): Record<string, number> {
  try {
    return JSON.parse(fs.readFileSync(usedStepsFile, 'utf8'));
  } catch {
    return {};
  }
}

/**
 * A code for `key` the server has not taken yet: the current step's, else the next one's (the
 * server takes a step either side of now), else it waits for the step after. Called under the
 * authenticators' lock (withFreshCode).
 */
async function freshCode(key: string): Promise<string> {
  for (;;) {
    const now = Math.floor(Date.now() / 1000 / 30);
    const step = Math.max(now, (usedSteps()[key] ?? 0) + 1);
    if (step <= now + 1) {
      fs.mkdirSync(path.dirname(usedStepsFile), { recursive: true });
      fs.writeFileSync(usedStepsFile, JSON.stringify({ ...usedSteps(), [key]: step }));
      return totpCode(key, step);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/**
 * Gives `use` a code for `key` the server has not taken yet, and holds the authenticators' lock
 * until `use` has the server's answer: workers run side by side, and the server takes only a
 * step after the last it took, so a code chosen after another worker's but given before it would
 * make that one's refused. One lock for every key, as they share the file of used steps. The lock
 * is a folder (made or refused at once, across processes); one left by a worker that died is
 * taken after a minute.
 */
export async function withFreshCode<T>(key: string, use: (code: string) => Promise<T>): Promise<T> {
  const lock = `${usedStepsFile}.lock`;
  fs.mkdirSync(path.dirname(usedStepsFile), { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      try {
        if (Date.now() - fs.statSync(lock).mtimeMs > 60_000) fs.rmSync(lock, { recursive: true, force: true });
      } catch {
        // Released between the two calls: try again.
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    return await use(await freshCode(key));
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** Posts `data` to `url`; when told to wait (429), waits as told and tries again, three times. */
async function postPatiently(request: APIRequestContext, url: string, data: object) {
  for (let attempt = 0; ; attempt += 1) {
    const response = await request.post(url, { data });
    if (response.status() !== 429 || attempt === 2) return response;
    const waitSecs = Number(response.headers()['retry-after'] ?? '5');
    await new Promise((resolve) => setTimeout(resolve, waitSecs * 1000 + 250));
  }
}

/**
 * Demo staff sign in through the API: the password, then a fresh code from their authenticator.
 * Every test that makes a fresh exam does this from the one loopback address, which may log in 20
 * times at once and once more every 3 s: a run of the whole suite stays under that, but when it
 * is told to wait (429), it waits as told and tries again.
 */
export async function staffLogsIn(request: APIRequestContext, staff: typeof DEMO_ADMIN): Promise<void> {
  const login = await postPatiently(request, '/api/log_in', { id_number: staff.idNumber, password: staff.password });
  expect(login.ok(), `log_in: ${await login.text()}`).toBeTruthy();
  const given = await withFreshCode(staff.key, (code) => postPatiently(request, '/api/give_second_factor', { code }));
  expect(given.ok(), `give_second_factor: ${await given.text()}`).toBeTruthy();
}

/**
 * Demo staff sign in on the log-in page as a person does: ID number and password, then the code
 * on the 两步验证 page, landing on their start page.
 */
export async function staffLogsInOnThePage(page: Page, staff: typeof DEMO_ADMIN): Promise<void> {
  await open(page, '/login');
  await page.getByLabel('证件号码').fill(staff.idNumber);
  await page.getByLabel('密码').fill(staff.password);
  await clickToNextPage(page, page.getByRole('button', { name: '登录' }));
  await expect(page.getByRole('heading', { name: '两步验证' })).toBeVisible();
  await withFreshCode(staff.key, async (code) => {
    await page.getByLabel('验证码').fill(code);
    await clickToNextPage(page, page.getByRole('button', { name: '验证并登录' }));
  });
}

/** A fresh exam `code` from `preset`, whose category `category` holds at most `maxCount` pictures
 * (written into its `[categories.rules]`, as an administrator edits the exam file). */
export async function presetWithMaxCount(admin: BrowserContext, preset: string, code: string, category: string, maxCount: number): Promise<void> {
  await call(admin.request, 'admin_create_exam', { preset, code, source: '' });
  const detail = await call(admin.request, 'admin_exam_detail', { code });
  const at = detail.source.indexOf(`code = "${category}"`);
  const rules = detail.source.indexOf('[categories.rules]', at) + '[categories.rules]'.length;
  await call(admin.request, 'admin_save_exam', { code, source: `${detail.source.slice(0, rules)}\nmax_count = ${maxCount}${detail.source.slice(rules)}` });
}

/**
 * Each demo staff member's signed-in session, made once per worker and handed to every context
 * that needs one: each sign-in takes a 30-second step of the authenticator's, so a second one
 * within the same half-minute waited for the next (on-site-day's reviewer, signed in to approve
 * and again to check, waited up to 30 s). Where signing in is what a test is about, it signs in.
 */
const staffSessions = new Map<string, Awaited<ReturnType<BrowserContext['storageState']>>>();

/** A context of `browser` (made with `options`) signed in as `staff`, in the session this worker
 * keeps for them; signed in afresh when there is none, or it has ended. */
export async function staffContext(browser: Browser, staff: typeof DEMO_ADMIN, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const baseURL = test.info().project.use.baseURL;
  const kept = staffSessions.get(staff.idNumber);
  if (kept) {
    const context = await browser.newContext({ baseURL, ...options, storageState: kept });
    const me = await context.request.post('/api/current_user', { data: {} });
    if (me.ok() && (await me.json()) !== null) return context;
    await context.close();
  }
  const context = await browser.newContext({ baseURL, ...options });
  await staffLogsIn(context.request, staff);
  staffSessions.set(staff.idNumber, await context.storageState());
  return context;
}

/** The demo administrator's context, in the session this worker keeps (`staffContext`). */
export async function adminContext(browser: Browser): Promise<BrowserContext> {
  return staffContext(browser, DEMO_ADMIN);
}

/**
 * The demo administrator makes a fresh exam `code` from `preset` (the demo exams stay as the
 * other tests expect them); a new candidate signs up in a context of their own, accepts the
 * pledge and lands on the exam page (their ID number returned with the rest).
 */
export async function candidateOnFreshExam(
  browser: Browser,
  preset: string,
  code: string,
  name: string,
  mobile: string,
  viewport?: { width: number; height: number },
): Promise<{ admin: BrowserContext; phone: BrowserContext; page: Page; idNumber: string }> {
  const baseURL = test.info().project.use.baseURL;
  const admin = await adminContext(browser);
  await call(admin.request, 'admin_create_exam', { preset, code, source: '' });
  const phone = await browser.newContext({ baseURL, ...(viewport ? { viewport } : {}) });
  const page = await phone.newPage();
  const idNumber = await signUpCandidate(page, name, mobile);
  // Preset 002 has its 报考须知 before the pledge (notice-then-pledge.spec.ts goes through its page).
  if (preset === '002') await call(page.request, 'accept_notice', { code });
  await call(page.request, 'accept_pledge', { code });
  await open(page, `/exams/${code}`);
  await codeFetchedWhenLiveArrived(page);
  return { admin, phone, page, idNumber };
}

/** The files of the split's chunks `splits`, each with the chunks it shares (the split's manifest). */
export async function splitFiles(page: Page, splits: string[]): Promise<string[]> {
  return page.evaluate(async (names) => {
    const manifest = await (await fetch('/pkg/__wasm_split_manifest.json')).json();
    return names.flatMap((name) => manifest[name]).map((file: string) => `/pkg/${file}.wasm`);
  }, splits);
}

/** The files of the code that works on what the device keeps (reads it back, sends the queue,
 * chooses between two drafts): fetched when the device holds records, and by an exam page the
 * candidate fills in for the offline copy after its first load. */
export async function deviceRecordsCode(page: Page): Promise<string[]> {
  return splitFiles(page, ['device_records']);
}

/** The files of the code an exam page the candidate still fills in fetches as soon as it is live:
 * the judging chunk and the device store's keeping chunk. */
export async function codeFetchedWhenLive(page: Page): Promise<string[]> {
  return splitFiles(page, ['judging', 'device_store']);
}

/** Waits until that code has arrived. Until then, a network that dies leaves the page saying it
 * cannot judge files or keep them on the phone, which is not what these tests are about. */
export async function codeFetchedWhenLiveArrived(page: Page): Promise<void> {
  const needed = await codeFetchedWhenLive(page);
  await expect
    .poll(() =>
      page.evaluate(
        (files) =>
          files.every((file) =>
            performance.getEntriesByType('resource').some((e) => new URL(e.name).pathname === file && (e as PerformanceResourceTiming).responseEnd > 0),
          ),
        needed,
      ),
    { timeout: 30_000 })
    .toBe(true);
}

/**
 * Exam `code` (made from preset 000, with `tables` put before its `[windows]` and `tail` after
 * everything) reviewed by the demo reviewer, and a new candidate on `page` who applies with one
 * picture in each of `pictures` and is approved; then the administrator publishes the results.
 * The journey itself is tested elsewhere.
 */
export async function approvedOnFreshExam(
  browser: Browser,
  page: Page,
  exam: { code: string; tables: string; tail?: string },
  candidate: { name: string; mobile: string },
  pictures: ReadonlyArray<readonly [string, number]>,
): Promise<BrowserContext> {
  const { code, tables, tail = '' } = exam;
  const admin = await adminContext(browser);
  await call(admin.request, 'admin_create_exam', { preset: '000', code, source: '' });
  const detail = await call(admin.request, 'admin_exam_detail', { code });
  const at = detail.source.indexOf('[windows]');
  await call(admin.request, 'admin_save_exam', { code, source: `${detail.source.slice(0, at)}${tables}${detail.source.slice(at)}${tail}` });
  const reviewers = await call(admin.request, 'admin_reviewers', {});
  const reviewerId = reviewers.find((r: any) => r.id_number_masked.endsWith('7897')).id;
  await call(admin.request, 'admin_assign_reviewer', { reviewer_id: reviewerId, exam_code: code, duty: 'review' });

  await signUpCandidate(page, candidate.name, candidate.mobile);
  await call(page.request, 'accept_pledge', { code });
  const picture = await makePicture(page, { width: 400, height: 300 });
  for (const [category, seq] of pictures) {
    const response = await page.request.post('/api/materials', {
      multipart: { exam: code, category, seq_no: String(seq), file: { name: `${category}.jpg`, mimeType: 'image/jpeg', buffer: picture } },
    });
    expect(response.status()).toBe(201);
  }
  await call(page.request, 'save_application', { code, form: {}, position: null, submit: true });
  await approveAndPublish(browser, admin, code);
  return admin;
}

/** The demo reviewer approves the one application submitted to exam `code`; then the
 * administrator publishes the results. */
export async function approveAndPublish(browser: Browser, admin: BrowserContext, code: string): Promise<void> {
  const reviewer = await staffContext(browser, DEMO_REVIEWER);
  const queue = await call(reviewer.request, 'review_queue', { query: { exam_code: code, filter: 'awaiting', from: null, to: null, after: null } });
  const id = queue.rows[0].application_id;
  const sheet = await call(reviewer.request, 'open_application', { id, take_over: false });
  await call(reviewer.request, 'decide_application', { id, version: sheet.version, decision: 'Approve' });
  await reviewer.close();
  // Results are published.
  await call(admin.request, 'admin_set_windows', { code, windows_local: [beijing(-3 * 24 * 60), beijing(-2 * 24 * 60), beijing(-24 * 60), beijing(-1)] });
}

/** Counts the upload requests any page of `context` sends. */
/** The paths the offline copy keeps of the app's code (and the face detector's model). */
export async function keptInOfflineCopy(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const kept = await caches.open('zige-shell-v1');
    return (await kept.keys()).map((r) => new URL(r.url).pathname);
  });
}

/** The network dies and `page` is closed; `path` is opened again in `phone` from the offline copy,
 * live, the page saying it is the copy. */
export async function reopenedOffline(phone: BrowserContext, page: Page, path: string): Promise<Page> {
  await phone.setOffline(true);
  await page.close();
  const reopened = await phone.newPage();
  await reopened.goto(path);
  await expect(reopened.locator('body[data-hydrated="true"]')).toHaveCount(1, { timeout: 60_000 });
  await expect(reopened.getByTestId('offline-banner')).toContainText('离线副本');
  return reopened;
}

export function countUploads(context: BrowserContext): () => number {
  let sent = 0;
  context.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/materials') sent += 1;
  });
  return () => sent;
}

export async function stored(request: APIRequestContext, code: string, category: string): Promise<string[]> {
  const page = await call(request, 'exam_page', { code });
  const found = page.categories.find((c: any) => c.code === category);
  return (found?.materials ?? []).map((m: any) => m.original_name);
}

export async function choose(page: Page, region: string, input: string, name: string): Promise<void> {
  const section = page.getByRole('region', { name: region });
  const picture = await makePicture(page, { width: 300, height: 400 });
  await section.locator(input).setInputFiles({ name, mimeType: 'image/jpeg', buffer: picture });
  await expect(section.getByText('提示（仍可上传）')).toBeVisible();
  await section.getByRole('button', { name: '上传', exact: true }).click();
}

/**
 * A PDF of `pages` A4 pages, as a candidate downloads a record: a title, lines of text in Helvetica
 * (a standard font the file does not carry, as such records often do) and a table's rules, each page
 * numbered. Written out by hand: a PDF is text with byte offsets at its end.
 */
export function makePdf(pages: number): Buffer {
  const objects: string[] = [];
  const pageIds = Array.from({ length: pages }, (_, i) => 4 + 2 * i);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';
  pageIds.forEach((id, i) => {
    const lines = Array.from({ length: 18 }, (_, row) =>
      `BT /F1 12 Tf 72 ${700 - row * 30} Td (Line ${row + 1} of page ${i + 1}: record 4403051990010${i}123X) Tj ET`,
    );
    const rules = Array.from({ length: 6 }, (_, row) => `72 ${160 - row * 20} 451 1 re f`);
    const content = [`BT /F1 24 Tf 72 760 Td (Record, page ${i + 1} of ${pages}) Tj ET`, ...lines, ...rules].join('\n');
    objects[id] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${id + 1} 0 R /Resources << /Font << /F1 3 0 R >> >> >>`;
    objects[id + 1] = `<< /Length ${Buffer.byteLength(content)} >>\nstream\n${content}\nendstream`;
  });
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = Buffer.byteLength(body);
    body += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) body += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
