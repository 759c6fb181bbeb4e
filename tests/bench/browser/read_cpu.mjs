// What reading chosen files costs each thread, by itself: an empty page reads N corpus files
// chosen through its input (16 reads at a time) one way or another, under a Chrome trace, and
// prints the wall time and the CPU time of the page's thread, the browser's IO thread and the
// worker, with the page's thread's trace events by CPU time. Each way runs in a browser of its
// own, the ways alternating. Not part of .ci/bench: the measure of what the page's own reading
// costs against what the page does around it (docs/benchmarks.md, session 27).
//
//   node tests/bench/browser/read_cpu.mjs [--corpus target/bench-corpus/small] [--count 2000]
//     [--modes ab,byob,byob-post,ab-post,file-post] [--rounds 2]
//
// ab: `File.arrayBuffer()`; byob: a BYOB reader into pooled 256 KiB buffers, as the page reads;
// byob-post and ab-post: the same, the bytes then transferred to a worker that sends the
// buffer back; file-post: the `File` handle posted to a worker that reads it with
// `arrayBuffer()`.
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { withInputPage } from './input_page.mjs';

const { values: opts } = parseArgs({
  options: {
    corpus: { type: 'string', default: 'target/bench-corpus/small' },
    count: { type: 'string', default: '2000' },
    modes: { type: 'string', default: 'ab,byob,byob-post,ab-post,file-post' },
    rounds: { type: 'string', default: '2' },
  },
});
const corpus = resolve(opts.corpus);
const paths = readdirSync(corpus).filter((f) => f.endsWith('.dcm')).sort()
  .slice(0, Number(opts.count)).map((n) => join(corpus, n));

const workerSource = `onmessage = async (e) => {
  const d = e.data;
  if (d.file) {
    const b = await d.file.arrayBuffer();
    postMessage({ id: d.id, n: b.byteLength });
  } else {
    postMessage({ id: d.id, buf: d.buf }, [d.buf]);
  }
};`;

/** Runs in the page: reads every chosen file the way `mode` says; returns the wall time. */
async function readAll(mode) {
  const files = [...document.querySelector('#files').files];
  const capacity = 256 * 1024 + 1;
  const pool = [];
  const pending = new Map();
  window.W.onmessage = (e) => {
    if (e.data.buf) pool.push(e.data.buf);
    pending.get(e.data.id)();
    pending.delete(e.data.id);
  };
  const viaWorker = (message, transfer) => new Promise((done) => {
    pending.set(message.id, done);
    window.W.postMessage(message, transfer);
  });
  const byob = async (file) => {
    let buffer = pool.pop() ?? new ArrayBuffer(capacity);
    const reader = file.stream().getReader({ mode: 'byob' });
    for (let at = 0; ;) {
      const { value, done } = await reader.read(new Uint8Array(buffer, at, capacity - at));
      if (value) buffer = value.buffer;
      if (done) return buffer;
      at += value.byteLength;
    }
  };
  const one = {
    ab: (f) => f.arrayBuffer(),
    byob: async (f) => pool.push(await byob(f)),
    'byob-post': async (f, id) => { const b = await byob(f); await viaWorker({ id, buf: b }, [b]); },
    'ab-post': async (f, id) => { const b = await f.arrayBuffer(); await viaWorker({ id, buf: b }, [b]); },
    'file-post': (f, id) => viaWorker({ id, file: f }, []),
  }[mode];
  const t0 = performance.now();
  let next = 0;
  const lane = async () => { while (next < files.length) { const i = next++; await one(files[i], i); } };
  await Promise.all(Array.from({ length: 16 }, lane));
  return performance.now() - t0;
}

async function run(mode) {
  return withInputPage(async (page) => {
    await page.evaluate((source) => {
      window.W = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
    }, workerSource);
    await page.setInputFiles('#files', paths);
    await page.waitForTimeout(500);
    const cdp = await page.context().newCDPSession(page);
    const events = [];
    cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
    const complete = new Promise((done) => cdp.once('Tracing.tracingComplete', done));
    await cdp.send('Tracing.start', {
      categories: 'toplevel,devtools.timeline,__metadata',
      transferMode: 'ReportEvents',
    });
    const ms = await page.evaluate(readAll, mode);
    await cdp.send('Tracing.end');
    await complete;
    return { mode, ms: Math.round(ms), ...cpuByThread(events) };
  });
}

/** CPU ms of the page's thread, the IO thread and the worker; the page's events by CPU. */
function cpuByThread(events) {
  const label = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') label.set(`${e.pid}/${e.tid}`, e.args.name);
  const byThread = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined) continue;
    const key = `${e.pid}/${e.tid}`;
    if (!byThread.has(key)) byThread.set(key, []);
    byThread.get(key).push(e);
  }
  const cpu = {};
  let main;
  for (const [key, list] of byThread) {
    list.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    let end = -1;
    let us = 0;
    for (const e of list) {
      if (e.ts < end) continue; // nested in the event before
      us += e.tdur ?? 0;
      end = e.ts + e.dur;
    }
    const name = label.get(key) ?? key;
    cpu[name] = (cpu[name] ?? 0) + us / 1000;
    if (name === 'CrRendererMain' && list.length > 100) main = list;
  }
  // Self CPU time of the page's thread's events.
  const self = new Map();
  const stack = [];
  for (const e of main ?? []) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    if (stack.length) self.set(stack.at(-1).name, (self.get(stack.at(-1).name) ?? 0) - (e.tdur ?? 0));
    self.set(e.name, (self.get(e.name) ?? 0) + (e.tdur ?? 0));
    stack.push(e);
  }
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 5)
    .map(([name, us]) => `${name} ${Math.round(us / 1000)}`).join(' | ');
  return {
    pageCpu: Math.round(cpu.CrRendererMain ?? 0),
    ioCpu: Math.round(cpu.Chrome_IOThread ?? 0),
    workerCpu: Math.round(cpu['DedicatedWorker thread'] ?? 0),
    pageEvents: top,
  };
}

for (let round = 0; round < Number(opts.rounds); round++) {
  for (const mode of opts.modes.split(',')) console.log(JSON.stringify(await run(mode)));
}
