import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * Returns `raw` as E.164 (`+15125550123`) when it is a valid number, reading national formats as US
 * numbers; null otherwise (libphonenumber-js `isValid()`: right length and an assigned prefix).
 */
export function normalizeE164(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const parsed = parsePhoneNumberFromString(raw.trim(), 'US');
  return parsed?.isValid() ? parsed.number : null;
}
