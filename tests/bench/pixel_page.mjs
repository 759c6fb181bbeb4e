// Time of the page's pixel check per image, in headless Chromium on a release build:
//   node tests/bench/pixel_page.mjs --root dist [DIR...]   (default: tests/pixels/tune and check)
// Each image is chosen through the file input alone, in two pages side by side: one with the
// pixel check off, one with it on; the time is from choosing it until its card is done. The two
// are taken one after the other for each image, ROUNDS times (the machine's load drifts less
// between them than between two whole runs), and each image's time is the median of its
// rounds. Prints the median and 95th percentile of each and of their difference (what looking
// at the pixels adds), over every image.
import { readdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { values: opts, positionals } = parseArgs({
  options: { root: { type: 'string', default: 'dist' }, rounds: { type: 'string', default: '3' } },
  allowPositionals: true,
});
const rounds = Number(opts.rounds);
const dirs = positionals.length ? positionals : ['tests/pixels/tune', 'tests/pixels/check'];
const files = dirs.flatMap((d) => readdirSync(join(repo, d)).filter((f) => f.endsWith('.dcm')).map((f) => join(repo, d, f)));

const port = 20000 + Math.floor(Math.random() * 20000);
const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', resolve(opts.root)], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 1000));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });

async function openPage(pixels) {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForSelector('#offline-status', { timeout: 60000 });
  if (pixels) {
    // The pixel worker's module is fetched and started here, not timed.
    await page.check('#check-pixels');
    await page.setInputFiles('#file', [files[0]]);
    await page.waitForFunction(() => document.querySelectorAll('.file-card').length >= 1 && !document.querySelector('.file-card__pending'), null, { timeout: 120000 });
  }
  return page;
}

async function timeOne(page, file) {
  const n = await page.$$eval('.file-card', (els) => els.length);
  const start = Date.now();
  await page.setInputFiles('#file', [file]);
  await page.waitForFunction((n) => document.querySelectorAll('.file-card').length > n && !document.querySelector('.file-card__pending'), n, { timeout: 120000, polling: 5 });
  return Date.now() - start;
}

const quantile = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]; };
const median = (xs) => quantile(xs, 0.5);
const offRounds = files.map(() => []);
const onRounds = files.map(() => []);
// A page takes a file it already lists as the same file again: each round has pages of its own.
for (let round = 0; round < rounds; round++) {
  const offPage = await openPage(false);
  const onPage = await openPage(true);
  for (const [i, file] of files.entries()) {
    offRounds[i].push(await timeOne(offPage, file));
    onRounds[i].push(await timeOne(onPage, file));
  }
  await offPage.close();
  await onPage.close();
}
const off = offRounds.map(median);
const on = onRounds.map(median);
const added = on.map((t, i) => t - off[i]);
for (const [name, xs] of [['pixel check off', off], ['pixel check on', on], ['added by the check', added]]) {
  console.log(`${name}: median ${quantile(xs, 0.5)} ms, 95th percentile ${quantile(xs, 0.95)} ms, max ${Math.max(...xs)} ms (${xs.length} images, each the median of ${rounds} rounds)`);
}
const slowest = added.map((t, i) => [t, files[i]]).sort((a, b) => b[0] - a[0]).slice(0, 5);
console.log('slowest:', slowest.map(([t, f]) => `${f.split('/').pop()} ${t} ms`).join(', '));
await browser.close();
server.kill();
