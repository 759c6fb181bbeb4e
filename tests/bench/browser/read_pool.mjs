// How reading small files on a page and posting them to a worker grows the renderer's memory,
// two ways, each in a browser of its own (twice, alternating): as the page reads them today
// (`File.stream()`'s default reader, its chunk transferred to the worker), and with a BYOB
// reader into buffers the worker transfers back to the page, which reads the next file into
// one of them. Not part of .ci/bench: the measurement behind the direction in
// docs/benchmarks.md ("Where the renderer's memory goes").
//
//   node tests/bench/browser/read_pool.mjs [--count 2000] [--size 27000]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { rendererSampler } from './renderers.mjs';
import { withInputPage } from './input_page.mjs';

const { values: opts } = parseArgs({
  options: {
    count: { type: 'string', default: '2000' },
    // The bench corpus's small files are about 27 KB.
    size: { type: 'string', default: '27000' },
  },
});
const dir = mkdtempSync(join(tmpdir(), 'dec-read-pool-'));
const paths = [];
for (let i = 0; i < Number(opts.count); i++) {
  const path = join(dir, `f${i}.bin`);
  writeFileSync(path, randomBytes(Number(opts.size)));
  paths.push(path);
}
const MiB = 1024 * 1024;

/** Runs in the page: reads every chosen file and posts it to a worker, `mode` as above. */
async function readAll(mode) {
  const pooled = mode === 'byob-pool';
  const src = `onmessage = (e) => { const [id, bytes] = e.data; let n = 0;
    for (let i = 0; i < bytes.length; i += 4096) n += bytes[i];
    postMessage([id, n, bytes], ${pooled ? '[bytes.buffer]' : '[]'}); }`;
  const worker = new Worker(URL.createObjectURL(new Blob([src])));
  const files = [...document.getElementById('files').files];
  const pool = [];
  const done = new Promise((resolve) => {
    let answered = 0;
    worker.onmessage = (e) => {
      if (pooled) pool.push(e.data[2].buffer);
      if (++answered === files.length) resolve();
    };
  });
  for (const [id, file] of files.entries()) {
    let bytes;
    if (pooled) {
      bytes = await window.readIntoBuffer(file, pool.pop() ?? new ArrayBuffer(256 * 1024));
    } else {
      const reader = file.stream().getReader();
      const chunks = [];
      for (;;) {
        const { value, done: end } = await reader.read();
        if (end) break;
        chunks.push(value);
      }
      bytes = chunks.length === 1 ? chunks[0] : new Uint8Array(await new Blob(chunks).arrayBuffer());
    }
    worker.postMessage([id, bytes], [bytes.buffer]);
  }
  await done;
}

try {
  for (const mode of ['stream-transfer', 'byob-pool', 'stream-transfer', 'byob-pool']) {
    await withInputPage(async (page, profile) => {
      const rss = rendererSampler(profile);
      const before = rss();
      let peak = before;
      const timer = setInterval(() => { peak = Math.max(peak, rss()); }, 10);
      const t0 = performance.now();
      await page.setInputFiles('#files', paths);
      await page.evaluate(readAll, mode);
      const ms = performance.now() - t0;
      clearInterval(timer);
      console.log(`${mode}: ${Math.round(ms)} ms, renderer ${Math.round(before / MiB)} -> peak ${Math.round(peak / MiB)} MiB`);
    });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
