/**
 * A timeline event in words: a title, optional detail lines, and a colour. Types this file does not
 * know still render, from their name and data.
 */
import type { LeadEvent } from '../api/types';
import { formatPhone } from '../format/format-phone';
import { formatDateTime, formatSeconds, humanizeInstants } from '../format/format-time';
import { humanize, intentLabel, nextActionLabel, outcomeLabel, stageLabel } from '../format/labels';

export interface EventDescription {
  title: string;
  details: string[];
  /** Reasons listed under the title (triage). */
  reasons?: string[];
  color: string;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null);
const compact = (...lines: Array<string | null | undefined | false>) => lines.filter((l): l is string => Boolean(l));

/** Why the call was missed, from Twilio's `DialCallStatus`. */
function dialOutcome(status: string | null): string | null {
  if (!status) return null;
  const words: Record<string, string> = { 'no-answer': 'Nobody answered', busy: 'The line was busy', failed: 'The call could not connect', canceled: 'The caller hung up' };
  return words[status] ?? humanize(status);
}

const BOOKING_SOURCES: Record<string, string> = { sms: 'a text reply', link: 'the booking link', dispatcher: 'a dispatcher', api: 'the API' };

/** An arrival window in the viewer's locale: "Thu, Nov 19, 8:00 AM – 12:00 PM". */
function windowLabel(start: string, end: string): string {
  const s = new Date(start);
  const e = new Date(end);
  const day = s.toLocaleDateString(undefined, { weekday: 'short', month: 'short', day: 'numeric' });
  const time = (x: Date) => x.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });
  return `${day}, ${time(s)} – ${time(e)}`;
}

/** Primitive fields of `data`, for events we have no words for. */
function genericDetails(data: Record<string, unknown>): string[] {
  return Object.entries(data)
    .filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v))
    .slice(0, 6)
    .map(([k, v]) => `${humanize(k)}: ${String(v)}`);
}

