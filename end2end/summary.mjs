// Prints the browser-test summary as one line CI recognises: "N passed, N failed".
import { readFileSync } from 'node:fs';

const path = process.argv[2] ?? 'end2end/test-results/results.json';
let report;
try {
  report = JSON.parse(readFileSync(path, 'utf8'));
} catch (error) {
  console.log(`browser tests: 0 passed, 1 failed (no Playwright report at ${path}: ${error.message})`);
  process.exit(1);
}
const stats = report.stats ?? {};
const passed = (stats.expected ?? 0) + (stats.flaky ?? 0);
const failed = (stats.unexpected ?? 0) + (report.errors?.length ?? 0);
console.log(`browser tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
