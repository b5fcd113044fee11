// Debian's chromium through playwright-core (never a downloaded browser) and the built site through Vite's
// preview(): shared by the browser tests and `pnpm bench --browser` (bench/against-browser.js), so both launch
// the same browser the same way. Plain JavaScript so that the bench, which runs in Node, can import it.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { preview } from 'vite';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Serves `root`/dist (with the COOP/COEP headers of vite.config.ts) on a free port of 127.0.0.1. */
export async function startPreview(root) {
  if (!existsSync(`${root}/dist/index.html`)) {
    throw new Error(`${root}/dist is missing: run \`pnpm build\` (at the repository root) first`);
  }
  const server = await preview({ root, logLevel: 'silent', preview: { port: 0, host: '127.0.0.1', open: false } });
  const url = server.resolvedUrls?.local[0];
  if (!url) {
    await server.close();
    throw new Error('vite preview did not report a URL');
  }
  return { server, url };
}

/**
 * Chromium with a fresh profile in `profile` (a folder the caller creates and removes).
 * @param {string} profile
 * @param {Parameters<typeof chromium.launchPersistentContext>[1]} [options]
 */
export async function launchChromium(profile, options = {}) {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package`);
  return chromium.launchPersistentContext(profile, { ...options, executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
