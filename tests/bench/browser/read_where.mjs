// Where a page's chosen small files are best read when two workers do the work: on the page
// (a BYOB reader into pooled buffers, the bytes transferred to a worker, as the page does
// since session 23), or in the workers (the page posts the `File` handles a few at a time and
// each worker reads them itself, with `arrayBuffer()` or with `FileReaderSync`); with
// `page-byob-batch`, the files handed out together go in one message, answered once. Each worker
// spends `--work` ms of CPU on a file, about what our scan costs in wasm, so that the page, the
// workers and the browser's IO thread compete for the cores as they do in a scan. Each mode
// runs in a browser of its own, the modes alternating. Not part of .ci/bench: the measurement
// behind where the page reads files (docs/benchmarks.md).
//
//   node tests/bench/browser/read_where.mjs --corpus target/bench-corpus/small [--count 2000]
//     [--work 0.55] [--rounds 3] [--modes page-byob,page-byob-batch,worker-async,worker-sync]
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { withInputPage } from './input_page.mjs';

const { values: opts } = parseArgs({
  options: {
    corpus: { type: 'string', default: 'target/bench-corpus/small' },
    count: { type: 'string', default: '2000' },
    work: { type: 'string', default: '0.55' },
    rounds: { type: 'string', default: '3' },
    modes: { type: 'string', default: 'page-byob,worker-async,worker-sync' },
  },
});
const paths = readdirSync(resolve(opts.corpus)).filter((f) => f.endsWith('.dcm')).sort()
  .slice(0, Number(opts.count)).map((n) => join(resolve(opts.corpus), n));

/** Runs in the page: every chosen file read and "worked on" by two workers, `mode` as above. */
async function readAll([mode, workMs]) {
  const LIMIT = 256 * 1024;
  const PER_WORKER = 8;
  const src = `
    const spin = (ms) => { const end = performance.now() + ms; let x = 0; while (performance.now() < end) x++; return x; };
    const sync = typeof FileReaderSync === 'function' ? new FileReaderSync() : null;
    const work = (bytes) => { let n = 0; for (let i = 0; i < bytes.length; i += 4096) n += bytes[i]; spin(${workMs}); return n; };
    onmessage = async (e) => {
      const [kind, items] = e.data;
      if (kind === 'bytes') {
        for (const [id, bytes] of items) { work(bytes); postMessage([[id], bytes.buffer], [bytes.buffer]); }
        return;
      }
      if (kind === 'batch') {
        const buffers = items.map(([, bytes]) => bytes.buffer);
        items.forEach(([, bytes]) => work(bytes));
        postMessage([items.map(([id]) => id), ...buffers], buffers);
        return;
      }
      for (const [id, file] of items) {
        const buffer = kind === 'sync' ? sync.readAsArrayBuffer(file) : await file.arrayBuffer();
        work(new Uint8Array(buffer));
        postMessage([[id]]);
      }
    };`;
  const url = URL.createObjectURL(new Blob([src]));
  const workers = [new Worker(url), new Worker(url)];
  const files = [...document.getElementById('files').files];
  const pool = [];
  let next = 0;
  let answered = 0;
  const inFlight = [0, 0];
  let finish;
  const done = new Promise((resolve) => { finish = resolve; });

  const readPooled = (file) => window.readIntoBuffer(file, pool.pop() ?? new ArrayBuffer(LIMIT + 1));

  function feed(w) {
    const take = [];
    while (inFlight[w] < PER_WORKER && next < files.length) {
      take.push(next++);
      inFlight[w]++;
    }
    if (take.length === 0) return;
    if (mode === 'page-byob-batch') {
      // The files handed out together go in one message once all are read; one answer.
      Promise.all(take.map((id) => readPooled(files[id]))).then((all) => {
        workers[w].postMessage(['batch', all.map((bytes, k) => [take[k], bytes])], all.map((b) => b.buffer));
      });
    } else if (mode === 'page-byob') {
      // Each file posted once read, in order per worker (as the page does).
      let chain = Promise.resolve();
      for (const id of take) {
        const read = readPooled(files[id]);
        chain = chain.then(() => read).then((bytes) => {
          workers[w].postMessage(['bytes', [[id, bytes]]], [bytes.buffer]);
        });
      }
    } else {
      workers[w].postMessage([mode === 'worker-sync' ? 'sync' : 'async', take.map((id) => [id, files[id]])]);
    }
  }

  workers.forEach((worker, w) => {
    worker.onmessage = (e) => {
      const [ids] = e.data;
      pool.push(...e.data.slice(1));
      inFlight[w] -= ids.length;
      answered += ids.length;
      if (answered === files.length) finish();
      else if (inFlight[w] <= PER_WORKER / 2) feed(w);
    };
  });
  feed(0);
  feed(1);
  await done;
  workers.forEach((w) => w.terminate());
}

const results = {};
for (let round = 0; round < Number(opts.rounds); round++) {
  for (const mode of opts.modes.split(',')) {
    await withInputPage(async (page) => {
      const t0 = performance.now();
      await page.setInputFiles('#files', paths);
      await page.evaluate(readAll, [mode, Number(opts.work)]);
      const ms = Math.round(performance.now() - t0);
      (results[mode] ??= []).push(ms);
      console.log(`${mode}: ${ms} ms`);
    });
  }
}
for (const [mode, runs] of Object.entries(results)) {
  const sorted = [...runs].sort((a, b) => a - b);
  console.log(`${mode}: median ${sorted[Math.floor(sorted.length / 2)]} ms (${runs.join(' ')})`);
}
