/**
 * A compact diff of two JSON values, for the settings audit log. Objects are compared key by key;
 * lists of items with an `id` (cadence steps) by id; equal-length lists item by item; a list of plain
 * values that changed length as the values added and removed (a ZIP added to a service area reads
 * `+ "78701"`, not a shifted list); any other list by position, then its extra items.
 */

export type JsonChange =
  | { kind: 'changed'; path: string; before: unknown; after: unknown }
  | { kind: 'added'; path: string; value: unknown }
  | { kind: 'removed'; path: string; value: unknown };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function join(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The changes from `before` to `after`; `path` is '' for the value itself. Empty when they are equal. */
export function diffJson(before: unknown, after: unknown, path = ''): JsonChange[] {
  if (same(before, after)) return [];
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key): JsonChange[] => {
      const at = join(path, key);
      if (!(key in after) || after[key] === undefined) return [{ kind: 'removed', path: at, value: before[key] }];
      if (!(key in before) || before[key] === undefined) return [{ kind: 'added', path: at, value: after[key] }];
      return diffJson(before[key], after[key], at);
    });
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    if (before.length > 0 && before.every(hasId) && after.every(hasId)) return diffById(before, after, path);
    if (before.length === after.length) return before.flatMap((item, i) => diffJson(item, after[i], join(path, i)));
    if (before.every(isScalar) && after.every(isScalar)) {
      const was = new Set(before.map((v) => JSON.stringify(v)));
      const now = new Set(after.map((v) => JSON.stringify(v)));
      return [
        ...after.filter((v) => !was.has(JSON.stringify(v))).map((value): JsonChange => ({ kind: 'added', path, value })),
        ...before.filter((v) => !now.has(JSON.stringify(v))).map((value): JsonChange => ({ kind: 'removed', path, value })),
      ];
    }
    // Items compared by position, then the longer list's extra items as added or removed.
    const common = Math.min(before.length, after.length);
    return [
      ...before.slice(0, common).flatMap((item, i) => diffJson(item, after[i], join(path, i))),
      ...after.slice(common).map((value, k): JsonChange => ({ kind: 'added', path: join(path, common + k), value })),
      ...before.slice(common).map((value, k): JsonChange => ({ kind: 'removed', path: join(path, common + k), value })),
    ];
  }
  return [{ kind: 'changed', path, before, after }];
}

function hasId(value: unknown): value is { id: string } {
  return isRecord(value) && typeof value.id === 'string';
}

/** Lists of items with ids (cadence steps): matched by id, so inserting a step shows one added step. */
function diffById(before: Array<{ id: string }>, after: Array<{ id: string }>, path: string): JsonChange[] {
  const was = new Map(before.map((item) => [item.id, item]));
  const now = new Map(after.map((item) => [item.id, item]));
  const changes: JsonChange[] = [];
  for (const item of after) {
    const old = was.get(item.id);
    const at = `${path}[${item.id}]`;
    if (old) changes.push(...diffJson(old, item, at));
    else changes.push({ kind: 'added', path: at, value: item });
  }
  for (const item of before) if (!now.has(item.id)) changes.push({ kind: 'removed', path: `${path}[${item.id}]`, value: item });
  const order = (list: Array<{ id: string }>) => list.map((i) => i.id).filter((id) => was.has(id) && now.has(id)).join(',');
  if (order(before) !== order(after)) changes.push({ kind: 'changed', path: `${path} order`, before: before.map((i) => i.id), after: after.map((i) => i.id) });
  return changes;
}

/** A value as short JSON for one line (`"08:00"`, `[1,2]`, `null`), cut at `max` characters. */
export function compactJson(value: unknown, max = 120): string {
  const text = value === undefined ? 'none' : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
