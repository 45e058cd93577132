/**
 * The booking form of a lead: what it starts with (what the lead already knows) and the
 * `POST /api/v1/bookings` body it becomes. Pure: no I/O, no clock.
 */
import type { BookingCreate, LeadDetail, Opening } from '../api/types';

/** The form's fields. Text fields are as typed; `technicianId` null = unassigned. */
export interface BookingDraft {
  opening: Opening | null;
  jobType: string;
  technicianId: string | null;
  customerName: string;
  address: string;
  zip: string;
  problem: string;
  notes: string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * The form prefilled from what the lead knows: the details of its latest booking, if one was made and
 * canceled (customer name, address, ZIP, problem, job type); else the contact's name and ZIP (when the
 * API sends one), and the problem in the customer's own words: the voicemail transcript, else the first
 * text they sent.
 */
export function bookingDraftFromLead(lead: LeadDetail): BookingDraft {
  const events = [...lead.events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const lastBooking = [...events].reverse().find((e) => e.type === 'booking_created')?.data ?? {};
  const transcript = events.find((e) => e.type === 'voicemail_transcribed' && str(e.data.text).trim() !== '');
  const firstText = [...lead.messages]
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))
    .find((m) => m.direction === 'inbound' && m.body.trim() !== '');
  const contactZip = str((lead.contact as { zip?: unknown }).zip);
  return {
    opening: null,
    jobType: str(lastBooking.jobType),
    technicianId: null,
    customerName: str(lastBooking.customerName) || (lead.contact.name ?? ''),
    address: str(lastBooking.address),
    zip: str(lastBooking.zip) || contactZip,
    problem: str(lastBooking.problem) || str(transcript?.data.text) || (firstText?.body ?? ''),
    notes: '',
  };
}

/** Why the draft cannot be booked yet, or null. */
export function bookingDraftProblem(draft: BookingDraft): string | null {
  if (!draft.opening) return 'Pick an arrival window.';
  if (draft.zip.trim() !== '' && !/^\d{5}$/.test(draft.zip.trim())) return 'The ZIP code has 5 digits.';
  return null;
}

/** The request body for `draft` (needs an opening); empty text fields are left out. */
export function bookingCreateBody(leadId: string, draft: BookingDraft & { opening: Opening }): BookingCreate {
  const body: BookingCreate = { leadId, start: draft.opening.start, end: draft.opening.end };
  const text = (v: string) => (v.trim() === '' ? undefined : v.trim());
  const optional = {
    jobType: text(draft.jobType),
    technicianId: draft.technicianId ?? undefined,
    customerName: text(draft.customerName),
    address: text(draft.address),
    zip: text(draft.zip),
    problem: text(draft.problem),
    notes: text(draft.notes),
  };
  for (const [k, v] of Object.entries(optional)) if (v !== undefined) (body as unknown as Record<string, string>)[k] = v;
  return body;
}
