/** FAQ: answers Ringback texts back to questions whose words match an entry's keywords. */
import { Button, Group, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { SettingsForm, useCanWriteSettings } from '../components/SettingsForm';
import { FaqEntryFields } from '../faq/FaqEntryFields';
import { fieldErrorLookup, summarizeError } from '../problem-details';
import type { SettingsTabProps } from '../SettingsPage';
import type { FaqEntry } from '../types';
import { useDraft } from '../use-draft';
import { usePolicySave } from '../use-settings';

/** The server's limit of entries. */
const MAX_ENTRIES = 200;

/** The entries as the server takes them: trimmed, a blank Spanish answer left out. */
function toSaved(faq: FaqEntry[]): FaqEntry[] {
  return faq.map(({ keywords, answer, answerEs }) => (answerEs?.trim() ? { keywords, answer, answerEs } : { keywords, answer }));
}

export function FaqTab({ settings }: SettingsTabProps) {
  const readOnly = !useCanWriteSettings();
  const [faq, setFaq] = useDraft(settings.policy.faq);
  const save = usePolicySave('FAQ saved.');
  const errorAt = fieldErrorLookup(summarizeError(save.error)?.fields ?? []);

  return (
    <SettingsForm
      onSave={() => save.mutate({ faq: toSaved(faq) })}
      saving={save.isPending}
      error={save.error}
      shownInline={(path) => /^faq\.\d+\.(keywords|answer|answerEs)(\.|$)/.test(path)}
    >
      <Text size="sm" c="dimmed">
        Messages triaged as questions get the answer of the first matching entry; with no match a person reviews them.
      </Text>
      {faq.length === 0 && <Text size="sm">No FAQ entries yet.</Text>}
      <Stack gap="sm">
        {faq.map((entry, i) => (
          <FaqEntryFields
            key={i}
            entry={entry}
            index={i}
            onChange={(e) => setFaq(faq.map((x, j) => (j === i ? e : x)))}
            onRemove={() => setFaq(faq.filter((_, j) => j !== i))}
            errorAt={(field) => errorAt(`faq.${i}.${field}`)}
            readOnly={readOnly}
          />
        ))}
      </Stack>
      {!readOnly && faq.length < MAX_ENTRIES && (
        <Group>
          <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setFaq([...faq, { keywords: [], answer: '' }])}>
            Add FAQ entry
          </Button>
        </Group>
      )}
    </SettingsForm>
  );
}
