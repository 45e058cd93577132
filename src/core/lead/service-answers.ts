/** Pure helpers for answers from the organization's own data: service-area ZIPs and FAQ entries. */
import type { FaqEntry } from './policy.ts';

/**
 * A US ZIP code (5 digits) the customer gave that is outside `serviceAreaZips`, or null. Only ZIPs
 * in context count, so prices and model numbers are not read as ZIPs: after "zip"/"código postal",
 * after a state abbreviation ("Austin, TX 78701"), or a message that is only the ZIP.
 * An empty service area serves everywhere.
 */
export function findOutOfAreaZip(text: string, serviceAreaZips: string[]): string | null {
  if (serviceAreaZips.length === 0) return null;
  const found = new Set<string>();
  for (const m of text.matchAll(/\b(?:zip(?:\s*code)?|c[oó]digo\s+postal|cp)\s*(?:is|es|:|#)?\s*(\d{5})(?:-\d{4})?\b/gi)) found.add(m[1]!);
  for (const m of text.matchAll(/\b(?:A[LKZR]|C[AOT]|DE|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[AT]|W[AIVY]|DC)\s+(\d{5})(?:-\d{4})?\b/g)) found.add(m[1]!);
  const whole = /^\s*(\d{5})(?:-\d{4})?\s*$/.exec(text);
  if (whole) found.add(whole[1]!);
  for (const zip of found) if (!serviceAreaZips.includes(zip)) return zip;
  return null;
}

/** The first FAQ entry one of whose keyword phrases has all its words in `text` (case-insensitive), or null. */
export function matchFaq(text: string, faq: FaqEntry[]): FaqEntry | null {
  const words = new Set(text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').split(/[^a-z0-9ñ]+/).filter(Boolean));
  for (const entry of faq) {
    for (const phrase of entry.keywords) {
      const need = phrase.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').split(/[^a-z0-9ñ]+/).filter(Boolean);
      if (need.length > 0 && need.every((w) => words.has(w))) return entry;
    }
  }
  return null;
}
