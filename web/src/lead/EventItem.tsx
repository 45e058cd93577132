/** One timeline event other than a message or voicemail: what happened, details, reasons, when and who. */
import { Box, List, Text } from '@mantine/core';
import type { LeadEvent } from '../api/types';
import { actorLabel } from '../format/actor-label';
import { describeEvent } from './describe-event';
import { EntryMeta } from './EntryMeta';

export function EventItem({ event, names }: { event: LeadEvent; names: ReadonlyMap<string, string> }) {
  const { title, details, reasons, color } = describeEvent(event, names);
  const isNote = event.type === 'note_added';
  return (
    <Box
      data-testid="timeline-event"
      data-event-type={event.type}
      pl="sm"
      py={2}
      style={{ borderLeft: `3px solid var(--mantine-color-${color}-5)` }}
      bg={isNote ? 'var(--mantine-color-yellow-light)' : undefined}
    >
      <Text size="sm" fw={600}>
        {title}
      </Text>
      {details.map((line, i) => (
        <Text key={i} size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {line}
        </Text>
      ))}
      {reasons && reasons.length > 0 ? (
        <List size="sm" spacing={0} aria-label="Triage reasons">
          {reasons.map((r, i) => (
            <List.Item key={i}>{r}</List.Item>
          ))}
        </List>
      ) : null}
      <EntryMeta at={event.at} who={actorLabel(event.actor, event.actorName, names)} />
    </Box>
  );
}
