/** When and by whom, under a timeline entry. */
import { Text } from '@mantine/core';
import { formatDateTime, formatFullDateTime } from '../format/format-time';

export function EntryMeta({ at, who, align }: { at: string; who: string; align?: 'left' | 'right' }) {
  return (
    <Text size="xs" c="dimmed" ta={align}>
      <time dateTime={at} title={formatFullDateTime(at)}>
        {formatDateTime(at)}
      </time>
      {' · '}
      {who}
    </Text>
  );
}
