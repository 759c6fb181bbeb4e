// Browser benchmark for .ci/bench: our page versus dicom-parser, headless Debian Chromium.
//
//   node tests/bench/browser/bench.mjs --dist dist --corpus target/bench-corpus/small --count 2000
//
// Serves dist/ and dicom-parser from one python http.server origin. In a fresh tab of the real
// page (dist/index.html) it chooses N corpus files through a file input, as a user does (the
// browser reads them from disk), and times from the choice to the end: our scan (the page's
// input -> workers -> "Done" in the progress line), or dicom-parser on the main thread reading
// each chosen File with arrayBuffer() and parsing it (median of 3; ours: median of 3 runs). During our scan the page's
// main-thread tasks over 50 ms are recorded (Long Tasks API). Peak memory: the summed RSS of Chromium's renderer processes
// (the page and its worker), sampled from /proc every 10 ms. Prints one JSON object.
import { chromium } from 'playwright-core';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { renderers } from './renderers.mjs';
import { serveBench } from './serve.mjs';

const { values: opts } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    corpus: { type: 'string', default: 'target/bench-corpus/small' },
    count: { type: 'string', default: '2000' },
  },
});

const names = readdirSync(resolve(opts.corpus)).filter((f) => f.endsWith('.dcm')).sort()
  .slice(0, Number(opts.count));
const paths = names.map((n) => join(resolve(opts.corpus), n));

// One origin: dist/ at the root, the bench script and dicom-parser under /bench/.
const { origin, stop } = await serveBench(opts.dist);

// Each side gets a browser of its own (a fresh profile), so that one side's leftover renderer
// memory is never counted against the other.
let profile;
let context;
async function launch() {
  profile = mkdtempSync(join(tmpdir(), 'dec-bench-profile-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
async function closeBrowser() {
  if (context) await context.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  context = undefined;
  profile = undefined;
}

/** Summed RSS (bytes) of this browser's renderer processes. */
function rendererRss() {
  return renderers(profile).reduce((sum, r) => sum + r.rss, 0);
}

/** Run `fn` while sampling renderer RSS; returns [result, peak bytes, baseline bytes]. */
async function withPeak(fn) {
  const baseline = rendererRss();
  let peak = baseline;
  const timer = setInterval(() => { peak = Math.max(peak, rendererRss()); }, 10);
  try {
    const result = await fn();
    peak = Math.max(peak, rendererRss());
    return [result, peak, baseline];
  } finally {
    clearInterval(timer);
  }
}

async function freshPage() {
  for (const p of context.pages()) await p.close();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(origin + '/index.html');
  await page.waitForSelector('.drop-zone', { timeout: 30000 });
  // The service worker's first cache fill (the whole build, once per visitor) is not part of
  // a scan: wait until it is done.
  await page.waitForSelector('#offline-status', { timeout: 60000 });
  await page.addScriptTag({ url: '/bench/dicomParser.min.js' });
  await page.addScriptTag({ url: '/bench/in_page.js' });
  return { page, errors };
}

/** Milliseconds from choosing the files in `input` to `done` resolving. */
async function timeChoice(page, input, done) {
  const t0 = performance.now();
  await page.setInputFiles(input, paths);
  const result = await done();
  return { ms: performance.now() - t0, ...result };
}

const out = { files: names.length };
try {
  // dicom-parser first, in its own tab of the real page.
  {
    await launch();
    const { page } = await freshPage();
    await page.evaluate(() => window.decBench.addInput());
    await page.evaluate(() => window.decBench.watchLongTasks());
    const runs = [];
    const [, peak, baseline] = await withPeak(async () => {
      for (let i = 0; i < 3; i++) {
        runs.push(await timeChoice(page, '#bench-files', () => page.evaluate(() => window.decBench.dicomParser())));
      }
    });
    out.bytes = runs[0].bytes;
    runs.sort((a, b) => a.ms - b.ms);
    await page.waitForTimeout(500);
    const long = await page.evaluate(() => window.decBench.longTasks());
    out.dicomParser = { ...runs[1], ...long, runsMs: runs.map((r) => Math.round(r.ms)), peakRss: peak, baselineRss: baseline, thread: 'main' };
  }
  // Our scan, three times, each in a fresh tab of the same page in a browser of its own (one
  // run swung by 6% between two bench runs of the same code). Reported: the median run's time,
  // the largest peak memory and the run with the longest main-thread task.
  {
    const runs = [];
    for (let i = 0; i < 3; i++) {
      await closeBrowser();
      await launch();
      const { page, errors } = await freshPage();
      await page.evaluate(() => window.decBench.watchLongTasks());
      const n = names.length;
      const [result, peak, baseline] = await withPeak(() => timeChoice(page, '#file', async () => {
        // The page draws the first 100 cards; the progress line says when all n are done.
        await page.waitForFunction((n) => (document.querySelector('#progress-text')?.textContent || '')
          .startsWith(`Done: ${n} files`), n, { polling: 20, timeout: 0 });
        return {};
      }));
      // Long-task entries arrive after the task; read them before count() adds its own.
      await page.waitForTimeout(500);
      const long = await page.evaluate(() => window.decBench.longTasks());
      const counted = await page.evaluate(() => window.decBench.count());
      runs.push({ ...result, ...long, ...counted, peakRss: peak, baselineRss: baseline, errors });
    }
    const median = [...runs].sort((a, b) => a.ms - b.ms)[1];
    const worstTask = [...runs].sort((a, b) => b.longestTaskMs - a.longestTaskMs)[0];
    out.ours = {
      ...median,
      longTasks: worstTask.longTasks,
      longestTaskMs: worstTask.longestTaskMs,
      longTaskTimes: worstTask.longTaskTimes,
      peakRss: Math.max(...runs.map((r) => r.peakRss)),
      baselineRss: Math.max(...runs.map((r) => r.baselineRss)),
      runsMs: runs.map((r) => Math.round(r.ms)),
      cards: Math.min(...runs.map((r) => r.cards)),
      failed: Math.max(...runs.map((r) => r.failed)),
      errors: runs.flatMap((r) => r.errors),
      thread: 'workers (scan) + main (small files read, render)',
    };
  }
} finally {
  await closeBrowser();
  stop();
}
console.log(JSON.stringify(out));
