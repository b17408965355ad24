// The photo tool's fit against browser-image-compression 2.0.2 in the same page of headless
// Chromium (run by ./scripts/bench-photo-fit.sh, which serves Zige at $ZIGE_BENCH_URL).
// 1. Speed: a 12 MP phone photo (4000×3000, EXIF orientation 6, ~3.7 MB) fitted into 100–300 KB
//    with a short side of at least 1240 px, RUNS times each; medians.
// 2. Safety: VARIED different photos (scenes, grain, sizes, orientations) through Zige's fit; every
//    result is probed for its bytes and pixels and must be inside the window.
const { chromium } = require('@playwright/test');
const path = require('path');

const RUNS = Number(process.env.ZIGE_BENCH_RUNS || 15);
const VARIED = Number(process.env.ZIGE_BENCH_VARIED || 100);
const MIN = 100 * 1024, MAX = 300 * 1024, SHORT = 1240;

async function main() {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  // The script tag below is inline: the page's own CSP (rightly) refuses it.
  const page = await (await browser.newContext({ bypassCSP: true })).newPage();
  await page.goto(`${process.env.ZIGE_BENCH_URL}/photo-tool`);
  await page.locator('body[data-hydrated="true"]').waitFor({ state: 'attached', timeout: 60000 });
  await page.addScriptTag({ path: require.resolve('browser-image-compression/dist/browser-image-compression.js') });
  await page.evaluate(() => {
    // A phone photo: sky, ground, shapes and sensor grain, stored turned left with EXIF 6 when asked.
    window.makePhoto = async (width, height, seed, grain, orientation6) => {
      const canvas = document.createElement('canvas');
      canvas.width = width; canvas.height = height;
      const c = canvas.getContext('2d');
      let s = seed;
      const rnd = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
      const sky = c.createLinearGradient(0, 0, 0, height);
      sky.addColorStop(0, `hsl(${rnd() * 360},50%,75%)`); sky.addColorStop(1, `hsl(${rnd() * 360},40%,35%)`);
      c.fillStyle = sky; c.fillRect(0, 0, width, height);
      for (let i = 0; i < 60; i++) {
        c.fillStyle = `hsla(${rnd() * 360},${30 + rnd() * 50}%,${20 + rnd() * 60}%,0.8)`;
        c.beginPath(); c.ellipse(rnd() * width, rnd() * height, 20 + rnd() * width / 6, 20 + rnd() * height / 6, rnd() * 3, 0, 7); c.fill();
      }
      c.font = `${Math.round(width / 50)}px sans-serif`; c.fillStyle = '#111';
      for (let y = 100; y < height; y += width / 30) c.fillText('证书编号 Certificate 2026 ' + Math.round(rnd() * 1e9), 40, y);
      const img = c.getImageData(0, 0, width, height);
      for (let i = 0; i < img.data.length; i += 4) {
        const g = (rnd() - 0.5) * grain;
        img.data[i] += g; img.data[i + 1] += g; img.data[i + 2] += g;
      }
      c.putImageData(img, 0, 0);
      let bytes = new Uint8Array(await (await new Promise((r) => canvas.toBlob(r, 'image/jpeg', 0.92))).arrayBuffer());
      if (orientation6) {
        const exif = [0xff, 0xe1, 0x00, 0x22, 0x45, 0x78, 0x69, 0x66, 0x00, 0x00, 0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08,
          0x00, 0x01, 0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00];
        const end = 4 + ((bytes[4] << 8) | bytes[5]);
        bytes = new Uint8Array([...bytes.slice(0, end), ...exif, ...bytes.slice(end)]);
      }
      return bytes;
    };
    // Width and height of a JPEG from its SOF marker.
    window.jpegSize = (b) => {
      for (let i = 2; i < b.length;) {
        const marker = b[i + 1], len = (b[i + 2] << 8) | b[i + 3];
        if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) return [(b[i + 7] << 8) | b[i + 8], (b[i + 5] << 8) | b[i + 6]];
        i += 2 + len;
      }
      return [0, 0];
    };
  });
  const result = await page.evaluate(async ({ RUNS, MIN, MAX, SHORT }) => {
    const zige = await import('/pkg/zige.js');
    const photo = await window.makePhoto(4000, 3000, 7, 26, true);
    const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const ours = [], theirs = [];
    let oursBytes = 0, theirsBytes = 0, theirsSize = '';
    for (let run = 0; run < RUNS; run++) {
      let t = performance.now();
      const fitted = await zige.fit_photo_for_benchmark(photo, MIN, MAX, SHORT);
      ours.push(performance.now() - t);
      oursBytes = fitted.length;
      t = performance.now();
      const file = new File([photo], 'photo.jpg', { type: 'image/jpeg' });
      const compressed = await imageCompression(file, { maxSizeMB: MAX / 1024 / 1024, useWebWorker: false });
      theirs.push(performance.now() - t);
      const bytes = new Uint8Array(await compressed.arrayBuffer());
      theirsBytes = bytes.length;
      theirsSize = window.jpegSize(bytes).join('×');
    }
    return { photoBytes: photo.length, ours: median(ours), theirs: median(theirs), oursBytes, theirsBytes, theirsSize };
  }, { RUNS, MIN, MAX, SHORT });
  console.log(`photo: 4000×3000, EXIF 6, ${(result.photoBytes / 1048576).toFixed(2)} MB; ${RUNS} runs each`);
  console.log(`| Zige 自动调整 | ${result.ours.toFixed(0)} ms | ${Math.round(result.oursBytes / 1024)} KB |`);
  console.log(`| browser-image-compression 2.0.2 | ${result.theirs.toFixed(0)} ms | ${Math.round(result.theirsBytes / 1024)} KB, ${result.theirsSize} |`);
  console.log(`speed-up: ${(result.theirs / result.ours).toFixed(1)}×`);

  const varied = await page.evaluate(async ({ VARIED, MIN, MAX, SHORT }) => {
    const zige = await import('/pkg/zige.js');
    let outside = 0, failed = 0, smallest = Infinity, largest = 0, shortest = Infinity;
    for (let i = 0; i < VARIED; i++) {
      const sizes = [[4000, 3000], [3000, 4000], [4032, 3024], [2592, 1944], [3264, 2448], [1920, 2560]];
      const [w, h] = sizes[i % sizes.length];
      const photo = await window.makePhoto(w, h, 1000 + i, [0, 8, 26, 60][i % 4], i % 3 === 0);
      let fitted;
      try { fitted = await zige.fit_photo_for_benchmark(photo, MIN, MAX, SHORT); } catch (e) { failed++; continue; }
      if (fitted.length === 0) { failed++; continue; }
      const [fw, fh] = window.jpegSize(fitted);
      smallest = Math.min(smallest, fitted.length); largest = Math.max(largest, fitted.length);
      shortest = Math.min(shortest, Math.min(fw, fh));
      if (fitted.length < MIN || fitted.length > MAX || Math.min(fw, fh) < SHORT) outside++;
    }
    return { outside, failed, smallest, largest, shortest };
  }, { VARIED, MIN, MAX, SHORT });
  console.log(`${VARIED} varied photos: ${varied.outside} outside the window, ${varied.failed} not fitted; ` +
    `${(varied.smallest / 1024).toFixed(0)}–${(varied.largest / 1024).toFixed(0)} KB, shortest side ${varied.shortest} px`);
  await browser.close();
  if (varied.outside > 0) process.exit(1);
}

main().catch((e) => { console.error(e); process.exit(1); });
