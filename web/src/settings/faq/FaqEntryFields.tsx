import { ActionIcon, Group, Paper, SimpleGrid, Stack, TagsInput, Text, Textarea } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import type { FaqEntry } from '../types';

/** The server's longest answer: three SMS segments. */
const MAX_ANSWER_LENGTH = 480;

interface FaqEntryFieldsProps {
  entry: FaqEntry;
  index: number;
  onChange: (entry: FaqEntry) => void;
  onRemove: () => void;
  /** Field problem under `faq.<index>` (`keywords`, `answer`, `answerEs`). */
  errorAt: (field: string) => string | undefined;
  readOnly: boolean;
}

/** One FAQ entry: keyword phrases, and the answer in English and (optionally) Spanish. */
export function FaqEntryFields({ entry, index, onChange, onRemove, errorAt, readOnly }: FaqEntryFieldsProps) {
  const who = `FAQ ${index + 1}`;
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Text fw={500}>{who}</Text>
          {!readOnly && (
            <ActionIcon variant="subtle" color="red" aria-label={`Remove ${who}`} onClick={onRemove}>
              <IconTrash size={16} />
            </ActionIcon>
          )}
        </Group>
        <TagsInput
          label="Keywords"
          aria-label={`${who}: Keywords`}
          description="Phrases such as weekend hours or financing; an entry answers when every word of one phrase is in the message. Enter or comma after each."
          value={entry.keywords}
          onChange={(keywords) => onChange({ ...entry, keywords: keywords.map((k) => k.trim()).filter(Boolean) })}
          splitChars={[',']}
          error={errorAt('keywords')}
        />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs">
          <Textarea
            label="Answer (English)"
            aria-label={`${who}: Answer (English)`}
            value={entry.answer}
            onChange={(e) => onChange({ ...entry, answer: e.currentTarget.value })}
            error={errorAt('answer')}
            autosize
            minRows={2}
            maxLength={MAX_ANSWER_LENGTH}
            required
          />
          <Textarea
            label="Answer (Spanish)"
            aria-label={`${who}: Answer (Spanish)`}
            description={entry.answerEs ? undefined : 'Blank: the English answer is sent'}
            value={entry.answerEs ?? ''}
            onChange={(e) => onChange({ ...entry, answerEs: e.currentTarget.value })}
            error={errorAt('answerEs')}
            autosize
            minRows={2}
            maxLength={MAX_ANSWER_LENGTH}
            lang="es"
          />
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
