// Same-hour A/B of two page builds: the 2,000-file scan of the bench (files chosen through the
// page's input, until "Done"), alternating A and B, each run in a fresh browser with a fresh
// profile, after the service worker's first cache fill. Prints each side's median and runs.
// Not part of .ci/bench: the tool for deciding whether a change to the page is worth keeping.
//
//   node tests/bench/browser/ab.mjs --a /tmp/before/dist --b dist [--rounds 4]
//   node tests/bench/browser/ab.mjs ... --corpus /tmp/ct-series --count 300
//   node tests/bench/browser/ab.mjs --a dist --b dist --qb '?knob=1'   (one build, two URLs)
//   node tests/bench/browser/ab.mjs --a dist --b dist \
//     --ib 'Object.defineProperty(navigator, "hardwareConcurrency", { get: () => 1 })'
//     (a script run in B's page before its own: here, a browser that says it has one core)
//   sudo node tests/bench/browser/ab.mjs --a dist --b dist --nice-b=-15
//     (B's renderer main threads given a higher priority than every other thread, once its page
//     is up: the scan as it would run with a core for the page's thread; --workers-nice-b=10
//     instead lowers the priority of B's scan workers. Root only. docs/benchmarks.md, session 28)
//   node tests/bench/browser/ab.mjs ... --open-view view-findings
//     (on both sides the view with that tab id opened as soon as its tab shows, mid-scan)
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { renderers } from './renderers.mjs';
import { serveBench } from './serve.mjs';

const { values: opts } = parseArgs({
  options: {
    a: { type: 'string' },
    b: { type: 'string' },
    qa: { type: 'string', default: '' },
    qb: { type: 'string', default: '' },
    ia: { type: 'string', default: '' },
    ib: { type: 'string', default: '' },
    'nice-b': { type: 'string' },
    'workers-nice-b': { type: 'string' },
    'open-view': { type: 'string' },
    rounds: { type: 'string', default: '3' },
    count: { type: 'string', default: '2000' },
    corpus: { type: 'string', default: 'target/bench-corpus/small' },
  },
});
if (!opts.a || !opts.b) throw new Error('--a and --b name the two builds (dist directories)');
const names = readdirSync(resolve(opts.corpus)).filter((f) => f.endsWith('.dcm')).sort()
  .slice(0, Number(opts.count));
const paths = names.map((n) => join(resolve(opts.corpus), n));
const sides = { A: await serveBench(opts.a), B: await serveBench(opts.b) };
const query = { A: opts.qa, B: opts.qb };
const init = { A: opts.ia, B: opts.ib };

/** The threads of process `pid` whose name starts with `prefix`. */
function threadsOf(pid, prefix) {
  return readdirSync(`/proc/${pid}/task`).filter((tid) => {
    try {
      return readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').startsWith(prefix);
    } catch {
      return false; // gone
    }
  });
}

/** `--nice-b` / `--workers-nice-b`: renices B's renderer main threads or its scan workers. */
function prioritise(profile) {
  const [nice, prefix] = opts['workers-nice-b'] ? [opts['workers-nice-b'], 'DedicatedWorker'] : [opts['nice-b'], null];
  if (nice === undefined) return;
  const tids = renderers(profile).flatMap(({ pid }) => (prefix ? threadsOf(pid, prefix) : [pid]));
  if (tids.length === 0) throw new Error('no thread of B found to renice');
  for (const tid of tids) execFileSync('renice', ['-n', nice, '-p', tid], { stdio: 'ignore' });
}
const runs = { A: [], B: [] };
try {
  for (let r = 0; r < Number(opts.rounds); r++) {
    // Who goes first alternates: a machine that slows down over the run favours neither.
    for (const side of (r % 2 ? ['B', 'A'] : ['A', 'B'])) {
      const profile = mkdtempSync(join(tmpdir(), 'dec-ab-profile-'));
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'],
      });
      try {
        const page = await context.newPage();
        if (init[side]) await page.addInitScript(init[side]);
        await page.goto(sides[side].origin + '/index.html' + query[side]);
        await page.waitForSelector('#offline-status', { timeout: 60000 });
        if (side === 'B') prioritise(profile);
        const t0 = performance.now();
        await page.setInputFiles('#file', paths);
        if (opts['open-view']) {
          await page.waitForSelector(`#${opts['open-view']}`, { timeout: 60000 });
          await page.click(`#${opts['open-view']}`);
        }
        await page.waitForFunction((n) => (document.querySelector('#progress-text')?.textContent || '')
          .startsWith(`Done: ${n} files`), names.length, { polling: 20, timeout: 0 });
        runs[side].push(Math.round(performance.now() - t0));
      } finally {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      }
    }
  }
} finally {
  sides.A.stop();
  sides.B.stop();
}
for (const side of ['A', 'B']) {
  const sorted = [...runs[side]].sort((x, y) => x - y);
  console.log(`${side} median ${sorted[Math.floor(sorted.length / 2)]} ms; runs ${runs[side].join(' ')}`);
}
