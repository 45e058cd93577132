/**
 * A fresh database per benchmark run, with the benchmark's organization in it, created before the
 * server starts (and closed again: PGlite's DATA_DIR is locked while open).
 *
 * - PGlite: a new temporary `DATA_DIR`, removed at the end.
 * - PostgreSQL: `CREATE DATABASE ringback_bench_<random>` on `BENCH_DATABASE_URL` /
 *   `TEST_DATABASE_URL` (default `postgres://postgres@127.0.0.1:5432/test`), dropped at the end.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createOrganization } from '../src/app/organizations.ts';
import { createCredentialCipher } from '../src/crypto/credentials.ts';
import { openDatabase } from '../src/db/client.ts';
import { sql } from 'drizzle-orm';

export type DbKind = 'pglite' | 'postgres';

export const BENCH_SECRET = 'bench-secret-0123456789abcdef';
export const ACCOUNT_SID = `AC${'b'.repeat(32)}`;
export const AUTH_TOKEN = 'bench-auth-token-0123456789abcdef';
export const ORG_NUMBER = '+15125550100';
export const FORWARD_TO = '+15125550199';

export interface BenchDatabase {
  kind: DbKind;
  /** Environment for the server: `DATA_DIR` or `DATABASE_URL`. */
  env: Record<string, string>;
  /** `select version()`, shortened. */
  version: string;
  /** Committed transactions on this database so far (PostgreSQL only; null on PGlite). */
  commits(): Promise<number | null>;
  /** pg-boss jobs of the effect queue not yet completed (PostgreSQL only; null on PGlite, which the server holds). */
  queueBacklog(): Promise<number | null>;
  /** Pids of the PostgreSQL backends connected to this database (none on PGlite: it runs in the server). */
  backendPids(): Promise<number[]>;
  drop(): Promise<void>;
}

export function adminDatabaseUrl(): string {
  return process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
}

/**
 * A fresh PostgreSQL database on the admin server (`ringback_<prefix>_<random>`), and its drop, which
 * waits for closing pools' backends to go before `drop … with (force)`.
 */
export async function createScratchDatabase(prefix: string): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const admin = adminDatabaseUrl();
  const name = `ringback_${prefix}_${randomBytes(6).toString('hex')}`;
  await withClient(admin, (c) => c.query(`create database ${name}`));
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return {
    name,
    url: u.toString(),
    drop: () =>
      withClient(admin, async (c) => {
        for (let i = 0; i < 100; i++) {
          const { rows } = await c.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
          if (rows[0]?.n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await c.query(`drop database if exists ${name} with (force)`);
      }).then(() => {}),
  };
}

export async function prepareDatabase(kind: DbKind): Promise<BenchDatabase> {
  if (kind === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'ringback-bench-'));
    const version = await setUpOrganization({ dataDir });
    return {
      kind,
      env: { DATA_DIR: dataDir },
      version,
      commits: async () => null,
      backendPids: async () => [],
      queueBacklog: async () => null,
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const admin = adminDatabaseUrl();
  const { name, url, drop } = await createScratchDatabase('bench');
  try {
    const version = await setUpOrganization({ databaseUrl: url });
    return {
      kind,
      env: { DATABASE_URL: url },
      version,
      commits: () =>
        withClient(admin, async (c) => {
          await c.query('select pg_stat_clear_snapshot()');
          const r = await c.query<{ n: string }>('select xact_commit::text as n from pg_stat_database where datname = $1', [name]);
          return Number(r.rows[0]?.n ?? 0);
        }),
      backendPids: () =>
        withClient(admin, async (c) => {
          const r = await c.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [name]);
          return r.rows.map((row) => row.pid);
        }),
      queueBacklog: () =>
        withClient(url, async (c) => {
          const r = await c.query<{ n: string }>("select count(*)::text as n from pgboss.job where name = 'ringback.effects' and state in ('created', 'retry', 'active')");
          return Number(r.rows[0]?.n ?? 0);
        }),
      drop,
    };
  } catch (err) {
    await drop().catch(() => {});
    throw err;
  }
}

/** Migrates the database, creates the organization with Twilio credentials, closes it. Returns the server version. */
async function setUpOrganization(where: { dataDir: string } | { databaseUrl: string }): Promise<string> {
  const database = await openDatabase(where);
  try {
    await createOrganization(database.db, createCredentialCipher(BENCH_SECRET), {
      name: 'Bench Plumbing',
      timeZone: 'America/Chicago',
      number: ORG_NUMBER,
      forwardTo: [FORWARD_TO],
      twilioAccountSid: ACCOUNT_SID,
      twilioAuthToken: AUTH_TOKEN,
    });
    const rows = (await database.db.execute(sql`select version() as v`)) as unknown as { rows?: Array<{ v: string }> } | Array<{ v: string }>;
    const list = Array.isArray(rows) ? rows : (rows.rows ?? []);
    return (list[0]?.v ?? 'unknown').replace(/ on .*$/, '').replace(/,.*$/, '');
  } finally {
    await database.close();
  }
}

export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
