/** A fresh, migrated database per test, on PGlite or PostgreSQL as the vitest project says. */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { OpenDatabaseOptions } from '../../src/db/client.ts';
import { migrationsHash } from './global-setup.ts';

export const testDbKind: 'pglite' | 'postgres' = process.env.RINGBACK_TEST_DB === 'postgres' ? 'postgres' : 'pglite';

/** Options for `openDatabase`/`startRingback`, and a `drop` to call after the test. */
export async function freshDatabase(): Promise<{ options: OpenDatabaseOptions; drop: () => Promise<void> }> {
  const hash = migrationsHash();
  if (testDbKind === 'pglite') {
    const dump = readFileSync(join(tmpdir(), `ringback-pglite-template-${hash}.tar.gz`));
    return { options: { memory: { loadDataDir: new Blob([dump]) } }, drop: async () => {} };
  }
  const url = process.env.TEST_DATABASE_URL!;
  const name = `ringback_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name} template ringback_tpl_${hash}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    options: { databaseUrl: u.toString(), poolSize: 5 },
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      // pg-pool's end() resolves before its clients' sockets close: wait (bounded) for the backends
      // to go, or `with (force)` kills one mid-goodbye and its client emits an unhandled 57P01.
      for (let i = 0; i < 100; i++) {
        const { rows } = await c.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
        if (rows[0]?.n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
