import { readdirSync, readFileSync } from 'node:fs';

/** CPU time (user + system, in ms) of each process under `root` whose name matches, right now. */
export function cpuSnapshot(root: number, match: RegExp): Map<number, number> {
  const children = new Map<number, number[]>();
  const names = new Map<number, string>();
  const used = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid … utime stime (fields 14 and 15): comm may hold spaces.
      const close = stat.lastIndexOf(')');
      const rest = stat.slice(close + 2).split(' ');
      const pid = Number(entry);
      names.set(pid, stat.slice(stat.indexOf('(') + 1, close));
      // Linux counts in clock ticks of 10 ms (USER_HZ 100) on every common architecture.
      used.set(pid, (Number(rest[11]) + Number(rest[12])) * 10);
      const ppid = Number(rest[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {
      // The process ended while we looked.
    }
  }
  const out = new Map<number, number>();
  const walk = (pid: number) => {
    for (const c of children.get(pid) ?? []) {
      if (match.test(names.get(c) ?? '')) out.set(c, used.get(c) ?? 0);
      walk(c);
    }
  };
  walk(root);
  return out;
}

/** CPU ms the processes used between two snapshots (those started in between count from zero). */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

/** CPU ms of one process (by pid), or of this process when none is given. */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(rest[11]) + Number(rest[12])) * 10;
}

/** CPU ms between two snapshots, by Chromium process type (`--type=`: renderer, gpu-process, utility…; none: the browser). */
export function cpuByType(before: Map<number, number>, after: Map<number, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [pid, ms] of after) {
    let type = 'browser';
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      type = /--type=([a-z-]+)/.exec(cmd)?.[1] ?? 'browser';
      const sub = /--utility-sub-type=([a-zA-Z.]+)/.exec(cmd)?.[1];
      if (sub) type = `utility ${sub.split('.')[0]}`;
    } catch {}
    out[type] = (out[type] ?? 0) + ms - (before.get(pid) ?? 0);
  }
  return out;
}
