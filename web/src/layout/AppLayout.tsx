/**
 * The signed-in frame: header (brand, organization switcher, user menu), navbar (Queue, Review,
 * Settings, Team; a burger drawer on small screens) and the page. Also where live updates start.
 */
import { AppShell, Burger, Group, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { useLiveUpdates } from '../live/useLiveUpdates';
import { useSession } from '../session';
import { MainNav } from './MainNav';
import { OrganizationSwitcher } from './OrganizationSwitcher';
import { UserMenu } from './UserMenu';

export function AppLayout({ children }: { children: ReactNode }) {
  const { me } = useSession();
  const [navOpened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  useLiveUpdates(me.activeOrganizationId);

  // A link tapped in the mobile drawer closes it.
  useEffect(close, [pathname, close]);

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 200, breakpoint: 'sm', collapsed: { mobile: !navOpened } }} padding={{ base: 'xs', sm: 'md' }}>
      <AppShell.Header>
        <Group h="100%" px="sm" justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap">
            <Burger opened={navOpened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={navOpened ? 'Close navigation' : 'Open navigation'} />
            <Title order={1} size="h3" style={{ whiteSpace: 'nowrap' }}>
              <Link to="/" style={{ color: 'inherit', textDecoration: 'none' }}>
                Ringback
              </Link>
            </Title>
          </Group>
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            <OrganizationSwitcher />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        <MainNav />
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}
