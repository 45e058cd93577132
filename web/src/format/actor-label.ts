/** Who did something on a lead, for people: the user's name, or System / Customer / Carrier / API key. */
export function actorLabel(actor: string, actorName?: string | null, names?: ReadonlyMap<string, string>): string {
  if (actorName) return actorName;
  if (actor === 'system') return 'System';
  if (actor === 'customer') return 'Customer';
  if (actor === 'provider') return 'Carrier';
  if (actor.startsWith('user:')) return names?.get(actor.slice(5)) ?? 'A teammate';
  if (actor.startsWith('api_key:')) return `API key ${actor.slice(8)}`;
  if (actor === 'oncall') return 'On call';
  if (actor.startsWith('oncall:')) return `${actor.slice(7)} (on call)`;
  return actor;
}