export function describeEvent(event: LeadEvent, names: ReadonlyMap<string, string>): EventDescription {
  const d = event.data;
  const person = (id: unknown) => (typeof id === 'string' ? (names.get(id) ?? 'a teammate') : 'nobody');
  switch (event.type) {
    case 'lead_opened':
      return { title: 'Lead opened', details: compact(str(d.leadSource) && `Source: ${str(d.leadSource)}`), color: 'gray' };
    case 'call_missed':
      return { title: 'Missed call', details: compact(dialOutcome(str(d.dialCallStatus))), color: 'red' };
    case 'call_answered':
      return { title: 'Call answered', details: compact(typeof d.durationSeconds === 'number' && `Talked ${formatSeconds(d.durationSeconds)}`), color: 'green' };
    case 'voicemail_transcribed':
      return { title: 'Voicemail transcript', details: compact(str(d.text) ?? 'No words could be made out.'), color: 'violet' };
    case 'message_blocked':
      return { title: 'Message not sent', details: compact(str(d.detail) ? humanizeInstants(str(d.detail)!) : str(d.reason) && humanize(str(d.reason)!)), color: 'red' };
    case 'message_failed':
      return { title: 'Message failed', details: compact(str(d.message), str(d.errorCode) && `Error ${str(d.errorCode)}`), color: 'red' };
    case 'triaged':
    case 'classified': {
      const confidence = typeof d.confidence === 'number' ? ` (${Math.round(d.confidence * 100)}% sure)` : '';
      const intent = str(d.intent);
      return {
        title: `Triaged as ${intent ? intentLabel(intent) : 'unknown'}${d.safety === true ? ' · safety emergency' : ''}${confidence}`,
        details: compact(str(d.source) && `From the ${humanize(str(d.source)!).toLowerCase()}`),
        reasons: Array.isArray(d.reasons) ? d.reasons.map(String) : undefined,
        color: d.safety === true ? 'red' : intent === 'emergency' ? 'orange' : 'blue',
      };
    }
    case 'page_sent':
      return { title: `Paged ${str(d.name) ?? 'on call'}`, details: compact(str(d.to) && formatPhone(str(d.to)), typeof d.level === 'number' && d.level > 0 && `Escalation level ${d.level + 1}`), color: 'orange' };
    case 'page_acknowledged':
      return { title: `Page acknowledged${str(d.by) ? ` by ${str(d.by)}` : ''}`, details: compact(str(d.via) && `Via ${str(d.via)}`), color: 'green' };
    case 'page_exhausted':
      return { title: 'Nobody acknowledged the page', details: compact(Array.isArray(d.paged) && `Paged ${d.paged.map(String).join(', ')}`), color: 'red' };
    case 'stage_changed':
      return { title: d.reopened ? 'Lead reopened' : `Stage: ${stageLabel(str(d.from) ?? '?')} → ${stageLabel(str(d.to) ?? '?')}`, details: [], color: 'blue' };
    case 'lead_closed':
      return { title: `Lead closed${str(d.outcome) ? `: ${outcomeLabel(str(d.outcome)!)}` : ''}`, details: [], color: 'gray' };
    case 'outcome_set':
      return { title: `Outcome: ${outcomeLabel(str(d.outcome) ?? '?')}`, details: [], color: 'gray' };
    case 'opted_out':
      return { title: 'Customer opted out of texts', details: compact(str(d.words) && `“${str(d.words)}”`), color: 'red' };
    case 'opted_in':
      return { title: 'Customer opted back in', details: [], color: 'green' };
    case 'help_requested':
      return { title: 'Customer asked for help', details: compact(str(d.words) && `“${str(d.words)}”`), color: 'gray' };
    case 'automation_paused':
      return { title: 'Automation paused', details: compact(str(d.reason) && humanize(str(d.reason)!)), color: 'yellow' };
    case 'automation_resumed':
      return { title: 'Released to automation', details: [], color: 'green' };
    case 'automation_stopped':
      return { title: 'Automation stopped', details: compact(str(d.reason) && humanize(str(d.reason)!)), color: 'gray' };
    case 'note_added':
      return { title: 'Note', details: compact(str(d.body)), color: 'yellow' };
    case 'owner_changed':
      return {
        title: 'Owners changed',
        details: compact('ownerId' in d && `Owner: ${person(d.ownerId)}`, 'backupOwnerId' in d && `Backup: ${person(d.backupOwnerId)}`),
        color: 'blue',
      };
    case 'next_action_set':
      return {
        title: `Next action: ${nextActionLabel(str(d.type) ?? '?')}`,
        details: compact(str(d.dueAt) && `Due ${formatDateTime(str(d.dueAt)!)}`, 'assignee' in d && `For ${person(d.assignee)}`),
        color: 'blue',
      };
    case 'call_bridge_requested':
      return { title: 'Click-to-call started', details: compact(str(d.to) && `Ringing ${formatPhone(str(d.to))}`), color: 'green' };
    case 'task_created':
      return {
        title: `Task: ${nextActionLabel(str(d.taskType) ?? str(d.type) ?? 'task')}`,
        details: compact(str(d.reason) && humanize(str(d.reason)!), str(d.dueAt) && `Due ${formatDateTime(str(d.dueAt)!)}`, d.assignee ? `For ${person(d.assignee)}` : false),
        color: 'blue',
      };
    case 'task_done':
      return { title: 'Task done', details: [], color: 'green' };
    case 'task_canceled':
      return { title: 'Task canceled', details: [], color: 'gray' };
    case 'task_overdue':
      return { title: 'Task overdue', details: compact(str(d.notify) && `Notified ${humanize(str(d.notify)!).toLowerCase()}${str(d.to) ? ` (${str(d.to)})` : ''}`), color: 'red' };
    case 'escalated':
      return { title: 'Escalated', details: compact(str(d.reason) && humanize(str(d.reason)!), str(d.to) && `To ${humanize(str(d.to)!.replace(/^role:/, '')).toLowerCase()}`), color: 'orange' };
    case 'out_of_area':
      return { title: 'Outside the service area', details: compact(str(d.zip) && `ZIP ${str(d.zip)}`), color: 'gray' };
    case 'faq_answered':
      return { title: 'Answered a common question', details: [], color: 'teal' };
    case 'slot_offered': {
      const offered = Array.isArray(d.openings) ? (d.openings as Array<{ start?: unknown; end?: unknown }>) : [];
      return {
        title: offered.length > 0 ? `Offered ${offered.length} time${offered.length === 1 ? '' : 's'} by text` : 'Sent the booking link',
        details: compact(...offered.map((o, i) => str(o.start) && str(o.end) && `${i + 1}: ${windowLabel(str(o.start)!, str(o.end)!)}`)),
        color: 'teal',
      };
    }
    case 'slot_chosen':
      return { title: 'Customer picked a time', details: compact(str(d.start) && str(d.end) && windowLabel(str(d.start)!, str(d.end)!)), color: 'teal' };
    case 'slot_unavailable':
      return { title: 'Their pick was just taken', details: compact(str(d.start) && str(d.end) && windowLabel(str(d.start)!, str(d.end)!)), color: 'orange' };
    case 'booking_created':
      return {
        title: `Booked ${str(d.start) && str(d.end) ? windowLabel(str(d.start)!, str(d.end)!) : ''}`.trim(),
        details: compact(str(d.jobType), str(d.source) && `Via ${BOOKING_SOURCES[str(d.source)!] ?? str(d.source)}`, d.technicianId ? `Technician: ${person(d.technicianId)}` : false, str(d.address), str(d.problem) && `“${str(d.problem)}”`),
        color: 'green',
      };
    case 'booking_changed': {
      const prev = (d.previous ?? {}) as { start?: unknown; end?: unknown; technicianId?: unknown };
      const moved = str(prev.start) !== str(d.start);
      return {
        title: moved && str(d.start) && str(d.end) ? `Booking moved to ${windowLabel(str(d.start)!, str(d.end)!)}` : 'Booking reassigned',
        details: compact(moved && str(prev.start) && str(prev.end) && `Was ${windowLabel(str(prev.start)!, str(prev.end)!)}`, prev.technicianId !== d.technicianId && `Technician: ${d.technicianId ? person(d.technicianId) : 'unassigned'}`),
        color: 'blue',
      };
    }
    case 'booking_canceled':
      return { title: 'Booking canceled', details: compact(str(d.start) && str(d.end) && windowLabel(str(d.start)!, str(d.end)!), str(d.reason) && `Reason: ${str(d.reason)}`), color: 'red' };
    case 'caller_reported_emergency':
      return { title: 'Caller reported an emergency', details: compact(str(d.speech) && `“${str(d.speech)}”`), color: 'red' };
    default:
      return { title: humanize(event.type), details: genericDetails(d), color: 'gray' };
  }
}
