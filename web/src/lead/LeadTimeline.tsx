/** The thread, oldest first: calls, voicemails, texts as chat bubbles, triage, pages, stage changes, notes, tasks. */
import { Stack, Text } from '@mantine/core';
import type { LeadDetail } from '../api/types';
import { EventItem } from './EventItem';
import { MessageBubble } from './MessageBubble';
import { timelineEntries } from './timeline-entries';
import { VoicemailItem } from './VoicemailItem';

export function LeadTimeline({ lead, names }: { lead: LeadDetail; names: ReadonlyMap<string, string> }) {
  const entries = timelineEntries(lead);
  if (entries.length === 0) return <Text c="dimmed">Nothing has happened on this lead yet.</Text>;
  return (
    <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Timeline" data-testid="timeline">
      {entries.map((entry) => (
        <li key={entry.key}>
          {entry.kind === 'message' ? (
            <MessageBubble message={entry.message} />
          ) : entry.kind === 'voicemail' ? (
            <VoicemailItem event={entry.event} transcript={entry.transcript} />
          ) : (
            <EventItem event={entry.event} names={names} />
          )}
        </li>
      ))}
    </Stack>
  );
}
