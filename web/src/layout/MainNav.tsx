/** The app's sections; Settings and Team only for people who may open them. */
import { NavLink } from '@mantine/core';
import { IconCalendar, IconChecklist, IconInbox, IconSettings, IconUsers } from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { Link, useLocation } from 'react-router';
import { useSession } from '../session';

interface Section {
  label: string;
  to: string;
  icon: ComponentType<{ size?: number; stroke?: number }>;
  permission?: string;
  isActive: (pathname: string) => boolean;
}

const SECTIONS: Section[] = [
  { label: 'Queue', to: '/', icon: IconInbox, isActive: (p) => p === '/' || p.startsWith('/leads/') },
  { label: 'Review', to: '/review', icon: IconChecklist, isActive: (p) => p.startsWith('/review') },
  { label: 'Calendar', to: '/calendar', icon: IconCalendar, permission: 'leads:read', isActive: (p) => p.startsWith('/calendar') },
  { label: 'Settings', to: '/settings', icon: IconSettings, permission: 'settings:read', isActive: (p) => p.startsWith('/settings') },
  { label: 'Team', to: '/team', icon: IconUsers, permission: 'team:manage', isActive: (p) => p.startsWith('/team') },
];

export function MainNav() {
  const { can } = useSession();
  const { pathname } = useLocation();
  return (
    <nav>
      {SECTIONS.filter((s) => !s.permission || can(s.permission)).map((s) => {
        const active = s.isActive(pathname);
        return (
          <NavLink
            key={s.to}
            component={Link}
            to={s.to}
            label={s.label}
            leftSection={<s.icon size={18} stroke={1.6} />}
            active={active}
            aria-current={active ? 'page' : undefined}
          />
        );
      })}
    </nav>
  );
}
