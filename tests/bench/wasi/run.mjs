// Runs a wasm32-wasip1 program under Node's WASI (the V8 engine of the browser the page runs
// in), with the whole file system visible: `node tests/bench/wasi/run.mjs PROGRAM.wasm ARGS...`.
// Used by tests/bench/wasi/detector_bench.sh.
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';

const [program, ...args] = process.argv.slice(2);
if (!program) throw new Error('usage: node tests/bench/wasi/run.mjs PROGRAM.wasm ARGS...');
const wasi = new WASI({ version: 'preview1', args: [program, ...args], env: {}, preopens: { '/': '/' } });
const module = await WebAssembly.compile(readFileSync(program));
wasi.start(await WebAssembly.instantiate(module, wasi.getImportObject()));
