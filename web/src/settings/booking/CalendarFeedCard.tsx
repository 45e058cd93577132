import { Alert, Anchor, Badge, Button, Code, CopyButton, Group, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCalendarPlus, IconCheck, IconCopy } from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmButton } from '../components/ConfirmButton';
import { formatInstant } from '../format';
import { summarizeError } from '../problem-details';
import type { CalendarFeedSummary, CreatedCalendarFeed } from '../types';
import { useCreateCalendarFeed, useRevokeCalendarFeed } from './use-calendar-feeds';

interface CalendarFeedCardProps {
  scope: CalendarFeedSummary['scope'];
  /** The live feed of this scope, or null when there is none. */
  feed: CalendarFeedSummary | null;
  title: string;
  /** What the feed shows, in a sentence. */
  description: string;
}

/**
 * One secret calendar feed: whether it is on and since when; "Get link" (or "Replace link", which
 * stops the old one) shows the URL once, with a copy button and a `webcal://` link that opens the
 * calendar app; "Turn off" stops it.
 */
export function CalendarFeedCard({ scope, feed, title, description }: CalendarFeedCardProps) {
  const [created, setCreated] = useState<CreatedCalendarFeed | null>(null);
  const create = useCreateCalendarFeed();
  const revoke = useRevokeCalendarFeed();
  /** Makes (or replaces) the feed and shows its URL; rejects after a notification when that fails. */
  const make = async () => {
    try {
      setCreated(await create.mutateAsync(scope));
    } catch (err) {
      notifications.show({ color: 'red', title: 'No link made', message: summarizeError(err)?.message });
      throw err;
    }
  };
  const turnOff = async (id: string) => {
    try {
      await revoke.mutateAsync(id);
      setCreated(null);
      notifications.show({ color: 'green', title: 'Turned off', message: 'Calendars subscribed to this link stop updating.' });
    } catch (err) {
      notifications.show({ color: 'red', title: 'Not turned off', message: summarizeError(err)?.message });
      throw err;
    }
  };
  const shown = created;

  return (
    <Paper withBorder p="sm" aria-label={title}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Text fw={500}>{title}</Text>
          {feed ? (
            <Badge color="green" variant="light" title={`Made ${formatInstant(feed.createdAt)}`}>
              On
            </Badge>
          ) : (
            <Badge color="gray" variant="light">
              Off
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {description}
        </Text>
        {shown && (
          <Alert color="yellow" title="Copy the link now">
            <Stack gap="xs">
              <Text size="sm">
                It is shown only this once. Anyone with it can see these bookings, so keep it private. In Google Calendar: Other calendars → From URL; Apple
                Calendar: File → New Calendar Subscription; Outlook: Add calendar → Subscribe from web.
              </Text>
              <Code block data-testid={`calendar-feed-url-${scope}`} style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
                {shown.url}
              </Code>
              <Group gap="xs">
                <CopyButton value={shown.url} timeout={2000}>
                  {({ copied, copy }) => (
                    <Button size="xs" variant="light" color={copied ? 'teal' : undefined} leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />} onClick={copy}>
                      {copied ? 'Copied' : 'Copy link'}
                    </Button>
                  )}
                </CopyButton>
                <Anchor href={shown.webcalUrl} size="sm">
                  Open in my calendar app
                </Anchor>
              </Group>
            </Stack>
          </Alert>
        )}
        <Group gap="xs">
          {feed ? (
            <>
              <ConfirmButton
                size="xs"
                variant="light"
                title={`Replace the link of ${title.toLowerCase()}?`}
                message="The current link stops working at once; calendars subscribed to it must subscribe to the new one."
                confirmLabel="Replace link"
                onConfirm={make}
              >
                Replace link
              </ConfirmButton>
              <ConfirmButton
                size="xs"
                variant="subtle"
                color="red"
                title={`Turn off ${title.toLowerCase()}?`}
                message="The link stops working at once and subscribed calendars stop updating."
                confirmLabel="Turn off"
                onConfirm={() => turnOff(feed.id)}
              >
                Turn off
              </ConfirmButton>
            </>
          ) : (
            <Button size="xs" leftSection={<IconCalendarPlus size={14} />} onClick={() => make().catch(() => {}) /* already notified */} loading={create.isPending}>
              Get calendar link
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
