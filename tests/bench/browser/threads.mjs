// Where a scan's time goes, thread by thread: a Chrome trace of our page scanning N corpus
// files chosen through its input (or of dicom-parser's loop with --side dicom-parser), then
// each thread's busy time (wall, from its outermost trace events) and CPU time (their
// thread-time), busiest first. Not part of .ci/bench: a tool for finding what to change.
//
//   node tests/bench/browser/threads.mjs --dist dist --corpus target/bench-corpus/small --count 2000
//   node tests/bench/browser/threads.mjs ... --trace /tmp/scan.json   (keep the trace)
//   node tests/bench/browser/threads.mjs ... --samples   (adds V8's sampling profiler: wasm
//     function names need a build that keeps them, e.g. data-keep-debug and wasm-opt -g;
//     --top N prints N functions a thread instead of 15)
//   node tests/bench/browser/threads.mjs ... --events ThreadPool --categories v8,v8.wasm
//     (other threads' trace events by self time, with more trace categories)
// Also printed: the page's thread's trace events by self time (what Chromium did there: IPC,
// microtasks, layout), and with --samples each busy thread's functions by self and inclusive
// time.
import { chromium } from 'playwright-core';
import { readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { serveBench } from './serve.mjs';

const { values: opts } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    corpus: { type: 'string', default: 'target/bench-corpus/small' },
    count: { type: 'string', default: '2000' },
    side: { type: 'string', default: 'ours' },
    trace: { type: 'string' },
    samples: { type: 'boolean', default: false },
    top: { type: 'string', default: '15' },
    categories: { type: 'string', default: '' },
    events: { type: 'string' },
  },
});
const names = readdirSync(resolve(opts.corpus)).filter((f) => f.endsWith('.dcm')).sort()
  .slice(0, Number(opts.count));
const paths = names.map((n) => join(resolve(opts.corpus), n));

const { origin, stop } = await serveBench(opts.dist);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  await page.goto(origin + '/index.html');
  await page.waitForSelector('.drop-zone', { timeout: 30000 });
  await page.waitForSelector('#offline-status', { timeout: 60000 });
  await page.addScriptTag({ url: '/bench/dicomParser.min.js' });
  await page.addScriptTag({ url: '/bench/in_page.js' });
  if (opts.side === 'dicom-parser') await page.evaluate(() => window.decBench.addInput());
  const categories = ['toplevel', 'devtools.timeline', 'v8.execute', '__metadata'];
  if (opts.samples) categories.push('disabled-by-default-v8.cpu_profiler');
  categories.push(...opts.categories.split(',').filter(Boolean));
  await browser.startTracing(page, { categories });
  const t0 = performance.now();
  if (opts.side === 'dicom-parser') {
    await page.setInputFiles('#bench-files', paths);
    await page.evaluate(() => window.decBench.dicomParser());
  } else {
    await page.setInputFiles('#file', paths);
    await page.waitForFunction((n) => (document.querySelector('#progress-text')?.textContent || '')
      .startsWith(`Done: ${n} files`), names.length, { polling: 20, timeout: 0 });
  }
  const ms = performance.now() - t0;
  const buffer = await browser.stopTracing();
  if (opts.trace) writeFileSync(opts.trace, buffer);
  const trace = JSON.parse(buffer.toString());
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const label = new Map();
  const process = new Map();
  for (const e of events) {
    if (e.ph !== 'M') continue;
    if (e.name === 'thread_name') label.set(`${e.pid}/${e.tid}`, e.args.name);
    if (e.name === 'process_name') process.set(e.pid, e.args.name);
  }
  const byThread = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined) continue;
    const key = `${e.pid}/${e.tid}`;
    if (!byThread.has(key)) byThread.set(key, []);
    byThread.get(key).push(e);
  }
  const rows = [];
  for (const [key, list] of byThread) {
    list.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    let end = -1; let wall = 0; let cpu = 0;
    for (const e of list) {
      if (e.ts < end) continue; // nested in the event before
      wall += e.dur; cpu += e.tdur ?? 0; end = e.ts + e.dur;
    }
    rows.push({ thread: `${process.get(Number(key.split('/')[0])) ?? '?'}/${label.get(key) ?? key}`, wallMs: Math.round(wall / 1000), cpuMs: Math.round(cpu / 1000) });
  }
  rows.sort((a, b) => b.cpuMs - a.cpuMs);
  console.log(`${opts.side}: ${names.length} files in ${Math.round(ms)} ms (traced, so slower than the bench)`);
  console.log('thread'.padEnd(44), 'busy ms'.padStart(8), 'cpu ms'.padStart(8));
  for (const r of rows.slice(0, 14)) console.log(r.thread.padEnd(44), String(r.wallMs).padStart(8), String(r.cpuMs).padStart(8));
  console.log('CPU, all threads:', rows.reduce((s, r) => s + r.cpuMs, 0), 'ms');
  const main = [...byThread.keys()].find((k) => label.get(k) === 'CrRendererMain' && byThread.get(k).length > 100);
  if (main) {
    console.log('\nthe page\'s thread, trace events by self time (ms, count):');
    for (const [name, ms, n] of selfTimes(byThread.get(main)).slice(0, 12)) console.log(String(ms).padStart(8), String(n).padStart(7), name);
  }
  if (opts.events) {
    // Other threads' trace events by self time, summed over the threads whose names match.
    const matching = [...byThread.keys()].filter((k) => new RegExp(opts.events).test(label.get(k) ?? ''));
    const sums = new Map();
    for (const k of matching) {
      for (const [name, ms, n] of selfTimes(byThread.get(k))) {
        const [sm, sn] = sums.get(name) ?? [0, 0];
        sums.set(name, [sm + ms, sn + n]);
      }
    }
    console.log(`\nthreads matching /${opts.events}/ (${matching.length}), trace events by self time (ms, count):`);
    for (const [name, [ms, n]] of [...sums].sort((a, b) => b[1][0] - a[1][0]).slice(0, Number(opts.top))) {
      console.log(String(ms).padStart(8), String(n).padStart(7), name);
    }
  }
  if (opts.samples) {
    for (const [key, profile] of profiles(events)) {
      const name = label.get(key) ?? key;
      if (!/CrRendererMain|DedicatedWorker/.test(name) || profile.samples.length < 100) continue;
      const { self, inclusive } = sampled(profile);
      console.log(`\n${name}, V8 samples: self ms | inclusive ms`);
      for (let i = 0; i < Number(opts.top); i++) {
        const [sn, sm] = self[i] ?? ['', 0];
        const [iname, im] = inclusive[i] ?? ['', 0];
        console.log(String(sm).padStart(7), sn.slice(0, 60).padEnd(60), '|', String(im).padStart(7), iname.slice(0, 60));
      }
    }
  }
} finally {
  await browser.close();
  stop();
}

