/**
 * Builds the dispatcher app (web/) with Vite when its build is missing or stale: `npm start` and the
 * browser tests call `ensureWebAppBuilt` first. Staleness is a SHA-256 over the app's sources and the
 * lockfile, stored beside the build in `web/dist/.source-hash`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's `web/` directory. */
export const WEB_DIR = fileURLToPath(new URL('../../../web/', import.meta.url));
/** Where the built app lives (served by Fastify). */
export const WEB_DIST = join(WEB_DIR, 'dist');

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : [path];
    });
}

/** Hash of everything the build depends on. */
export function webSourceHash(): string {
  const h = createHash('sha256');
  const inputs = [...files(join(WEB_DIR, 'src')), join(WEB_DIR, 'index.html'), join(WEB_DIR, 'vite.config.ts'), fileURLToPath(new URL('../../../package-lock.json', import.meta.url))];
  for (const f of inputs) h.update(relative(WEB_DIR, f)).update('\0').update(readFileSync(f)).update('\0');
  return h.digest('hex');
}

/** Builds web/ into web/dist unless the build there matches the sources. Returns whether it built. */
export async function ensureWebAppBuilt(log: (msg: string) => void = () => {}): Promise<boolean> {
  const stamp = join(WEB_DIST, '.source-hash');
  const hash = webSourceHash();
  if (existsSync(join(WEB_DIST, 'index.html')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return false;
  log('Building the dispatcher app (web/) with Vite…');
  const { build } = await import('vite');
  await build({ configFile: join(WEB_DIR, 'vite.config.ts'), logLevel: 'warn' });
  writeFileSync(stamp, hash);
  return true;
}
