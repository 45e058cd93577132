import { Loader } from '@mantine/core';
import { CalendarFeedCard } from './CalendarFeedCard';
import { useCalendarFeeds } from './use-calendar-feeds';

/** The signed-in person's own calendar feed (the bookings assigned to them), for "Your profile". Renders nothing when the list fails. */
export function MyCalendarFeed() {
  const feeds = useCalendarFeeds();
  if (feeds.isPending) return <Loader size="sm" aria-label="Loading your calendar feed" />;
  if (feeds.isError) return null;
  return (
    <CalendarFeedCard
      scope="me"
      feed={feeds.data.me}
      title="My calendar"
      description="Your booked visits in Google, Apple or Outlook calendar: time window, customer, address, phone and problem."
    />
  );
}
