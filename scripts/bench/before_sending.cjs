// What the candidate's browser does before sending (issue 68), timed in headless Chromium on the
// paths the pages take (run by ./scripts/bench-before-sending.sh, which serves Zige's release
// build with `browser-benchmarks` at $ZIGE_BENCH_URL and makes the PDFs):
// 1. The face in an ID photo: a 12 MP phone selfie (3000×4000, a real face) decoded upright and
//    drawn at the search's size, then searched; the decoding and the search timed apart, RUNS times.
// 2. A PDF drawn into its pages at 200 dpi, each encoded into exam 004's 400–600 KiB: 学信网's 备案表
//    ($ZIGE_BENCH_RECORD_PDF) and a 10-page scan ($ZIGE_BENCH_SCAN_PDF), time a page.
const { chromium } = require('@playwright/test');
const fs = require('fs');
const path = require('path');

const RUNS = Number(process.env.ZIGE_BENCH_RUNS || 15);
const PDF_RUNS = Number(process.env.ZIGE_BENCH_PDF_RUNS || 3);
const MIN_BYTES = 400 * 1024, MAX_BYTES = 600 * 1024, DPI = 200; // exam 004's scans

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(0)} ms`;

async function main() {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  const page = await (await browser.newContext({ viewport: { width: 360, height: 780 }, bypassCSP: true })).newPage();
  await page.goto(`${process.env.ZIGE_BENCH_URL}/photo-tool`);
  await page.locator('body[data-hydrated="true"]').waitFor({ state: 'attached', timeout: 60000 });

  const faceJpeg = fs.readFileSync(path.join(__dirname, '../../end2end/tests/fixtures/face.jpg')).toString('base64');
  const face = await page.evaluate(async ({ RUNS, faceJpeg }) => {
    const zige = await import('/pkg/zige.js');
    // A selfie at arm's length: a wall with sensor grain, the head a fifth of the frame's height.
    const canvas = document.createElement('canvas');
    canvas.width = 3000; canvas.height = 4000;
    const draw = canvas.getContext('2d');
    const wall = draw.createLinearGradient(0, 0, 3000, 4000);
    wall.addColorStop(0, '#c9c2b4'); wall.addColorStop(1, '#8d8676');
    draw.fillStyle = wall; draw.fillRect(0, 0, 3000, 4000);
    const portrait = await createImageBitmap(new Blob([Uint8Array.from(atob(faceJpeg), (c) => c.charCodeAt(0))], { type: 'image/jpeg' }));
    const width = 1500, height = width * portrait.height / portrait.width;
    draw.drawImage(portrait, 1500 - width / 2 + 180, 1100, width, height);
    const grain = draw.getImageData(0, 0, 3000, 4000);
    let s = 7;
    for (let i = 0; i < grain.data.length; i += 4) {
      const g = (((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) - 0.5) * 14;
      grain.data[i] += g; grain.data[i + 1] += g; grain.data[i + 2] += g;
    }
    draw.putImageData(grain, 0, 0);
    const photo = new Uint8Array(await (await new Promise((r) => canvas.toBlob(r, 'image/jpeg', 0.92))).arrayBuffer());

    const split = (drawn) => {
      const tail = new DataView(drawn.buffer, drawn.byteOffset + drawn.length - 8, 8);
      return [drawn.subarray(0, drawn.length - 8), tail.getUint32(0, true), tail.getUint32(4, true)];
    };
    let t = performance.now();
    const [rgba0, w0, h0] = split(await zige.face_pixels_for_benchmark(photo));
    const firstDecode = performance.now() - t;
    t = performance.now();
    const firstFaces = await zige.face_search_for_benchmark(rgba0, w0, h0);
    const firstSearch = performance.now() - t;
    const decodes = [], searches = [];
    let faces = firstFaces, size = `${w0}×${h0}`;
    for (let run = 0; run < RUNS; run++) {
      t = performance.now();
      const [rgba, w, h] = split(await zige.face_pixels_for_benchmark(photo));
      decodes.push(performance.now() - t);
      t = performance.now();
      faces = await zige.face_search_for_benchmark(rgba, w, h);
      searches.push(performance.now() - t);
    }
    return { photoBytes: photo.length, size, firstDecode, firstSearch, decodes, searches, faces: Array.from(faces) };
  }, { RUNS, faceJpeg });
  const found = face.faces.length / 4;
  console.log(`ID photo: a 12 MP selfie (3000×4000, ${(face.photoBytes / 1048576).toFixed(2)} MB), drawn at ${face.size} for the search; ${RUNS} runs`);
  console.log(`| decoded upright and drawn for the search | ${ms(median(face.decodes))} | worst ${ms(Math.max(...face.decodes))} | first ${ms(face.firstDecode)} |`);
  console.log(`| the face search | ${ms(median(face.searches))} | worst ${ms(Math.max(...face.searches))} | first ${ms(face.firstSearch)} (the 1.2 MB model fetched) |`);
  console.log(`faces found: ${found}${found === 1 ? '' : '  <- expected one'}`);

  const pdfs = [['学信网 备案表 (vector, 1 page)', process.env.ZIGE_BENCH_RECORD_PDF], ['scan to PDF (10 pages of 200 dpi JPEG)', process.env.ZIGE_BENCH_SCAN_PDF]];
  let wrong = found !== 1;
  let chunkFetched = false;
  for (const [name, file] of pdfs) {
    const bytes = fs.readFileSync(file).toString('base64');
    const result = await page.evaluate(async ({ bytes, PDF_RUNS, MIN_BYTES, MAX_BYTES, DPI }) => {
      const zige = await import('/pkg/zige.js');
      const pdf = Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0));
      const times = [];
      let sizes = [];
      for (let run = 0; run < PDF_RUNS + 1; run++) {
        const t = performance.now();
        sizes = Array.from(await zige.pdf_pages_for_benchmark(pdf, DPI, MIN_BYTES, MAX_BYTES));
        times.push(performance.now() - t);
      }
      return { pdfBytes: pdf.length, first: times[0], times: times.slice(1), sizes };
    }, { bytes, PDF_RUNS, MIN_BYTES, MAX_BYTES, DPI });
    const pages = result.sizes.length;
    const perPage = result.times.map((t) => t / pages);
    console.log(`PDF: ${name}, ${(result.pdfBytes / 1024).toFixed(0)} KB, ${pages} pages; ${PDF_RUNS} runs after a first`);
    console.log(`| a page drawn at ${DPI} dpi and encoded into 400–600 KiB | ${ms(median(perPage))} | worst ${ms(Math.max(...perPage))} | first run ${ms(result.first / pages)} a page${chunkFetched ? '' : ' (the pdf_pages chunk fetched)'} |`);
    console.log(`pages' bytes: ${Math.min(...result.sizes) >> 10}–${Math.max(...result.sizes) >> 10} KiB`);
    chunkFetched = true;
    if (Math.max(...result.sizes) > MAX_BYTES || Math.min(...result.sizes) < MIN_BYTES) wrong = true;
  }
  await browser.close();
  if (wrong) process.exit(1);
}

main().catch((e) => { console.error(e); process.exit(1); });
