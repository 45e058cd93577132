import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeLlm, type FakeLlm } from '../triage/fake-llm.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A DATA_DIR held by a live process (this test process), as a running server would hold it. */
let lockedDataDir: string;

function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: lockedDataDir, LOG_LEVEL: 'warn', ...extra };
  for (const key of Object.keys(env)) if (key.startsWith('TRIAGE_LLM_') && !(key in extra)) delete env[key];
  delete env.DATABASE_URL;
  return env;
}

function spawnCli(args: string[], env: NodeJS.ProcessEnv): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, env });
}

/** Runs the CLI with `stdin` and collects its output. */
function runCli(args: string[], stdin = '', env = cliEnv()): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawnCli(args, env);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const jsonLines = (stdout: string): Array<Record<string, unknown>> => {
  expect(stdout.endsWith('\n')).toBe(true);
  return stdout.slice(0, -1).split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
};

beforeAll(() => {
  lockedDataDir = mkdtempSync(join(tmpdir(), 'ringback-cli-'));
  writeFileSync(join(lockedDataDir, 'ringback.lock'), String(process.pid));
});
afterAll(() => {
  rmSync(lockedDataDir, { recursive: true, force: true });
});

describe('ringback classify', () => {
  it('writes one JSON line per input line, in order, without opening the (locked) database', async () => {
    const input = [
      '{"text":"I smell gas in the basement"}',
      '{"text":"STOP"}',
      '',
      '   ',
      '{"text":"can someone come tomorrow morning"}',
      'not json',
      '{"message":"no text field"}',
      '{"id":"abc","text":"Necesito que alguien venga a revisar mi calentador"}',
      '{"text":"my heater stopped working"}',
    ].join('\n');
    const { code, stdout, stderr } = await runCli(['classify'], `${input}\n`);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = jsonLines(stdout);
    expect(out).toHaveLength(7);
    expect(out[0]).toMatchObject({ intent: 'emergency', safety: true, source: 'rules_model' });
    expect(out[1]).toMatchObject({ intent: 'stop', safety: false });
    expect(out[2]).toMatchObject({ intent: 'booking', safety: false });
    expect(out[3]).toEqual({ error: 'invalid JSON', line: 6 });
    expect(out[4]).toEqual({ error: 'missing or non-string "text"', line: 7 });
    expect(out[5]).toMatchObject({ id: 'abc', language: 'es' });
    expect(out[6]).toMatchObject({ intent: 'booking', safety: false }); // not stop
    for (const r of [out[0]!, out[1]!, out[2]!, out[5]!, out[6]!]) {
      expect(typeof r.safety).toBe('boolean');
      expect(r.confidence).toBeGreaterThanOrEqual(0);
      expect(r.confidence).toBeLessThanOrEqual(1);
      expect(Array.isArray(r.reasons)).toBe(true);
    }
  });

  it('streams: answers each line before stdin ends', async () => {
    const child = spawnCli(['classify'], cliEnv());
    const lines: string[] = [];
    let buffer = '';
    const waiters: Array<() => void> = [];
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      buffer += d;
      let i;
      while ((i = buffer.indexOf('\n')) >= 0) {
        lines.push(buffer.slice(0, i));
        buffer = buffer.slice(i + 1);
        waiters.shift()?.();
      }
    });
    const nextLine = () => new Promise<void>((resolve) => waiters.push(resolve));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));

    let got = nextLine();
    child.stdin.write('{"text":"STOP"}\n');
    await got;
    expect(JSON.parse(lines[0]!)).toMatchObject({ intent: 'stop' });
    got = nextLine();
    child.stdin.write('{"text":"I smell gas"}\r\n');
    await got;
    expect(JSON.parse(lines[1]!)).toMatchObject({ intent: 'emergency', safety: true });
    child.stdin.end();
    expect(await closed).toBe(0);
    expect(lines).toHaveLength(2);
  });

  it('prints nothing for empty input', async () => {
    expect(await runCli(['classify'], '')).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  describe('--llm', () => {
    let fake: FakeLlm;
    beforeAll(async () => {
      fake = await startFakeLlm();
    });
    afterAll(async () => {
      await fake.close();
    });

    it('asks the configured LLM about uncertain messages only', async () => {
      fake.respond(() => ({ kind: 'answer', answer: { intent: 'question', safety: false, confidence: 0.77, language: 'en', reason: 'asks' } }));
      const env = cliEnv({ TRIAGE_LLM_URL: fake.url, TRIAGE_LLM_MODEL: 'fake-1', TRIAGE_LLM_TIMEOUT_MS: '5000' });
      const { code, stdout, stderr } = await runCli(['classify', '--llm'], '{"text":"the thing"}\n{"text":"STOP"}\n{"text":"I smell gas"}\n', env);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const out = jsonLines(stdout);
      expect(out).toHaveLength(3);
      expect(out[0]).toMatchObject({ intent: 'question', confidence: 0.77, source: 'llm' });
      expect((out[0]!.reasons as string[])[0]).toMatch(/^llm:fake-1 /);
      expect(out[1]).toMatchObject({ intent: 'stop', source: 'rules_model' });
      expect(out[2]).toMatchObject({ intent: 'emergency', safety: true, source: 'rules_model' });
      expect(fake.requests).toHaveLength(1);
    });

    it('exits 3 with a clear message when TRIAGE_LLM_URL is not set', async () => {
      const { code, stdout, stderr } = await runCli(['classify', '--llm'], '{"text":"the thing"}\n');
      expect(code).toBe(3);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/TRIAGE_LLM_URL/);
    });
  });
});

