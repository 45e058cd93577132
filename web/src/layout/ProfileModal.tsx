/** "Your profile": the signed-in person's name and own phone (click-to-call rings it first), and their calendar feed. */
import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError, api } from '../api/client';
import type { Me } from '../api/types';
import { useSession } from '../session';
import { MyCalendarFeed } from '../settings/booking/MyCalendarFeed';

export function ProfileModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { me, can } = useSession();
  const qc = useQueryClient();
  const [name, setName] = useState(me.user.name);
  const [phone, setPhone] = useState(me.user.phoneE164 ?? '');
  const save = useMutation({
    mutationFn: () => api.patch<Me>('/api/v1/me', { name, phoneE164: phone.trim() === '' ? null : phone }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['me'] });
      notifications.show({ color: 'green', message: 'Profile saved' });
      onClose();
    },
  });
  const error = save.error instanceof ApiError ? save.error.problem.detail : save.error ? String(save.error) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Your profile">
      <form onSubmit={submit}>
        <Stack>
          <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} required />
          <TextInput
            label="Your phone"
            description="Click-to-call rings this phone first, then connects the customer."
            value={phone}
            onChange={(e) => setPhone(e.currentTarget.value)}
            error={error}
            inputMode="tel"
          />
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              Save profile
            </Button>
          </Group>
        </Stack>
      </form>
      {can('calendar_feeds:own') && (
        <Stack mt="lg">
          <MyCalendarFeed />
        </Stack>
      )}
    </Modal>
  );
}
