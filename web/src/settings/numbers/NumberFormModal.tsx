import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { FormProblems } from '../components/FormProblems';
import { IntegerInput } from '../components/IntegerInput';
import { PhoneListInput } from '../components/PhoneListInput';
import { fieldErrorLookup, summarizeError } from '../problem-details';
import type { PhoneNumberInput, PhoneNumberSetting } from '../types';
import { AUDIT_KEY, SETTINGS_KEY, notifySaved } from '../use-settings';

/** Default ring time before a call counts as missed (the server's default too). */
const DEFAULT_DIAL_TIMEOUT_SECONDS = 20;

interface NumberFormModalProps {
  opened: boolean;
  onClose: () => void;
  /** The number being edited, or null to add one. */
  number: PhoneNumberSetting | null;
}

const SHOWN_INLINE = /^(e164|forwardTo|leadSource|dialTimeoutSeconds)(\.|$)/;

/**
 * Adds (`POST /api/v1/settings/numbers`) or edits (`PATCH …/numbers/:id`) a tracking number. The
 * number itself is fixed once added: it is the provider's number; delete it and add another to change it.
 */
export function NumberFormModal({ opened, onClose, number }: NumberFormModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={number ? `Edit ${number.e164}` : 'Add a number'} centered>
      {/* Mounted only while open, so each opening starts from the number's saved values. */}
      {opened && <NumberForm number={number} onDone={onClose} />}
    </Modal>
  );
}

function NumberForm({ number, onDone }: { number: PhoneNumberSetting | null; onDone: () => void }) {
  const qc = useQueryClient();
  const [draft, setDraft] = useState<PhoneNumberInput>(() => ({
    e164: number?.e164 ?? '',
    forwardTo: number?.forwardTo ?? [],
    leadSource: number?.leadSource ?? '',
    dialTimeoutSeconds: number?.dialTimeoutSeconds ?? DEFAULT_DIAL_TIMEOUT_SECONDS,
  }));
  const save = useMutation({
    mutationFn: (input: PhoneNumberInput) => {
      const leadSource = input.leadSource?.trim() ? input.leadSource.trim() : null;
      if (number) {
        return api.patch<unknown>(`/api/v1/settings/numbers/${encodeURIComponent(number.id)}`, {
          forwardTo: input.forwardTo,
          leadSource,
          dialTimeoutSeconds: input.dialTimeoutSeconds,
        });
      }
      return api.post<unknown>('/api/v1/settings/numbers', { ...input, e164: input.e164.trim(), leadSource });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: SETTINGS_KEY, exact: true });
      void qc.invalidateQueries({ queryKey: AUDIT_KEY });
      notifySaved(number ? `${number.e164} updated.` : `${draft.e164.trim()} added.`);
      onDone();
    },
  });
  const errorAt = fieldErrorLookup(summarizeError(save.error)?.fields ?? []);

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!save.isPending) save.mutate(draft);
      }}
    >
      <Stack>
        <TextInput
          label="Phone number"
          description="Your Ringback (tracking) number, e.g. +15125550100."
          type="tel"
          value={draft.e164}
          onChange={(e) => setDraft({ ...draft, e164: e.currentTarget.value })}
          error={errorAt('e164')}
          disabled={number !== null}
          required
          data-autofocus
        />
        <PhoneListInput
          label="Forward calls to"
          description="The phones that ring first (press Enter after each). A call nobody answers becomes a lead."
          value={draft.forwardTo}
          onChange={(forwardTo) => setDraft({ ...draft, forwardTo })}
          error={errorAt('forwardTo')}
        />
        <TextInput
          label="Lead source"
          description='Where this number is published, e.g. "Google Business Profile" or "Yard signs".'
          value={draft.leadSource ?? ''}
          onChange={(e) => setDraft({ ...draft, leadSource: e.currentTarget.value })}
          error={errorAt('leadSource')}
          maxLength={80}
        />
        <IntegerInput
          label="Ring time (seconds)"
          description="How long the forwarded phones ring before the call counts as missed."
          min={5}
          max={120}
          value={draft.dialTimeoutSeconds ?? DEFAULT_DIAL_TIMEOUT_SECONDS}
          onChange={(dialTimeoutSeconds) => setDraft({ ...draft, dialTimeoutSeconds })}
          error={errorAt('dialTimeoutSeconds')}
        />
        <FormProblems error={save.error} shownInline={(path) => SHOWN_INLINE.test(path)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
