/** The signed-in person's menu: who they are, and "Sign out". */
import { Avatar, Menu, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLogout, IconUser } from '@tabler/icons-react';
import { useState } from 'react';
import { useSession } from '../session';
import { ProfileModal } from './ProfileModal';

async function signOut(): Promise<void> {
  try {
    const res = await fetch('/api/auth/sign-out', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: '{}' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    window.location.assign('/');
  } catch (err) {
    notifications.show({ color: 'red', title: 'Could not sign out', message: err instanceof Error ? err.message : String(err) });
  }
}

function initials(name: string, email: string): string {
  const words = (name || email).trim().split(/\s+/);
  return words.slice(0, 2).map((w) => w.charAt(0).toUpperCase()).join('');
}

export function UserMenu() {
  const { me } = useSession();
  const [profileOpen, setProfileOpen] = useState(false);
  return (
    <>
    <ProfileModal opened={profileOpen} onClose={() => setProfileOpen(false)} />
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={`User menu for ${me.user.name || me.user.email}`}>
          <Avatar radius="xl" size="md" color="blue">
            {initials(me.user.name, me.user.email)}
          </Avatar>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          {me.user.name || me.user.email}
          {me.user.name ? <div>{me.user.email}</div> : null}
        </Menu.Label>
        <Menu.Divider />
        <Menu.Item leftSection={<IconUser size={16} />} onClick={() => setProfileOpen(true)}>
          Your profile
        </Menu.Item>
        <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => void signOut()}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
    </>
  );
}
