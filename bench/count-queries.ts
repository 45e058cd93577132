/**
 * Preloaded into the benchmark's server process (`node --import tsx --import ./bench/count-queries.ts`):
 * counts the SQL statements Ringback and pg-boss send, without touching src/. It wraps
 * `pg.Client.prototype.query` (every `pg.Pool` query goes through one) and PGlite's `query`, `exec`
 * and `transaction` (a PGlite transaction's BEGIN and COMMIT count as two statements).
 *
 * On SIGUSR2 it writes a snapshot `{ total, byKey }` to `BENCH_QUERY_COUNT_FILE` synchronously;
 * keys look like `app:insert webhook_requests`, `app:begin`, `pgboss:insert`.
 */
import { writeFileSync } from 'node:fs';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';

const counts = new Map<string, number>();
let total = 0;

function keyOf(text: string): string {
  const sql = text.trimStart();
  const origin = /\bpgboss\b/i.test(sql) ? 'pgboss' : 'app';
  const verb = (/^\w+/.exec(sql)?.[0] ?? '?').toLowerCase();
  if (origin === 'pgboss') return `pgboss:${verb}`;
  const table = /\b(?:into|update|from)\s+"?([a-z_][\w]*)"?/i.exec(sql)?.[1];
  return `app:${verb}${table ? ` ${table}` : ''}`;
}

function count(text: unknown): void {
  if (typeof text !== 'string') return;
  total++;
  const key = keyOf(text);
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function countKey(key: string): void {
  total++;
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

type AnyFn = (...args: unknown[]) => unknown;
const textOf = (config: unknown): unknown =>
  typeof config === 'string' ? config : (config as { text?: unknown } | null)?.text;

const clientProto = pg.Client.prototype as unknown as { query: AnyFn };
const pgQuery = clientProto.query;
clientProto.query = function (this: unknown, ...args: unknown[]) {
  count(textOf(args[0]));
  return pgQuery.apply(this, args);
};

const pgliteProto = PGlite.prototype as unknown as { query: AnyFn; exec: AnyFn; transaction: AnyFn };
const liteQuery = pgliteProto.query;
const liteExec = pgliteProto.exec;
const liteTransaction = pgliteProto.transaction;
pgliteProto.query = function (this: unknown, ...args: unknown[]) {
  count(args[0]);
  return liteQuery.apply(this, args);
};
pgliteProto.exec = function (this: unknown, ...args: unknown[]) {
  count(args[0]);
  return liteExec.apply(this, args);
};
pgliteProto.transaction = function (this: unknown, callback: unknown) {
  countKey('app:begin');
  const wrapped = async (tx: { query: AnyFn; exec: AnyFn }) => {
    const q = tx.query;
    const e = tx.exec;
    tx.query = (...args: unknown[]) => (count(args[0]), q(...args));
    tx.exec = (...args: unknown[]) => (count(args[0]), e(...args));
    const result = await (callback as (t: unknown) => Promise<unknown>)(tx);
    countKey('app:commit');
    return result;
  };
  return liteTransaction.call(this, wrapped);
};

const file = process.env.BENCH_QUERY_COUNT_FILE;
if (file) {
  process.on('SIGUSR2', () => {
    writeFileSync(file, JSON.stringify({ total, byKey: Object.fromEntries(counts) }));
  });
}
