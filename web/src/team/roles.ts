import type { Role } from '../api/types';

/** The roles, each with a one-line summary of what it may do (`src/core/access/roles.ts`). */
export const ROLE_OPTIONS: ReadonlyArray<{ value: Role; label: string; description: string }> = [
  { value: 'owner', label: 'Owner', description: 'Everything, including API keys and other owners.' },
  { value: 'manager', label: 'Manager', description: 'Leads, settings, the team (not owners) and the audit log.' },
  { value: 'dispatcher', label: 'Dispatcher', description: 'Works every lead and runs the morning review.' },
  { value: 'assistant', label: 'Assistant', description: 'Works every lead and runs the morning review.' },
  { value: 'technician', label: 'Technician', description: 'Sees and notes only the leads assigned to them.' },
];

export function roleLabel(role: Role): string {
  return ROLE_OPTIONS.find((r) => r.value === role)?.label ?? role;
}

/** The roles `myRole` may give or take away: only an owner makes or unmakes owners. */
export function assignableRoles(myRole: Role): Role[] {
  return ROLE_OPTIONS.map((r) => r.value).filter((r) => myRole === 'owner' || r !== 'owner');
}
