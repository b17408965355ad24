import { defineConfig } from '@playwright/test';

// Debian's Chromium, never a downloaded browser (these machines reach only package registries).
// The extra flags stop Chromium from calling home, which this network refuses.
export default defineConfig({
  testDir: './tests',
  globalSetup: './global-setup.ts',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/results.json' }]],
  // The reviewer assistant's tests wait until it has looked at their pictures, and it looks oldest
  // first: run after the other files (in their names' order) they waited behind every seed-size
  // scan those had uploaded, 3 of the run's 21 minutes (docs/benchmarks.md, "The test command").
  // First, they wait for their own pictures and the demo's; the others never wait for it. Projects
  // without dependencies run in the order given here, one file after the other (one worker).
  projects: [
    { name: 'the assistant first', testMatch: /reviewer-assistant\.spec\.ts$/ },
    { name: 'the rest', testIgnore: /reviewer-assistant\.spec\.ts$/ },
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
