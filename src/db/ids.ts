/**
 * Whether `value` can be a row id (a UUID). Checked before a query: PostgreSQL throws on a malformed
 * `uuid`, and a malformed id from a request is simply "not found".
 */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
