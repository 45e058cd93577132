/** Global setup of the browser tests: the dispatcher app is built once (skipped when up to date). */
import { ensureWebAppBuilt } from '../../src/http/web-app/build-web-app.ts';

export default async function setup(): Promise<void> {
  await ensureWebAppBuilt();
}
