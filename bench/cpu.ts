/**
 * CPU accounting from /proc (Linux): how much CPU the server process, its PostgreSQL backends, this
 * load generator and everything else on the machine used during a phase. The machine may be shared:
 * "other" CPU shows when a result was measured under someone else's load.
 */
import { readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** User + system CPU time of `pid` in ms, or 0 when it is gone or /proc is missing. */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime, stime
  } catch {
    return 0;
  }
}

/**
 * Busy, stolen and total CPU time of the whole machine in ms (all CPUs), or null without /proc.
 * `steal` is time the hypervisor gave to other guests while this VM wanted to run (counted in `busy`).
 */
export function machineCpuMs(): { busy: number; steal: number; total: number } | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (v[3] ?? 0) + (v[4] ?? 0);
    const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: (total - idle) * TICK_MS, steal: (v[7] ?? 0) * TICK_MS, total: total * TICK_MS };
  } catch {
    return null;
  }
}

export interface CpuSnapshot {
  server: number;
  /** Per PostgreSQL backend pid. */
  database: Record<number, number>;
  bench: number;
  machine: { busy: number; steal: number; total: number } | null;
  at: number;
}

export function cpuSnapshot(serverPid: number, databasePids: number[]): CpuSnapshot {
  const u = process.cpuUsage();
  return {
    server: processCpuMs(serverPid),
    database: Object.fromEntries(databasePids.map((pid) => [pid, processCpuMs(pid)])),
    bench: (u.user + u.system) / 1000,
    machine: machineCpuMs(),
    at: Date.now(),
  };
}

/** CPU used between two snapshots, in ms, and the share of the machine's capacity that went to others. */
export interface CpuUse {
  serverMs: number;
  databaseMs: number;
  benchMs: number;
  /** Busy CPU not used by the three above (other processes, kernel threads, hypervisor steal). */
  otherMs: number | null;
  stealMs: number | null;
  machineBusyPct: number | null;
}

export function cpuUse(a: CpuSnapshot, b: CpuSnapshot): CpuUse {
  const serverMs = b.server - a.server;
  // A backend that appeared during the phase spent all its CPU in it.
  const databaseMs = Object.entries(b.database).reduce((sum, [pid, v]) => sum + v - (a.database[Number(pid)] ?? 0), 0);
  const benchMs = b.bench - a.bench;
  if (!a.machine || !b.machine) return { serverMs, databaseMs, benchMs, otherMs: null, stealMs: null, machineBusyPct: null };
  const busy = b.machine.busy - a.machine.busy;
  const total = b.machine.total - a.machine.total;
  return {
    serverMs,
    databaseMs,
    benchMs,
    otherMs: Math.max(0, busy - serverMs - databaseMs - benchMs),
    stealMs: b.machine.steal - a.machine.steal,
    machineBusyPct: total > 0 ? (100 * busy) / total : null,
  };
}
