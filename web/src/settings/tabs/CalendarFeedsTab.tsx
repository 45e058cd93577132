/**
 * Calendar feeds (needs `calendar_feeds:manage`): secret ICS links that Google, Apple or Outlook
 * calendar subscribes to. The organization's feed has every booking (for the office or a wall
 * screen); each person's own feed, the bookings assigned to them, is also in "Your profile".
 */
import { Alert, Center, Loader, Stack, Text } from '@mantine/core';
import { CalendarFeedCard } from '../booking/CalendarFeedCard';
import { useCalendarFeeds } from '../booking/use-calendar-feeds';
import { summarizeError } from '../problem-details';

export function CalendarFeedsTab() {
  const feeds = useCalendarFeeds();
  if (feeds.isPending) {
    return (
      <Center py="md">
        <Loader aria-label="Loading calendar feeds" />
      </Center>
    );
  }
  if (feeds.isError) {
    return (
      <Alert color="red" title="Calendar feeds could not be loaded">
        {summarizeError(feeds.error)?.message}
      </Alert>
    );
  }
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        Bookings appear in your calendar app within its refresh time (Google: a few hours; Apple and Outlook: as set). Canceled visits are removed and
        rescheduled ones move. A link is shown once; replacing or turning it off stops the old one at once.
      </Text>
      {feeds.data.canManageOrganizationFeed && (
        <CalendarFeedCard
          scope="organization"
          feed={feeds.data.organization}
          title="Organization calendar"
          description="Every booking of every technician, with the customer's phone, address and problem."
        />
      )}
      <CalendarFeedCard scope="me" feed={feeds.data.me} title="My calendar" description="The bookings assigned to you." />
    </Stack>
  );
}
