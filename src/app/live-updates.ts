/**
 * Live updates of leads (issue 5: new missed calls, replies and stage changes appear in the open
 * queue within a second): `recordLeadInput` publishes one `LeadUpdate` after each committed input
 * that changed a lead, and `GET /api/v1/stream` relays the organization's updates as Server-Sent Events.
 *
 * In-process only: an `EventEmitter` keyed by organization id. With several processes (web and
 * worker roles, or more than one web process), an input committed in one process is not seen by the
 * streams of another; such deployments need a shared channel, e.g. PostgreSQL `LISTEN/NOTIFY`
 * (`pg_notify('ringback_leads', json)` after commit, one `LISTEN` connection per web process feeding
 * `publish`). Until then the app's 30 s refetch covers updates from other processes.
 */
import { EventEmitter } from 'node:events';

/** One lead changed. `reason` is the input type that changed it (`call_missed`, `message_received`, `lead_updated_by_person`…). */
export interface LeadUpdate {
  organizationId: string;
  leadId: string;
  reason: string;
}

/** A publish/subscribe hub of lead updates per organization. */
export class LiveUpdates {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One listener per open stream: no leak warning for a busy office.
    this.emitter.setMaxListeners(0);
  }

  /** Tells every subscriber of `update.organizationId`. Never throws: a failing listener is isolated. */
  publish(update: LeadUpdate): void {
    for (const listener of this.emitter.listeners(update.organizationId)) {
      try {
        (listener as (u: LeadUpdate) => void)(update);
      } catch {
        // A broken stream must not break the input that was just committed.
      }
    }
  }

  /** Calls `listener` for each update of the organization until the returned function is called. */
  subscribe(organizationId: string, listener: (update: LeadUpdate) => void): () => void {
    this.emitter.on(organizationId, listener);
    return () => {
      this.emitter.off(organizationId, listener);
    };
  }

  /** How many listeners the organization has (tests, metrics). */
  listenerCount(organizationId: string): number {
    return this.emitter.listenerCount(organizationId);
  }
}

/** The process-wide hub: `recordLeadInput` publishes here unless its deps name another. */
export const liveUpdates = new LiveUpdates();
