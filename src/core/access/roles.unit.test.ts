import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLES, ROLE_PERMISSIONS, can, canManageRole, seesAllLeads } from './roles.ts';

describe('roles', () => {
  it('docs/roles.md shows exactly the permission table the API enforces', () => {
    const doc = readFileSync(new URL('../../../docs/roles.md', import.meta.url), 'utf8');
    const columns = [...ROLES, 'api_key'] as const;
    for (const permission of PERMISSIONS) {
      const row = doc.split('\n').find((l) => l.startsWith(`| \`${permission}\` |`));
      expect(row, `docs/roles.md has a row for ${permission}`).toBeDefined();
      const cells = row!.split('|').slice(3, 3 + columns.length).map((c) => c.trim());
      columns.forEach((role, i) => {
        expect(cells[i] !== '', `${permission} for ${role}`).toBe(ROLE_PERMISSIONS[role].includes(permission));
      });
    }
  });

  it('technicians see only their own leads; managers cannot touch owners', () => {
    expect(seesAllLeads('technician')).toBe(false);
    expect(seesAllLeads('assistant')).toBe(true);
    expect(can('technician', 'settings:read')).toBe(false);
    expect(canManageRole('manager', 'dispatcher')).toBe(true);
    expect(canManageRole('manager', 'owner')).toBe(false);
    expect(canManageRole('owner', 'owner')).toBe(true);
    expect(canManageRole('dispatcher', 'technician')).toBe(false);
  });
});
