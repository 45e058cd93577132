import { Code, Spoiler, Stack, Text } from '@mantine/core';
import { compactJson, diffJson, type JsonChange } from './json-diff';

function line(change: JsonChange): string {
  const at = change.path ? `${change.path}: ` : '';
  if (change.kind === 'added') return `${at}+ ${compactJson(change.value)}`;
  if (change.kind === 'removed') return `${at}− ${compactJson(change.value)}`;
  return `${at}${compactJson(change.before)} → ${compactJson(change.after)}`;
}

/** A setting's change as compact JSON lines: `hours.1[0].close: "17:00" → "18:00"`. */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const changes = diffJson(before, after);
  if (changes.length === 0) return <Text size="sm" c="dimmed">No difference</Text>;
  return (
    <Spoiler maxHeight={120} showLabel="Show all changes" hideLabel="Show fewer">
      <Stack gap={2}>
        {changes.map((c, i) => (
          <Code key={i} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
            {line(c)}
          </Code>
        ))}
      </Stack>
    </Spoiler>
  );
}
