/**
 * Who may see and do what (issue 5; written down for people in docs/roles.md, which a test keeps in
 * step with this table). Pure data: the HTTP adapter asks `can(role, permission)` on every request.
 */

/** A person's role in one organization. A person may hold different roles in different organizations. */
export const ROLES = ['owner', 'manager', 'dispatcher', 'assistant', 'technician'] as const;
export type Role = (typeof ROLES)[number];

/**
 * - `leads:read`: the queue and lead threads (a technician sees only leads they own, back up or are assigned);
 * - `leads:work`: reply, take over / release, stage and outcome, owner and next action, click-to-call;
 * - `leads:note`: add a note to a lead the person can see;
 * - `review:run`: the morning review;
 * - `settings:read` / `settings:write`: business profile, hours, numbers, templates, cadences, routing, on-call, service area, FAQ;
 * - `team:manage`: invite people, change roles, remove people (a manager cannot make or remove an owner);
 * - `api_keys:manage`: create and revoke API keys;
 * - `audit:read`: the settings audit log;
 * - `calendar_feeds:own`: a secret ICS feed URL of the bookings assigned to oneself (people only: an API key has no self);
 * - `calendar_feeds:manage`: the organization's ICS feed of every booking (a secret URL that shows customers' addresses).
 * - `webhooks:manage`: outbound webhook subscriptions (URLs, event types, signing secrets), the delivery log and replays.
 */
export const PERMISSIONS = [
  'leads:read',
  'leads:work',
  'leads:note',
  'review:run',
  'settings:read',
  'settings:write',
  'team:manage',
  'api_keys:manage',
  'audit:read',
  'calendar_feeds:own',
  'calendar_feeds:manage',
  'webhooks:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const DESK: readonly Permission[] = ['leads:read', 'leads:work', 'leads:note', 'review:run'];

/** The permission table. API keys act with the owner's permissions on their organization, except team, keys and calendar feeds. */
export const ROLE_PERMISSIONS: Readonly<Record<Role | 'api_key', readonly Permission[]>> = {
  owner: PERMISSIONS,
  manager: [...DESK, 'settings:read', 'settings:write', 'team:manage', 'audit:read', 'calendar_feeds:own', 'calendar_feeds:manage', 'webhooks:manage'],
  dispatcher: [...DESK, 'calendar_feeds:own'],
  assistant: [...DESK, 'calendar_feeds:own'],
  technician: ['leads:read', 'leads:note', 'calendar_feeds:own'],
  api_key: [...DESK, 'settings:read', 'settings:write', 'audit:read', 'webhooks:manage'],
};

/** Whether `role` holds `permission`. */
export function can(role: Role | 'api_key', permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/**
 * Whether a role sees every lead of the organization (true) or only its own (false: technicians see
 * leads whose owner, backup owner or next-action assignee they are).
 */
export function seesAllLeads(role: Role | 'api_key'): boolean {
  return role !== 'technician';
}

/** Whether `actorRole` may give or take away `targetRole` (a manager cannot touch owners). */
export function canManageRole(actorRole: Role | 'api_key', targetRole: Role): boolean {
  if (!can(actorRole, 'team:manage')) return false;
  return actorRole === 'owner' || targetRole !== 'owner';
}
