/**
 * Crash safety with real processes: `npm start`'s entry point (`src/main.ts`) run as child processes
 * on one data directory (PGlite) or one PostgreSQL database, killed with SIGKILL between the
 * webhook's acknowledgement and the send.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTwilio, type FakeTwilio } from './support/fake-twilio.ts';
import { ACCOUNT_SID, AUTH_TOKEN, dialStatus, FORWARD_TO, ORG_NUMBER, postTwilio, PUBLIC_URL, sid } from './support/harness.ts';
import { CALLER, DIAL_STATUS, eventsOf, waitForLeadEvent, type ApiLead } from './support/suite.ts';
import { freshDatabase, testDbKind } from './support/test-database.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SECRET = 'crash-test-secret-0123456789abcdef';

interface Proc {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

describe('[CRASH] a process killed after the webhook is acknowledged and before the send', () => {
  let fake: FakeTwilio;
  const procs: Proc[] = [];
  const cleanups: Array<() => Promise<void> | void> = [];

  beforeAll(async () => {
    fake = await startFakeTwilio();
  });
  afterEach(async () => {
    for (const p of procs.splice(0)) {
      if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
      await p.exited;
    }
    for (const c of cleanups.splice(0)) await c();
    fake.reset();
  });
  afterAll(async () => {
    await fake.close();
  });

  /** Where the database lives: a fresh DATA_DIR (PGlite) or a fresh PostgreSQL database. */
  async function databaseEnv(): Promise<Record<string, string>> {
    if (testDbKind === 'postgres') {
      const db = await freshDatabase();
      cleanups.push(db.drop);
      return { DATABASE_URL: db.options.databaseUrl! };
    }
    const dir = mkdtempSync(join(tmpdir(), 'ringback-crash-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return { DATA_DIR: join(dir, 'data') };
  }

  /**
   * Runs `script` as `npm start` does (tsx), but with tsx as a loader in one process: the `tsx` CLI
   * runs the script in a child process of its own, so a SIGKILL to it would orphan the server.
   */
  function run(script: string, args: string[], env: Record<string, string>): Proc {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? ROOT, LOG_LEVEL: 'warn', RINGBACK_SECRET: SECRET, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    const proc = { child, output: () => out, exited };
    procs.push(proc);
    return proc;
  }

  /** `npm run cli -- org create … --json` on the same database; returns its `{id, apiKey}` line. */
  async function createOrgWithCli(dbEnv: Record<string, string>): Promise<{ id: string; apiKey: string }> {
    const p = run('src/cli/main.ts', ['org', 'create', '--name', 'Acme Plumbing', '--timezone', 'America/Chicago', '--number', ORG_NUMBER, '--forward-to', FORWARD_TO, '--twilio-account-sid', ACCOUNT_SID, '--twilio-auth-token', AUTH_TOKEN, '--json'], dbEnv);
    const { code } = await p.exited;
    expect(code, p.output()).toBe(0);
    const line = p.output().trim().split('\n').find((l) => l.startsWith('{'));
    return JSON.parse(line!) as { id: string; apiKey: string };
  }

  /** `npm start` with the role; resolves once GET /healthz answers 200. */
  async function startServer(dbEnv: Record<string, string>, role: 'web' | 'all'): Promise<{ proc: Proc; baseUrl: string }> {
    const port = await freePort();
    const proc = run('src/main.ts', [], { ...dbEnv, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL, TWILIO_API_BASE_URL: fake.url, RINGBACK_DEMO: 'false', RINGBACK_ROLE: role });
    const baseUrl = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (proc.child.exitCode !== null) throw new Error(`server exited with ${proc.child.exitCode}:\n${proc.output()}`);
      const ok = await fetch(`${baseUrl}/healthz`).then((r) => r.status === 200, () => false);
      if (ok) return { proc, baseUrl };
      if (Date.now() > deadline) throw new Error(`server not healthy within 60 s:\n${proc.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const apiOf = (baseUrl: string, apiKey: string) => ({
    api: (path: string, init: RequestInit = {}) => fetch(baseUrl + path, { ...init, headers: { authorization: `Bearer ${apiKey}`, ...(init.headers ?? {}) } }),
  });

  it('the text-back goes out exactly once after a restart', async () => {
    const dbEnv = await databaseEnv();
    const org = await createOrgWithCli(dbEnv);

    // 1. A web-only process: acknowledges the webhook (state + outbox committed), runs no effects.
    const web = await startServer(dbEnv, 'web');
    const res = await postTwilio(web.baseUrl, DIAL_STATUS, dialStatus(sid('CA'), CALLER, 'no-answer'));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<Record');
    const queued = (await (await apiOf(web.baseUrl, org.apiKey).api('/api/v1/leads')).json()) as ApiLead[];
    expect(queued).toHaveLength(1);
    const before = (await (await apiOf(web.baseUrl, org.apiKey).api(`/api/v1/leads/${queued[0]!.id}`)).json()) as ApiLead;
    expect(eventsOf(before, 'message_queued')).toHaveLength(1);
    expect(eventsOf(before, 'message_sent')).toEqual([]);

    // 2. Killed before any send.
    web.proc.child.kill('SIGKILL');
    expect((await web.proc.exited).signal).toBe('SIGKILL');
    expect(fake.messages).toHaveLength(0);
    expect(fake.requests).toBe(0);

    // 3. A full process on the same database finds the outbox row and sends it.
    const all = await startServer(dbEnv, 'all');
    const [message] = await fake.waitForMessages(1, 30_000);
    expect(message).toMatchObject({ to: CALLER, from: ORG_NUMBER });
    const lead = await waitForLeadEvent(apiOf(all.baseUrl, org.apiKey), 'message_sent', 30_000);
    expect(eventsOf(lead, 'message_sent')).toHaveLength(1);
    expect(lead.id).toBe(queued[0]!.id);

    // 4. And only once: both the pg-boss job and the start-up rescan saw the row; let both run out.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(fake.messages).toHaveLength(1);
    expect(fake.requests).toBe(1);

    all.proc.child.kill('SIGTERM');
    expect((await all.proc.exited).code).toBe(0);
  }, 180_000);

  it.skipIf(testDbKind !== 'pglite')('a second server on the same DATA_DIR exits non-zero saying the directory is in use', async () => {
    const dbEnv = await databaseEnv();
    await createOrgWithCli(dbEnv);
    const first = await startServer(dbEnv, 'all');
    const port = await freePort();
    const second = run('src/main.ts', [], { ...dbEnv, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL, TWILIO_API_BASE_URL: fake.url, RINGBACK_DEMO: 'false' });
    const { code } = await second.exited;
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(second.output()).toMatch(/in use/);
    expect(second.output()).toContain(dbEnv.DATA_DIR!);
    // The first one is unharmed.
    expect((await fetch(`${first.baseUrl}/healthz`)).status).toBe(200);
    // The CLI says so too, instead of opening the database under the server.
    const cli = run('src/cli/main.ts', ['org', 'list', '--json'], dbEnv);
    expect((await cli.exited).code).not.toBe(0);
    expect(cli.output()).toMatch(/in use/);
  }, 180_000);
});
