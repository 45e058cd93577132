/** A voicemail: a player for the recording and, once transcribed, what the caller said. */
import { Paper, Text } from '@mantine/core';
import { IconMicrophone } from '@tabler/icons-react';
import type { LeadEvent } from '../api/types';
import { formatSeconds } from '../format/format-time';
import { EntryMeta } from './EntryMeta';

export function VoicemailItem({ event, transcript }: { event: LeadEvent; transcript: string | null }) {
  const url = typeof event.data.recordingUrl === 'string' ? event.data.recordingUrl : null;
  const seconds = typeof event.data.durationSeconds === 'number' ? event.data.durationSeconds : null;
  return (
    <Paper withBorder p="sm" radius="md" data-testid="voicemail" maw={520}>
      <Text size="sm" fw={600}>
        <IconMicrophone size={16} aria-hidden style={{ verticalAlign: 'text-bottom', marginRight: 4 }} />
        Voicemail{seconds !== null ? ` (${formatSeconds(seconds)})` : ''}
      </Text>
      {url ? <audio controls preload="none" src={`${url}.mp3`} aria-label="Voicemail recording" style={{ width: '100%', marginTop: 6 }} /> : null}
      <Text size="sm" mt={6} fs={transcript ? undefined : 'italic'} c={transcript ? undefined : 'dimmed'} data-testid="voicemail-transcript">
        {transcript ? `“${transcript}”` : 'Transcript not available yet.'}
      </Text>
      <EntryMeta at={event.at} who="Customer" />
    </Paper>
  );
}
