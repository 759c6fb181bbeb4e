// One origin for the browser benches: a copy of dist/ at the root, the bench's in-page script
// and dicom-parser under /bench/, served by python's http.server on a free local port.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../..');

/** Serve `dist` with the bench scripts; returns `{ origin, stop }`. */
export async function serveBench(dist) {
  const root = mkdtempSync(join(tmpdir(), 'dec-bench-'));
  cpSync(resolve(dist), root, { recursive: true });
  mkdirSync(join(root, 'bench'), { recursive: true });
  cpSync(join(here, 'in_page.js'), join(root, 'bench/in_page.js'));
  cpSync(join(repo, 'node_modules/dicom-parser/dist/dicomParser.min.js'), join(root, 'bench/dicomParser.min.js'));
  const port = await new Promise((res) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => res(port)); });
  });
  const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', root], { stdio: 'ignore' });
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try { await fetch(origin + '/'); break; } catch { if (i > 100) throw new Error('server did not start'); await new Promise((r) => setTimeout(r, 100)); }
  }
  return {
    origin,
    stop() {
      server.kill();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
