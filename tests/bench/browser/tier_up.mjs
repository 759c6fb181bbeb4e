// Which of the page's wasm functions V8 recompiled with its optimizing compiler (TurboFan)
// during the bench's 2,000-file scan, and how long each took: that compiling runs on the
// renderer's thread pool, beside the scan workers, on the same cores. Functions are named when
// the module keeps its name section (a build with data-keep-debug and wasm-opt -g), otherwise
// by index. Not part of .ci/bench: a tool for finding what to change.
//
//   node tests/bench/browser/tier_up.mjs --dist dist [--count 2000] [--top 25]
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { serveBench } from './serve.mjs';

const { values: opts } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    corpus: { type: 'string', default: 'target/bench-corpus/small' },
    count: { type: 'string', default: '2000' },
    top: { type: 'string', default: '25' },
  },
});
const names = readdirSync(resolve(opts.corpus)).filter((f) => f.endsWith('.dcm')).sort()
  .slice(0, Number(opts.count));
const paths = names.map((n) => join(resolve(opts.corpus), n));
const wasmFile = readdirSync(resolve(opts.dist)).find((f) => /^app-.*_bg\.wasm$/.test(f));
const functionNames = wasmFile ? nameSection(readFileSync(join(resolve(opts.dist), wasmFile))) : new Map();

// V8 prints one line a compiled function to the renderer's stdout; Playwright writes the
// browser's output to stderr when its debug log names it (set before it is loaded), and the
// lines are taken from there.
const compiled = [];
let scanning = false;
process.env.DEBUG = 'pw:browser';
const write = process.stderr.write.bind(process.stderr);
process.stderr.write = (chunk, ...rest) => {
  const line = String(chunk);
  const m = /Compiled function \S+#(\d+) using TurboFan, took (\d+) μs.*bodysize (\d+)/.exec(line);
  if (m) {
    if (scanning) compiled.push({ index: Number(m[1]), us: Number(m[2]), body: Number(m[3]) });
    return true;
  }
  return /pw:browser/.test(line) ? true : write(chunk, ...rest);
};
const { chromium } = await import('playwright-core');
const { origin, stop } = await serveBench(opts.dist);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--js-flags=--trace-wasm-compilation-times'],
});
try {
  const page = await browser.newPage();
  await page.goto(origin + '/index.html');
  await page.waitForSelector('.drop-zone', { timeout: 30000 });
  await page.waitForSelector('#offline-status', { timeout: 60000 });
  scanning = true;
  const t0 = performance.now();
  await page.setInputFiles('#file', paths);
  await page.waitForFunction((n) => (document.querySelector('#progress-text')?.textContent || '')
    .startsWith(`Done: ${n} files`), names.length, { polling: 20, timeout: 0 });
  const ms = performance.now() - t0;
  const total = compiled.reduce((s, c) => s + c.us, 0);
  const bytes = compiled.reduce((s, c) => s + c.body, 0);
  console.log(`${names.length} files in ${Math.round(ms)} ms; TurboFan compiled ${compiled.length} functions (${bytes} bytes of code) in ${Math.round(total / 1000)} ms, wall time on its threads`);
  console.log('ms'.padStart(7), 'body B'.padStart(7), 'function');
  for (const c of compiled.sort((a, b) => b.us - a.us).slice(0, Number(opts.top))) {
    const name = functionNames.get(c.index) ?? `wasm-function#${c.index}`;
    console.log((c.us / 1000).toFixed(1).padStart(7), String(c.body).padStart(7), name.slice(0, 110));
  }
} finally {
  await browser.close();
  stop();
}

/** The function names of a wasm module's "name" section, by function index. */
function nameSection(bytes) {
  const out = new Map();
  const leb = (at) => {
    let value = 0; let shift = 0;
    for (;;) {
      const b = bytes[at.i++];
      value += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (b < 0x80) return value;
    }
  };
  const text = (at) => {
    const n = leb(at);
    const s = new TextDecoder().decode(bytes.subarray(at.i, at.i + n));
    at.i += n;
    return s;
  };
  const at = { i: 8 };
  while (at.i < bytes.length) {
    const id = bytes[at.i++];
    const size = leb(at);
    const end = at.i + size;
    if (id === 0 && text(at) === 'name') {
      while (at.i < end) {
        const sub = bytes[at.i++];
        const subSize = leb(at);
        const subEnd = at.i + subSize;
        if (sub === 1) {
          for (let n = leb(at); n > 0; n--) {
            const index = leb(at);
            out.set(index, text(at));
          }
        }
        at.i = subEnd;
      }
    }
    at.i = end;
  }
  return out;
}
