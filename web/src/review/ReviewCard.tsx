/**
 * One lead of the morning review, as the field's SOP checklist: confirm the contact, call back, text
 * if no answer, set the next task, move the stage, escalate only when needed. "Next lead" saves what
 * changed (one PATCH); "Skip" leaves the lead as it is.
 */
import { Alert, Anchor, Badge, Button, Checkbox, Group, Loader, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ReviewItem } from '../api/types';
import { fromDateTimeLocal } from '../format/datetime-local';
import { formatPhone } from '../format/format-phone';
import { humanize, nextActionLabel, nextActionOptions, stageLabel, stageOptions } from '../format/labels';
import { CallCustomerButton } from '../lead/CallCustomerButton';
import { Composer } from '../lead/Composer';
import { LeadBadges } from '../lead/LeadBadges';
import { buildLeadPatch, defaultDue, draftFromLead, type LeadDraft } from '../lead/lead-draft';
import { errorMessage } from '../lead/notify';
import { useLead } from '../lead/use-lead';
import { useUpdateLead } from '../lead/use-lead-actions';
import { useTeamMembers } from '../lead/use-team-members';
import { EscalateControl } from './EscalateControl';
import type { LeadReviewResult } from './review-session';
import { ReviewStep } from './ReviewStep';

interface ReviewCardProps {
  item: ReviewItem;
  position: number;
  total: number;
  onNext: (result: LeadReviewResult) => void;
  onSkip: () => void;
}

/** Fifteen minutes from now, for an escalation that has no due time yet. */
const soon = () => defaultDue(new Date(), 15);

