import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema.ts';
import { lockDataDir } from './lock.ts';

/** Drizzle over either driver; queries are written once for both. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle (same query API as `Db`). */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** An open database: drizzle plus what pg-boss needs to share it. */
export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The PGlite instance, when embedded. */
  pglite?: PGlite;
  /** The connection string, when on a server. */
  connectionString?: string;
  close(): Promise<void>;
}

const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

/** Where to open the database. Exactly one of the three sources is used, in this order. */
export interface OpenDatabaseOptions {
  /** PostgreSQL server (`DATABASE_URL`). */
  databaseUrl?: string;
  /** Embedded PGlite in this directory (`DATA_DIR`), locked for this process. */
  dataDir?: string;
  /** Embedded, in memory, optionally loaded from a dump (`PGlite.dumpDataDir()`): tests. */
  memory?: { loadDataDir?: Blob | File };
  /** Connection pool size on a server (default 10). */
  poolSize?: number;
}

/**
 * Opens the database and applies pending drizzle-kit migrations (the same folder on both drivers).
 * Throws `DataDirLockedError` when another live process holds `dataDir`.
 */
export async function openDatabase(opts: OpenDatabaseOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    const db = drizzleNodePg(pool, { schema });
    await migrateNodePg(db, { migrationsFolder: MIGRATIONS_FOLDER });
    return { db: db as unknown as Db, kind: 'postgres', connectionString: opts.databaseUrl, close: () => pool.end() };
  }
  let release = () => {};
  let pglite: PGlite;
  if (opts.dataDir) {
    release = lockDataDir(opts.dataDir);
    try {
      pglite = await PGlite.create(`${opts.dataDir.replace(/\/+$/, '')}/pgdata`);
    } catch (err) {
      release();
      throw err;
    }
  } else {
    pglite = await PGlite.create(opts.memory?.loadDataDir ? { loadDataDir: opts.memory.loadDataDir } : {});
  }
  const db = drizzlePglite(pglite, { schema });
  await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return {
    db: db as unknown as Db,
    kind: 'pglite',
    pglite,
    close: async () => {
      await pglite.close();
      release();
    },
  };
}
