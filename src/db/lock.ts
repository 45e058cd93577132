import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';

/** Thrown when another live process holds the embedded database's data directory. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by process ${pid} (a running Ringback server?). ` +
        'PGlite allows one process at a time: stop that process, or run this command against the server ' +
        '(set DATABASE_URL to a PostgreSQL server shared by both).',
    );
    this.name = 'DataDirLockedError';
  }
}

/**
 * Takes `DATA_DIR/ringback.lock` for this process, creating the directory first. PGlite has no lock
 * between processes (two writers lost rows in our tests), so a second process must be refused.
 * A lock left by a dead process (kill -9, power loss) is taken over: the file holds the owner's pid
 * and `process.kill(pid, 0)` tells whether it still runs (docs/decisions/0002).
 * Returns a release function. Throws `DataDirLockedError` when a live process holds it.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'ringback.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number.parseInt(readFileSync(file, 'utf8'), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) throw new DataDirLockedError(dataDir, owner);
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not take the lock ${file}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
