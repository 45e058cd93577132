/** Select options for people: the team, plus anyone the lead already names who is no longer listed. */
import type { PersonRef, TeamMember } from '../api/types';

export interface PersonOption {
  value: string;
  label: string;
}

export function personOptions(members: readonly TeamMember[], alsoInclude: ReadonlyArray<PersonRef | null> = []): PersonOption[] {
  const options = members.map((m) => ({ value: m.userId, label: m.name || m.email }));
  for (const p of alsoInclude) if (p && !options.some((o) => o.value === p.id)) options.push({ value: p.id, label: p.name });
  return options;
}
