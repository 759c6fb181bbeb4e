// Where a scan's renderer memory goes: our page scanning N corpus files chosen through its
// input, in a browser of its own, the renderer processes' RSS sampled every 10 ms as
// .ci/bench does; halfway and after "Done" the page's JavaScript heap and the WebAssembly
// memory of the page and of each scan worker (a copy of dist/ is served whose start scripts
// keep the module's exports on `__decWasm`); after "Done" how each renderer's RSS splits
// (anonymous, shared, file-backed); with --gc, the RSS again after collecting garbage in the
// page and in each worker in turn. Not part of .ci/bench: a tool for finding what to change.
//
//   node tests/bench/browser/memory.mjs --dist dist --corpus target/bench-corpus/small --count 2000 [--gc]
import { chromium } from 'playwright-core';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { rendererSampler, renderers } from './renderers.mjs';
import { serveBench } from './serve.mjs';

const { values: opts } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    corpus: { type: 'string', default: 'target/bench-corpus/small' },
    count: { type: 'string', default: '2000' },
    // Collect garbage in the page and every worker after "Done" (Chromium started with
    // --expose-gc) and measure again: what of the peak was garbage not yet collected.
    gc: { type: 'boolean', default: false },
  },
});
const names = readdirSync(resolve(opts.corpus)).filter((f) => f.endsWith('.dcm')).sort()
  .slice(0, Number(opts.count));
const paths = names.map((n) => join(resolve(opts.corpus), n));
const MiB = 1024 * 1024;

/** A copy of `dist` whose start script and scan worker loader keep the module's exports on
 *  `__decWasm`, so that its memory can be read. */
function probeCopy(dist) {
  const copy = mkdtempSync(join(tmpdir(), 'dec-mem-dist-'));
  cpSync(resolve(dist), copy, { recursive: true });
  const patch = (name, from, to) => {
    const path = join(copy, name);
    const text = readFileSync(path, 'utf8');
    if (!from.test(text)) throw new Error(`${name}: the start is not where this probe expects it`);
    writeFileSync(path, text.replace(from, to));
  };
  const boot = readdirSync(copy).find((f) => /^boot-.*\.js$/.test(f));
  patch(boot, /(init\(\{ module_or_path: '[^']+' \}\)\))/, '$1.then((w) => { globalThis.__decWasm = w; })');
  patch('worker_loader.js', /\.then\(\(\) => scan_worker\(\)\)/, '.then((w) => { self.__decWasm = w; scan_worker(); })');
  return copy;
}

/** The page's JavaScript heap (DevTools protocol) and the WebAssembly memory of the page and
 *  of each worker. */
async function heaps(context, page) {
  const session = await context.newCDPSession(page);
  const usage = await session.send('Runtime.getHeapUsage');
  await session.detach();
  const wasm = async (target) => target.evaluate(() => globalThis.__decWasm?.memory.buffer.byteLength ?? -1)
    .catch(() => -2);
  const out = { pageHeapUsedMiB: usage.usedSize / MiB, pageHeapTotalMiB: usage.totalSize / MiB,
    pageWasmMiB: (await wasm(page)) / MiB, workers: [] };
  for (const w of page.workers()) out.workers.push([w.url().split('/').pop(), (await wasm(w)) / MiB]);
  return out;
}

const served = probeCopy(opts.dist);
const { origin, stop } = await serveBench(served);
const profile = mkdtempSync(join(tmpdir(), 'dec-mem-profile-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ...(opts.gc ? ['--js-flags=--expose-gc'] : [])],
});
try {
  for (const p of context.pages()) await p.close();
  const page = await context.newPage();
  await page.goto(origin + '/index.html');
  await page.waitForSelector('.drop-zone', { timeout: 30000 });
  await page.waitForSelector('#offline-status', { timeout: 60000 });
  const sum = rendererSampler(profile);
  const baseline = renderers(profile);
  let peak = 0;
  let peakAt = 0;
  const t0 = performance.now();
  const timer = setInterval(() => {
    const now = sum();
    if (now > peak) { peak = now; peakAt = performance.now() - t0; }
  }, 10);
  await page.setInputFiles('#file', paths);
  const mid = page.waitForFunction((n) => {
    const m = /(\d+) of (\d+)|Done: (\d+)/.exec(document.querySelector('#progress-text')?.textContent || '');
    return m && Number(m[1] ?? m[3]) >= n / 2;
  }, names.length, { polling: 20, timeout: 0 }).then(() => heaps(context, page));
  await page.waitForFunction((n) => (document.querySelector('#progress-text')?.textContent || '')
    .startsWith(`Done: ${n} files`), names.length, { polling: 20, timeout: 0 });
  const ms = performance.now() - t0;
  clearInterval(timer);
  const halfway = await mid;
  const done = await heaps(context, page);
  const after = renderers(profile);
  // How each renderer's resident memory splits: anonymous (heaps, WebAssembly memories),
  // shared (the browser's data pipes and shared buffers), file-backed (code).
  for (const r of after) {
    try {
      const rollup = readFileSync(`/proc/${r.pid}/smaps_rollup`, 'utf8');
      r.split = Object.fromEntries([...rollup.matchAll(/^(Rss|Anonymous|Shared_Clean|Shared_Dirty|Private_Clean|Private_Dirty|Pss_Shmem|Pss_File|Pss_Anon):\s+(\d+) kB/gm)]
        .map((m) => [m[1], Math.round(Number(m[2]) / 1024)]));
    } catch { /* gone */ }
  }
  let afterGcMiB;
  if (opts.gc) {
    afterGcMiB = [];
    for (const [label, target] of [['page', page], ...page.workers().map((w) => [w.url().split('/').pop(), w])]) {
      await target.evaluate(() => { globalThis.gc(); globalThis.gc(); });
      await page.waitForTimeout(500);
      afterGcMiB.push([label, renderers(profile).map((r) => Math.round(r.rss / MiB))]);
    }
  }
  console.log(JSON.stringify({
    afterGcMiB,
    files: names.length,
    ms: Math.round(ms),
    baselineMiB: baseline.map((r) => Math.round(r.rss / MiB)),
    peakMiB: Math.round(peak / MiB),
    peakAtMs: Math.round(peakAt),
    afterMiB: after.map((r) => Math.round(r.rss / MiB)),
    afterSplitMiB: after.map((r) => r.split),
    halfway,
    done,
  }, null, 1));
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  rmSync(served, { recursive: true, force: true });
  stop();
}