/** Trace events of one thread (sorted by start) by self time: [name, ms, count], largest first. */
function selfTimes(list) {
  const self = new Map();
  const count = new Map();
  const stack = [];
  for (const e of list) {
    while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= e.ts) stack.pop();
    if (stack.length) self.set(stack[stack.length - 1].name, (self.get(stack[stack.length - 1].name) ?? 0) - e.dur);
    self.set(e.name, (self.get(e.name) ?? 0) + e.dur);
    count.set(e.name, (count.get(e.name) ?? 0) + 1);
    stack.push(e);
  }
  return [...self].map(([name, us]) => [name, Math.round(us / 1000), count.get(name)]).sort((a, b) => b[1] - a[1]);
}

/** V8's sampling profiles in the trace, by `pid/tid`: nodes, samples, time deltas. */
function profiles(events) {
  const byId = new Map();
  for (const e of events) {
    if (e.name === 'Profile') byId.set(`${e.pid}/${e.id}`, { key: `${e.pid}/${e.tid}`, nodes: new Map(), samples: [], deltas: [] });
  }
  for (const e of events) {
    if (e.name !== 'ProfileChunk') continue;
    const p = byId.get(`${e.pid}/${e.id}`);
    if (!p) continue;
    const data = e.args.data;
    for (const n of data.cpuProfile?.nodes ?? []) p.nodes.set(n.id, n);
    p.samples.push(...(data.cpuProfile?.samples ?? []));
    p.deltas.push(...(data.timeDeltas ?? []));
  }
  return [...byId.values()].map((p) => [p.key, p]);
}

/** A sampling profile's functions by self and by inclusive time, [name, ms], largest first. */
function sampled(profile) {
  const parent = new Map();
  for (const n of profile.nodes.values()) {
    if (n.parent !== undefined) parent.set(n.id, n.parent);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  // An anonymous function is named by where it is (wasm-bindgen's glue is mostly anonymous).
  const name = (id) => {
    const frame = profile.nodes.get(id)?.callFrame;
    if (frame?.functionName) return frame.functionName;
    return frame?.url ? `(anonymous ${frame.url.split('/').pop()}:${frame.lineNumber + 1})` : '(anonymous)';
  };
  const self = new Map();
  const inclusive = new Map();
  profile.samples.forEach((id, i) => {
    // A sample's time is the gap to the next one.
    const us = profile.deltas[i + 1] ?? 0;
    self.set(name(id), (self.get(name(id)) ?? 0) + us);
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const n = name(at);
      if (!seen.has(n)) { seen.add(n); inclusive.set(n, (inclusive.get(n) ?? 0) + us); }
    }
  });
  const sorted = (m) => [...m].map(([n, us]) => [n, Math.round(us / 1000)]).sort((a, b) => b[1] - a[1]);
  return { self: sorted(self), inclusive: sorted(inclusive) };
}
