/**
 * The thread's timeline: events and messages merged in time order. Messages stand for their own
 * delivery events (received, queued, sent, delivered, failed), and a voicemail carries its transcript,
 * so nothing shows twice.
 */
import type { LeadDetail, LeadEvent, LeadMessage } from '../api/types';

export type TimelineEntry =
  | { kind: 'message'; key: string; at: string; message: LeadMessage }
  | { kind: 'voicemail'; key: string; at: string; event: LeadEvent; transcript: string | null }
  | { kind: 'event'; key: string; at: string; event: LeadEvent };

/** Event types the message bubbles already show. `message_blocked` stays: it says why nothing went. */
const SHOWN_BY_MESSAGES = new Set(['message_received', 'message_queued', 'message_sent', 'message_delivered', 'message_failed', 'message_status_changed']);

const callSidOf = (e: LeadEvent) => (typeof e.data.callSid === 'string' ? e.data.callSid : null);

export function timelineEntries(lead: Pick<LeadDetail, 'events' | 'messages'>): TimelineEntry[] {
  const transcripts = new Map<string, string>();
  for (const e of lead.events) {
    const sid = callSidOf(e);
    if (e.type === 'voicemail_transcribed' && sid && typeof e.data.text === 'string' && e.data.text) transcripts.set(sid, e.data.text);
  }
  const voicemailSids = new Set(lead.events.filter((e) => e.type === 'voicemail_recorded').map(callSidOf).filter((s): s is string => s !== null));

  const entries: Array<TimelineEntry & { order: number }> = [];
  lead.events.forEach((event, i) => {
    if (SHOWN_BY_MESSAGES.has(event.type) && lead.messages.length > 0) return;
    const sid = callSidOf(event);
    if (event.type === 'voicemail_transcribed' && sid && voicemailSids.has(sid)) return;
    const key = `e${i}`;
    if (event.type === 'voicemail_recorded') entries.push({ kind: 'voicemail', key, at: event.at, event, transcript: sid ? (transcripts.get(sid) ?? null) : null, order: i });
    else entries.push({ kind: 'event', key, at: event.at, event, order: i });
  });
  const offset = lead.events.length;
  lead.messages.forEach((message, i) => entries.push({ kind: 'message', key: `m${message.id}`, at: message.createdAt, message, order: offset + i }));

  return entries
    .sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime() || a.order - b.order)
    .map(({ order: _order, ...entry }) => entry as TimelineEntry);
}
