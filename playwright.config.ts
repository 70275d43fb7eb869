import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';

// Playwright cannot download its own browsers on our machines: use Debian's Chromium when present
// (CHROMIUM_PATH, else /usr/bin/chromium); on a developer laptop without it, fall back to Playwright's own.
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const executablePath = existsSync(chromiumPath) ? chromiumPath : undefined;
const port = Number(process.env.E2E_PORT ?? 4173);

/** Shared with e2e/driver.ts: a spec that needs a differently launched browser (WebGL off) extends these. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const launchOptions = { executablePath, args: chromiumArgs };

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: 'off',
    screenshot: 'only-on-failure',
    ...devices['Desktop Chrome'],
    viewport: { width: 1280, height: 800 },
    launchOptions,
  },
  webServer: {
    // e2e drives the production build (npm test builds first).
    command: `npx vite preview --port ${port} --strictPort`,
    url: `http://localhost:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