describe('ringback triage eval', () => {
  it('prints the held-out report', async () => {
    const { code, stdout } = await runCli(['triage', 'eval']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^examples\s+\d+/);
    expect(stdout).toMatch(/stop recall\s+100\.0%/);
    expect(stdout).toMatch(/confusion/);
  });

  it('prints the report as JSON with --json', async () => {
    const { code, stdout } = await runCli(['triage', 'eval', '--json']);
    expect(code).toBe(0);
    const [report] = jsonLines(stdout);
    expect(report).toMatchObject({ stopRecall: 1, falseStops: 0, missedStops: 0 });
    expect(report!.examples).toBeGreaterThan(100);
    expect(report!.accuracy).toBeGreaterThan(0.85);
  });
});

describe('ringback user', () => {
  let dataDir: string;
  let orgId: string;
  const env = () => cliEnv({ DATA_DIR: dataDir, RINGBACK_SECRET: 'cli-test-secret-0123456789' });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ringback-cli-users-'));
    const created = await runCli(['org', 'create', '--name', 'Acme', '--timezone', 'America/Chicago', '--number', '+15125550100', '--forward-to', '+15125550199', '--json'], '', env());
    expect(created.code, created.stderr).toBe(0);
    orgId = jsonLines(created.stdout)[0]!.id as string;
  }, 60_000);
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates a person with a role who can sign in; again with the same email reuses the account and changes the role', async () => {
    const first = await runCli(['user', 'create', '--org', orgId, '--email', 'Dana@Example.com', '--password', 'dispatch-me-please', '--role', 'dispatcher', '--name', 'Dana D', '--json'], '', env());
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const [created] = jsonLines(first.stdout);
    expect(created).toEqual({ id: expect.any(String), email: 'dana@example.com', organizationId: orgId, role: 'dispatcher' });

    const again = await runCli(['user', 'create', '--org', orgId, '--email', 'dana@example.com', '--password', 'another-password', '--role', 'manager'], '', env());
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already had an account \(password unchanged\)/);

    const list = await runCli(['user', 'list', '--org', orgId, '--json'], '', env());
    expect(list.code).toBe(0);
    expect(jsonLines(list.stdout)[0]).toEqual([{ id: created!.id, email: 'dana@example.com', name: 'Dana D', role: 'manager', phoneE164: null }]);
    const text = await runCli(['user', 'list', '--org', orgId], '', env());
    expect(text.stdout).toMatch(/dana@example\.com\s+Dana D\s+manager/);

    // The first password signs in (better-auth, the same database).
    const [{ openDatabase }, { createAuth }, { createMailer }, { deriveAuthSecret }, pino] = await Promise.all([
      import('../db/client.ts'),
      import('../auth/auth.ts'),
      import('../mail/mailer.ts'),
      import('../runtime.ts'),
      import('pino'),
    ]);
    const database = await openDatabase({ dataDir });
    try {
      const mailer = createMailer({ db: database.db, from: 'x <x@example.com>', logger: pino.default({ level: 'silent' }), clock: () => new Date() });
      const auth = createAuth({ db: database.db, publicUrl: 'http://localhost:3000', secret: deriveAuthSecret('cli-test-secret-0123456789'), mailer });
      const signedIn = await auth.api.signInEmail({ body: { email: 'dana@example.com', password: 'dispatch-me-please' } });
      expect(signedIn.user.id).toBe(created!.id);
      await expect(auth.api.signInEmail({ body: { email: 'dana@example.com', password: 'another-password' } })).rejects.toThrow();
    } finally {
      await database.close();
    }
  }, 60_000);

  it('exits 2 with a clear message for a bad role, a short password or an unknown organization', async () => {
    const base = ['user', 'create', '--email', 'x@example.com'];
    const role = await runCli([...base, '--org', orgId, '--password', 'long-enough-pw', '--role', 'boss'], '', env());
    expect(role.code).toBe(2);
    expect(role.stderr).toMatch(/--role: "boss" is not a role; use one of owner, manager, dispatcher, assistant, technician/);
    const short = await runCli([...base, '--org', orgId, '--password', 'short', '--role', 'owner'], '', env());
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/--password: must be at least 10 characters/);
    const org = await runCli([...base, '--org', '5f0c8a8e-0000-4000-8000-000000000000', '--password', 'long-enough-pw', '--role', 'owner'], '', env());
    expect(org.code).toBe(2);
    expect(org.stderr).toMatch(/no organization 5f0c8a8e/);
    const missing = await runCli(['user', 'create', '--org', orgId, '--email', 'x@example.com', '--role', 'owner'], '', env());
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--password is required/);
    expect((await runCli(['user', 'list', '--org', 'nope'], '', env())).code).toBe(2);
  }, 60_000);

  it('exits 3 and says so while a server holds the embedded database', async () => {
    const { code, stdout, stderr } = await runCli(['user', 'create', '--org', orgId, '--email', 'y@example.com', '--password', 'long-enough-pw', '--role', 'owner']);
    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/in use by process/);
  });
});
