/**
 * Working a lead: stage, closing outcome, owner and backup owner, and the next action (type, due,
 * assignee). "Save" sends only what changed; untouched fields follow live updates.
 */
import { Alert, Button, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { LeadDetail } from '../api/types';
import { closingOutcomeOptions, nextActionOptions, outcomeLabel, stageLabel, stageOptions } from '../format/labels';
import { buildLeadPatch, defaultDue, draftFromLead, type LeadDraft } from './lead-draft';
import { errorMessage, notifySuccess } from './notify';
import { personOptions } from './person-options';
import { useUpdateLead } from './use-lead-actions';
import { useTeamMembers } from './use-team-members';

/** Options plus the lead's current value when the list does not offer it (e.g. stage `booked`). */
function withCurrent(options: Array<{ value: string; label: string }>, current: string | null, label: (v: string) => string) {
  return current && !options.some((o) => o.value === current) ? [...options, { value: current, label: label(current) }] : options;
}

export function LeadWorkForm({ lead }: { lead: LeadDetail }) {
  const { members } = useTeamMembers();
  const update = useUpdateLead(lead.id);
  const [edits, setEdits] = useState<Partial<LeadDraft>>({});
  const [error, setError] = useState<string | null>(null);
  const draft: LeadDraft = { ...draftFromLead(lead), ...edits };
  const result = buildLeadPatch(lead, draft);
  const people = personOptions(members, [lead.owner, lead.backupOwner]);
  const edit = (patch: Partial<LeadDraft>) => {
    setError(null);
    setEdits((e) => ({ ...e, ...patch }));
  };

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!result.ok) {
      setError(result.error);
      return;
    }
    if (!result.changed) return;
    update.mutate(result.patch, {
      onSuccess: () => {
        setEdits({});
        notifySuccess(result.patch.outcome ? `Lead closed: ${outcomeLabel(result.patch.outcome)}` : 'Lead saved');
      },
      onError: (err) => setError(errorMessage(err)),
    });
  }

  return (
    <form onSubmit={onSubmit}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing="sm">
          <Select
            label="Stage"
            data={withCurrent(stageOptions.filter((o) => o.value !== 'booked'), draft.stage, stageLabel)}
            value={draft.stage}
            allowDeselect={false}
            onChange={(v) => v && edit({ stage: v })}
          />
          <Select
            label="Outcome"
            placeholder="Still open"
            description={lead.status === 'closed' ? 'The lead is closed' : 'Picking one closes the lead'}
            data={withCurrent(closingOutcomeOptions, draft.outcome, outcomeLabel)}
            value={draft.outcome}
            clearable
            allowDeselect={false}
            onChange={(v) => edit({ outcome: v })}
          />
          <Select label="Owner" placeholder="Unassigned" data={people} value={draft.ownerId} clearable allowDeselect={false} searchable onChange={(v) => edit({ ownerId: v })} />
          <Select
            label="Backup owner"
            placeholder="Unassigned"
            data={people}
            value={draft.backupOwnerId}
            clearable
            allowDeselect={false}
            searchable
            onChange={(v) => edit({ backupOwnerId: v })}
          />
          <Select
            label="Next action"
            placeholder="None"
            data={nextActionOptions}
            value={draft.nextActionType}
            allowDeselect={false}
            onChange={(v) => edit({ nextActionType: v, ...(draft.due ? {} : { due: defaultDue() }) })}
          />
          <TextInput label="Due" type="datetime-local" value={draft.due} onChange={(e) => edit({ due: e.currentTarget.value })} />
          <Select
            label="Assignee"
            placeholder="Unassigned"
            data={people}
            value={draft.assigneeId}
            clearable
            allowDeselect={false}
            searchable
            onChange={(v) => edit({ assigneeId: v })}
          />
        </SimpleGrid>
        {error ? (
          <Alert color="red" role="alert" title="Not saved">
            {error}
          </Alert>
        ) : null}
        <Group justify="flex-end" gap="xs">
          {Object.keys(edits).length > 0 ? (
            <Button variant="subtle" onClick={() => (setEdits({}), setError(null))}>
              Discard changes
            </Button>
          ) : null}
          <Button type="submit" loading={update.isPending} disabled={result.ok && !result.changed}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
