/** An internal note on the lead (never sent to the customer). Enter adds it; Shift+Enter starts a new line. */
import { Button, Group, Stack, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useAddNote } from './use-lead-actions';

export function NoteForm({ leadId }: { leadId: string }) {
  const [body, setBody] = useState('');
  const addNote = useAddNote(leadId);

  function submit(e?: FormEvent) {
    e?.preventDefault();
    if (!body.trim() || addNote.isPending) return;
    addNote.mutate(body.trim(), { onSuccess: () => setBody('') });
  }

  return (
    <form onSubmit={submit}>
      <Stack gap="xs">
        <Textarea
          label="Note"
          placeholder="Internal note for the team"
          autosize
          minRows={2}
          maxRows={8}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              submit();
            }
          }}
        />
        <Group justify="flex-end">
          <Button type="submit" variant="light" disabled={!body.trim()} loading={addNote.isPending}>
            Add note
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
