/**
 * Builds a migrated database template once per test run (PGlite dump or a PostgreSQL template
 * database, both with pg-boss's schema installed), so each test gets a fresh copy quickly.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { openDatabase } from '../../src/db/client.ts';
import { startEffectQueue } from '../../src/jobs/effect-queue.ts';

export function migrationsHash(): string {
  const dir = new URL('../../src/db/migrations/', import.meta.url);
  const h = createHash('sha1');
  for (const f of readdirSync(dir).sort()) if (f.endsWith('.sql')) h.update(readFileSync(new URL(f, dir)));
  h.update(readFileSync(new URL('../../package-lock.json', import.meta.url)));
  return h.digest('hex').slice(0, 12);
}

export default async function setup(project: { config: { env?: Record<string, string | undefined> } }): Promise<void> {
  const hash = migrationsHash();
  const logger = pino({ level: 'silent' });
  if ((project.config.env?.RINGBACK_TEST_DB ?? process.env.RINGBACK_TEST_DB) === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DATABASE_URL is required for the PostgreSQL project');
    const template = `ringback_tpl_${hash}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const exists = await admin.query('select 1 from pg_database where datname = $1', [template]);
    if (exists.rowCount === 0) {
      await admin.query(`create database ${template}`);
      const u = new URL(url);
      u.pathname = `/${template}`;
      const database = await openDatabase({ databaseUrl: u.toString(), poolSize: 2 });
      const queue = await startEffectQueue({ database, worker: false, logger, run: async () => {} });
      await queue.stop();
      await database.close();
    }
    await admin.end();
    return;
  }
  const file = join(tmpdir(), `ringback-pglite-template-${hash}.tar.gz`);
  if (existsSync(file)) return;
  const database = await openDatabase({ memory: {} });
  const queue = await startEffectQueue({ database, worker: false, logger, run: async () => {} });
  await queue.stop();
  const dump = await database.pglite!.dumpDataDir('gzip');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
}