export function ReviewCard({ item, position, total, onNext, onSkip }: ReviewCardProps) {
  const lead = useLead(item.leadId);
  const { members } = useTeamMembers();
  const update = useUpdateLead(item.leadId);
  const [confirmed, setConfirmed] = useState(false);
  const [called, setCalled] = useState(false);
  const [texted, setTexted] = useState(false);
  const [edits, setEdits] = useState<Partial<LeadDraft>>({});
  const [escalatedTo, setEscalatedTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const base = lead.data ? draftFromLead(lead.data) : null;
  const draft = base ? { ...base, ...edits } : null;
  const edit = (patch: Partial<LeadDraft>) => {
    setError(null);
    setEdits((e) => ({ ...e, ...patch }));
  };
  const nextTaskSet = Boolean(base && draft && (draft.nextActionType !== base.nextActionType || draft.due !== base.due));
  const stageMoved = Boolean(base && draft && draft.stage !== base.stage);

  function escalate(ownerId: string) {
    setEscalatedTo(ownerId);
    const due = draft ? fromDateTimeLocal(draft.due) : null;
    edit({ nextActionType: 'escalate', assigneeId: ownerId, due: due && new Date(due).getTime() > Date.now() ? draft!.due : soon() });
  }
  function undoEscalation() {
    setEscalatedTo(null);
    setEdits(({ nextActionType: _t, assigneeId: _a, ...rest }) => rest);
  }

  function next() {
    const result: LeadReviewResult = { called, texted, stageMoved, escalated: escalatedTo !== null };
    if (!lead.data || !draft) return onNext(result);
    const built = buildLeadPatch(lead.data, draft);
    if (!built.ok) return setError(built.error);
    if (!built.changed) return onNext(result);
    update.mutate(built.patch, {
      onSuccess: () => onNext({ ...result, stageMoved: built.patch.stage !== undefined, escalated: built.patch.nextAction?.type === 'escalate' }),
      onError: (err) => setError(errorMessage(err)),
    });
  }

  const name = lead.data?.contact.name?.trim() || null;
  return (
    <Paper withBorder p="md" radius="md" data-testid="review-card" data-lead-id={item.leadId}>
      <Stack gap="md">
        <div>
          <Text size="xs" c="dimmed">
            Lead {position} of {total}
          </Text>
          <Group justify="space-between" align="flex-start" gap="xs">
            <Title order={3} style={{ overflowWrap: 'anywhere' }}>
              {name ?? formatPhone(item.phone)}
            </Title>
            <Badge variant="outline" color="gray">
              {stageLabel(lead.data?.stage ?? item.stage)}
            </Badge>
          </Group>
          <LeadBadges intent={lead.data?.intent ?? item.intent} safety={lead.data?.safety ?? item.safety} />
          <Text size="sm" mt={4}>
            {nextActionLabel(item.task.type)}
            {item.task.reason ? ` · ${humanize(item.task.reason)}` : ''}
            {item.overdueMinutes > 0 ? (
              <Text span c="red" fw={600} data-overdue="true">
                {` · overdue ${item.overdueMinutes}m`}
              </Text>
            ) : null}
          </Text>
        </div>

        {lead.isPending ? (
          <Loader size="sm" aria-label="Loading the lead" />
        ) : !lead.data ? (
          <Alert color="gray" title="This lead can't be opened">
            {errorMessage(lead.error)} It may have been closed since the review started. Skip it or go to the next lead.
          </Alert>
        ) : (
          <Stack component="ol" gap="md" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Review checklist">
            <ReviewStep number={1} title="Confirm the contact" done={confirmed}>
              <Stack gap={4}>
                <Text size="sm">
                  {name ?? 'No name on file'} ·{' '}
                  <Anchor href={`tel:${item.phone}`}>{formatPhone(item.phone)}</Anchor>
                </Text>
                <Anchor component={Link} to={`/leads/${item.leadId}`} size="sm">
                  Open the thread
                </Anchor>
                <Checkbox label="Contact confirmed" checked={confirmed} onChange={(e) => setConfirmed(e.currentTarget.checked)} />
              </Stack>
            </ReviewStep>
            <ReviewStep number={2} title="Call back" done={called}>
              <CallCustomerButton leadId={item.leadId} onCalled={() => setCalled(true)} />
            </ReviewStep>
            <ReviewStep number={3} title="Text if no answer" done={texted}>
              <Composer leadId={item.leadId} optedOut={lead.data.contact.optedOut} onSent={() => setTexted(true)} />
            </ReviewStep>
            <ReviewStep number={4} title="Set the next task" done={nextTaskSet}>
              <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
                <Select
                  label="Next action"
                  placeholder="None"
                  data={nextActionOptions}
                  value={draft!.nextActionType}
                  allowDeselect={false}
                  onChange={(v) => edit({ nextActionType: v, ...(draft!.due ? {} : { due: defaultDue() }) })}
                  comboboxProps={{ withinPortal: true }}
                />
                <TextInput label="Due" type="datetime-local" value={draft!.due} onChange={(e) => edit({ due: e.currentTarget.value })} />
              </SimpleGrid>
            </ReviewStep>
            <ReviewStep number={5} title="Move the stage" done={stageMoved}>
              <Select
                label="Stage"
                data={stageOptions.filter((o) => o.value !== 'booked' || o.value === draft!.stage)}
                value={draft!.stage}
                allowDeselect={false}
                onChange={(v) => v && edit({ stage: v })}
                maw={320}
                comboboxProps={{ withinPortal: true }}
              />
            </ReviewStep>
            <ReviewStep number={6} title="Escalate to an owner" hint="Only when needed: a complaint, a big job, or something you can't resolve." done={escalatedTo !== null}>
              <EscalateControl members={members} escalatedTo={escalatedTo} onEscalate={escalate} onUndo={undoEscalation} />
            </ReviewStep>
          </Stack>
        )}

        {error ? (
          <Alert color="red" role="alert" title="Not saved">
            {error}
          </Alert>
        ) : null}
        <Group justify="space-between">
          <Button variant="default" onClick={onSkip} disabled={update.isPending}>
            Skip
          </Button>
          <Button onClick={next} loading={update.isPending}>
            Next lead
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
