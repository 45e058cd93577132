/**
 * The details form of the public booking page: reads the posted fields (name, service address, ZIP,
 * problem), validates them with zod and checks the ZIP against the organization's service area.
 * Pure. A refusal is an outcome (`ok: false` with a message per field and the values as typed, so the
 * page shows the form again and nothing the customer typed is lost), never an exception.
 */
import { z } from 'zod';
import type { BookingPageText } from './booking-page-text.ts';

/** The form's fields, as named in the HTML form. */
export const BOOKING_FIELDS = ['name', 'address', 'zip', 'problem'] as const;
/** One of the form's fields. */
export type BookingField = (typeof BOOKING_FIELDS)[number];

/** The fields as the customer typed them (missing → `''`), to fill the form in again. */
export type BookingFormValues = Record<BookingField, string>;

/** One message per field that needs fixing, in the page's language. */
export type BookingFormErrors = Partial<Record<BookingField, string>>;

/** Validated details for `createBooking`: trimmed text, `zip` the 5-digit ZIP (a ZIP+4's first five). */
export interface BookingDetails {
  customerName: string;
  address: string;
  zip: string;
  problem: string;
}

/** Longest accepted field values (characters), so a pasted essay does not reach the technician's page. */
export const MAX_LENGTH: Readonly<Record<BookingField, number>> = { name: 100, address: 200, zip: 10, problem: 1000 };

/** A US ZIP code or ZIP+4 (`78701`, `78701-1234`, `787011234`): USPS Publication 28, §2. */
const ZIP = /^(\d{5})(?:-?\d{4})?$/;

/** The value of `key` in a parsed `application/x-www-form-urlencoded` body: a string, the first of a repeated field, else `''`. */
export function formField(body: unknown, key: string): string {
  if (typeof body !== 'object' || body === null) return '';
  const value = (body as Record<string, unknown>)[key];
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return '';
}

/** The values of the form's fields in `body` (see `formField`). */
export function bookingFormValues(body: unknown): BookingFormValues {
  return { name: formField(body, 'name'), address: formField(body, 'address'), zip: formField(body, 'zip'), problem: formField(body, 'problem') };
}

function schemaFor(text: BookingPageText) {
  const field = (missing: string, max: number) => z.string().trim().min(1, missing).max(max, text.tooLong(max));
  return z.object({
    name: field(text.nameMissing, MAX_LENGTH.name),
    address: field(text.addressMissing, MAX_LENGTH.address),
    zip: z
      .string()
      .trim()
      .regex(ZIP, text.zipInvalid)
      .transform((zip) => zip.slice(0, 5)),
    problem: field(text.problemMissing, MAX_LENGTH.problem),
  });
}

/**
 * Reads and checks the details form in `body` (a parsed urlencoded body; anything else reads as
 * empty fields). Every field is required; the ZIP must be 5 digits (or ZIP+4) and, when
 * `serviceAreaZips` is not empty, one of them (an empty list means no restriction, as
 * `OrganizationPolicy.serviceAreaZips`). Messages come from `text`. Never throws.
 */
export function readBookingForm(
  body: unknown,
  serviceAreaZips: readonly string[],
  text: BookingPageText,
): { ok: true; details: BookingDetails; values: BookingFormValues } | { ok: false; errors: BookingFormErrors; values: BookingFormValues } {
  const values = bookingFormValues(body);
  const parsed = schemaFor(text).safeParse(values);
  if (!parsed.success) {
    const errors: BookingFormErrors = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as BookingField;
      errors[key] ??= issue.message;
    }
    return { ok: false, errors, values };
  }
  const { name, address, zip, problem } = parsed.data;
  if (!isInServiceArea(zip, serviceAreaZips)) return { ok: false, errors: { zip: text.zipOutside(zip) }, values };
  return { ok: true, details: { customerName: name, address, zip, problem }, values };
}

/** Whether the 5-digit `zip` is served: `serviceAreaZips` is empty (no restriction) or lists it. */
export function isInServiceArea(zip: string, serviceAreaZips: readonly string[]): boolean {
  return serviceAreaZips.length === 0 || serviceAreaZips.includes(zip);
}
