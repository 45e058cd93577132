/** Phone numbers for people: North American numbers as `(555) 010-0123`, anything else as stored (E.164). */
export function formatPhone(e164: string | null | undefined): string {
  if (!e164) return '';
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  if (nanp) return `(${nanp[1]}) ${nanp[2]}-${nanp[3]}`;
  return e164;
}
