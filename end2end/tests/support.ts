import AxeBuilder from '@axe-core/playwright';
import { expect, Page } from '@playwright/test';

/** Waits until the WASM has hydrated the page; clicks before that reach dead HTML. */
export async function waitForHydration(page: Page): Promise<void> {
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1, { timeout: 60_000 });
}

/** Goes to `path`, waits for hydration, and checks the page with axe-core. */
export async function open(page: Page, path: string): Promise<void> {
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
 * A real image encoded by the browser's own canvas encoder. `noise` makes it incompressible,
 * which is how a test gets a file far above a size limit.
 */
export async function makeImage(
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
