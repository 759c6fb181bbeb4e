// What the page's scan would take if its thread never waited for a core: the bench's 2,000-file
// scan (files chosen through the page's input, until "Done"), alternating runs as they are and
// runs with the page's renderer main thread given a higher scheduling priority than every other
// thread of the machine (`renice -n -15`, root only). On a 2-core machine the page's thread
// shares the cores with both scan workers and the browser's file reads; with the priority it
// runs whenever it has work, as it would with a core of its own. Both sides are timed; the
// threads' busy and CPU time are not traced (tracing slows the page). Not part of .ci/bench:
// a tool for telling what a scan waits for (docs/benchmarks.md, session 28).
//
//   sudo node tests/bench/browser/priority.mjs --dist dist [--rounds 4] [--nice -15]
//   ... --workers 10   (instead: the scan workers' threads niced down to +10, the page as is)
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
    dist: { type: 'string', default: 'dist' },
    rounds: { type: 'string', default: '4' },
    count: { type: 'string', default: '2000' },
    corpus: { type: 'string', default: 'target/bench-corpus/small' },
    nice: { type: 'string', default: '-15' },
    workers: { type: 'string' },
  },
});
const names = readdirSync(resolve(opts.corpus)).filter((f) => f.endsWith('.dcm')).sort()
  .slice(0, Number(opts.count));
const paths = names.map((n) => join(resolve(opts.corpus), n));
const { origin, stop } = await serveBench(opts.dist);

/** The threads of `pid` whose name starts with `prefix` (`/proc/PID/task/TID/comm`). */
function threads(pid, prefix) {
  return readdirSync(`/proc/${pid}/task`).filter((tid) => {
    try {
      return readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').startsWith(prefix);
    } catch {
      return false; // thread gone
    }
  });
}

/** Gives the side its priorities once the page's workers are up; returns what was changed. */
function prioritise(profile) {
  const changed = [];
  for (const { pid } of renderers(profile)) {
    const tids = opts.workers ? threads(pid, 'DedicatedWorker') : [pid];
    const nice = opts.workers ?? opts.nice;
    for (const tid of tids) {
      execFileSync('renice', ['-n', nice, '-p', tid], { stdio: 'ignore' });
      changed.push(`${tid}:${nice}`);
    }
  }
  return changed;
}

const runs = { plain: [], prioritised: [] };
try {
  for (let r = 0; r < Number(opts.rounds); r++) {
    for (const side of (r % 2 ? ['prioritised', 'plain'] : ['plain', 'prioritised'])) {
      const profile = mkdtempSync(join(tmpdir(), 'dec-priority-profile-'));
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'],
      });
      try {
        const page = await context.newPage();
        await page.goto(origin + '/index.html');
        await page.waitForSelector('#offline-status', { timeout: 60000 });
        if (side === 'prioritised') {
          const changed = prioritise(profile);
          if (changed.length === 0) throw new Error('no renderer thread found to renice');
          if (r < 2) console.log(`reniced ${changed.join(' ')}`);
        }
        const t0 = performance.now();
        await page.setInputFiles('#file', paths);
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
  stop();
}
for (const side of ['plain', 'prioritised']) {
  const sorted = [...runs[side]].sort((x, y) => x - y);
  console.log(`${side} median ${sorted[Math.floor(sorted.length / 2)]} ms; runs ${runs[side].join(' ')}`);
}
