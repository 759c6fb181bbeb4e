// The renderer processes of one headless Chromium: what the browser benches sample for memory.
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
