/**
 * Runs Ringback (`src/main.ts`) as a child process, so the load generator and the fake Twilio API
 * never share its event loop. The child is `node --import tsx src/main.ts` (what `npm start` runs,
 * without tsx's extra watcher process), with `bench/count-queries.ts` preloaded to count statements.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface QueryCounts {
  total: number;
  byKey: Record<string, number>;
}

export interface ServerProcess {
  baseUrl: string;
  pid: number;
  /** Lines the server wrote to stderr at warn level or above (pino JSON lines), so far. */
  warnings(): string[];
  /** The statements the server has sent so far (see `count-queries.ts`). */
  queryCounts(): Promise<QueryCounts>;
  /** SIGTERM, then SIGKILL after `timeoutMs`. */
  stop(timeoutMs?: number): Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Starts the server with `env` added to a minimal environment and waits for `GET /healthz`. */
export async function startServer(env: Record<string, string>, opts: { readyTimeoutMs?: number } = {}): Promise<ServerProcess> {
  const port = await freePort();
  const countFile = join(tmpdir(), `ringback-bench-queries-${process.pid}-${port}.json`);
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
      '--import',
      'tsx',
      '--import',
      fileURLToPath(new URL('./count-queries.ts', import.meta.url)),
      'src/main.ts',
    ],
    {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        RINGBACK_DEMO: 'false',
        BENCH_QUERY_COUNT_FILE: countFile,
        ...env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const stderr: string[] = [];
  let partial = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const l of lines) if (l.trim()) stderr.push(l);
    if (stderr.length > 5000) stderr.splice(0, stderr.length - 5000);
  });
  let exited: { code: number | null; signal: string | null } | null = null;
  const exitPromise = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    }),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 90_000);
  for (;;) {
    if (exited) throw new Error(`server exited before it was ready (${JSON.stringify(exited)}):\n${stderr.slice(-30).join('\n')}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready within the timeout:\n${stderr.slice(-30).join('\n')}`);
    }
    try {
      const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }

  return {
    baseUrl,
    pid: child.pid!,
    warnings: () => stderr.filter((l) => /"level":(4|5|6)0/.test(l)),
    async queryCounts() {
      rmSync(countFile, { force: true });
      child.kill('SIGUSR2');
      for (let i = 0; i < 100; i++) {
        await sleep(20);
        try {
          return JSON.parse(readFileSync(countFile, 'utf8')) as QueryCounts;
        } catch {
          // not written yet
        }
      }
      throw new Error('the server did not report its statement counts');
    },
    async stop(timeoutMs = 15_000) {
      if (!exited) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
        await exitPromise;
        clearTimeout(timer);
      }
      rmSync(countFile, { force: true });
    },
  };
}
