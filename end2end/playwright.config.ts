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
