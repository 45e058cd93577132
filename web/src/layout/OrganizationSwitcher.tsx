/** Picks the organization the app acts in; shown only to people in more than one. */
import { Select } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useSession } from '../session';

export function OrganizationSwitcher() {
  const { me, switchOrganization } = useSession();
  const navigate = useNavigate();
  if (me.memberships.length <= 1) return null;
  return (
    <Select
      aria-label="Organization"
      size="xs"
      w={{ base: 150, sm: 220 }}
      allowDeselect={false}
      data={me.memberships.map((m) => ({ value: m.organizationId, label: m.organizationName }))}
      value={me.activeOrganizationId}
      onChange={(id) => {
        if (!id || id === me.activeOrganizationId) return;
        // A lead of one organization is not found in another: start over from its queue.
        navigate('/');
        switchOrganization(id);
      }}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
