/**
 * Runs due field-service pushes in a worker process every few seconds (started by `runtime.ts` when
 * the process is a worker). Pushes are not urgent to the second: the booking already lives in
 * Ringback, and a CSR sees it there.
 */
import type { FsmPushDeps } from './run-due-fsm-pushes.ts';
import { runDueFsmPushes } from './run-due-fsm-pushes.ts';

/** How often a worker looks for due pushes (ms). */
export const FSM_POLL_INTERVAL_MS = 5_000;

export interface FsmWorker {
  /** Stops polling and waits for the run under way. */
  stop(): Promise<void>;
}

/** Starts polling with `clock` (the process's only clock). */
export function startFsmWorker(deps: FsmPushDeps, clock: () => Date): FsmWorker {
  let current: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const timer = setInterval(() => {
    if (stopped) return;
    current = runDueFsmPushes(deps, clock()).catch((err) => deps.logger?.error({ err }, 'field-service push run failed'));
  }, FSM_POLL_INTERVAL_MS);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await current;
    },
  };
}
