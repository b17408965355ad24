import { defineConfig } from '@playwright/test';

// The files that sign in as the demo candidate (44030519900101123X).
const demoCandidateFiles = /(fee-payment|first-load|forms-before-code|journey-004-phone|positions-table)\.spec\.ts$/;
const storageFaults = /storage-faults\.spec\.ts$/;

// Debian's Chromium, never a downloaded browser (these machines reach only package registries).
// The extra flags stop Chromium from calling home, which this network refuses.
export default defineConfig({
  testDir: './tests',
  globalSetup: './global-setup.ts',
  // A long journey (on-site-day's, 45 s alone) takes about half as long again beside another file.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  // Two files at a time: alone, the tests keep about a third of the two cores busy (the pages, the
  // server and the clock take turns; docs/benchmarks.md, "The test command").
  workers: 2,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/results.json' }]],
  projects: [
    // The reviewer assistant's tests wait until it has looked at their pictures, and it looks
    // oldest first: after the other files they waited behind every seed-size scan those had
    // uploaded, 3 of the run's 21 minutes. First and alone, they wait for their own pictures and
    // the demo's; the others never wait for it.
    { name: 'the assistant first', testMatch: /reviewer-assistant\.spec\.ts$/, workers: 1 },
    // The demo candidate's files, one after the other: they change what the others read (a fee
    // paid, preset 004's window closed, drafts).
    { name: 'the demo candidate', testMatch: demoCandidateFiles, dependencies: ['the assistant first'], workers: 1 },
    // Everyone else makes their own candidates and exams, beside the demo candidate's files.
    {
      name: 'fresh candidates',
      testIgnore: [/reviewer-assistant\.spec\.ts$/, demoCandidateFiles, storageFaults],
      dependencies: ['the assistant first'],
    },
    // Its proxy refuses every connection to storage while it runs: any other upload would fail.
    { name: 'storage faults alone', testMatch: storageFaults, dependencies: ['the demo candidate', 'fresh candidates'] },
  ],
  use: {
    // cargo-leptos's site address; the benchmarks' release server listens elsewhere (ZIGE_BASE_URL).
    baseURL: process.env.ZIGE_BASE_URL ?? 'http://127.0.0.1:3000',
    locale: 'zh-CN',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
