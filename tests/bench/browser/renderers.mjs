// The renderer processes of one headless Chromium: what the browser benches sample for memory.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** RSS (bytes) of each renderer process of the browser started with the profile directory
 *  `profile` (descendants of the process whose command line names it; other Chromiums on the
 *  machine are not counted), as `{ pid, rss }`. */
export function renderers(profile) {
  const procs = new Map();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      procs.set(pid, {
        cmd: readFileSync(`/proc/${pid}/cmdline`, 'utf8'),
        ppid: /PPid:\s+(\d+)/.exec(status)[1],
        rss: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024,
      });
    } catch { /* process gone */ }
  }
  const ours = new Set([...procs].filter(([, p]) => p.cmd.includes(profile) && !p.cmd.includes('--type=')).map(([pid]) => pid));
  for (let grown = true; grown;) {
    grown = false;
    for (const [pid, p] of procs) if (!ours.has(pid) && ours.has(p.ppid)) { ours.add(pid); grown = true; }
  }
  return [...ours].filter((pid) => procs.get(pid).cmd.includes('--type=renderer'))
    .map((pid) => ({ pid, rss: procs.get(pid).rss }));
}

/** A sampler of the summed RSS (bytes) of `profile`'s renderers, cheap enough to call every
 *  10 ms beside a scan: it finds the renderers (a read of every process's status and command
 *  line, about 1.2 ms on this machine) only every `refreshMs`, and in between reads the one
 *  small `statm` file of each renderer it knows. Why: finding them at every sample took about
 *  an eighth of one core away from the pages it measured (2 cores here; both sides of the
 *  browser bench ran about a tenth slower with it, docs/benchmarks.md). */
export function rendererSampler(profile, refreshMs = 250) {
  const pageBytes = Number(execFileSync('getconf', ['PAGESIZE']).toString().trim());
  let pids = [];
  let foundAt = -Infinity;
  return () => {
    const now = performance.now();
    if (now - foundAt >= refreshMs) {
      pids = renderers(profile).map((r) => r.pid);
      foundAt = now;
    }
    let sum = 0;
    for (const pid of pids) {
      try {
        // statm: size, resident, ... in pages.
        sum += Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * pageBytes;
      } catch { /* process gone */ }
    }
    return sum;
  };
}
