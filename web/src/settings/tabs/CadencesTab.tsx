/**
 * Cadences: each follow-up cadence's steps (wait, action, text or task title, timing) and what
 * happens after the last step, plus the call-back due time, the automated-text cap and the
 * quiet-hours reply window. Saved together as `{cadences, callbackDueMinutes, …}`.
 */
import { Divider, Stack, Text, Title } from '@mantine/core';
import { CadenceFields } from '../cadences/CadenceFields';
import { FollowUpLimitsFields, type FollowUpLimits } from '../cadences/FollowUpLimitsFields';
import { SettingsForm, useCanWriteSettings } from '../components/SettingsForm';
import { fieldErrorLookup, summarizeError } from '../problem-details';
import type { SettingsTabProps } from '../SettingsPage';
import { useDraft } from '../use-draft';
import { usePolicySave } from '../use-settings';

/** The field problems shown next to an input; any other is listed above Save. */
function shownInline(path: string): boolean {
  return (
    /^(callbackDueMinutes|automatedMessagesPer24h|quietHoursReplyMinutes)$/.test(path) ||
    /^cadences\.[^.]+\.(name|onComplete)(\.|$)/.test(path) ||
    /^cadences\.[^.]+\.steps\.\d+\.(delayMinutes|channel|template|timing)(\.|$)/.test(path)
  );
}

export function CadencesTab({ settings }: SettingsTabProps) {
  const readOnly = !useCanWriteSettings();
  const { policy } = settings;
  const [cadences, setCadences] = useDraft(policy.cadences);
  const [limits, setLimits] = useDraft<FollowUpLimits>(policy);
  const save = usePolicySave('Cadences saved.');
  const errorAt = fieldErrorLookup(summarizeError(save.error)?.fields ?? []);
  const list = Object.values(cadences);
  const names = list.map((c) => ({ value: c.id, label: c.name }));

  return (
    <SettingsForm
      onSave={() =>
        save.mutate({
          cadences,
          callbackDueMinutes: limits.callbackDueMinutes,
          automatedMessagesPer24h: limits.automatedMessagesPer24h,
          quietHoursReplyMinutes: limits.quietHoursReplyMinutes,
        })
      }
      saving={save.isPending}
      error={save.error}
      shownInline={shownInline}
    >
      <Text size="sm" c="dimmed">
        A lead follows its cadence until the customer replies, books, opts out or a person takes over. Texts still pass the send gate (quiet hours,
        opt-outs, the daily cap).
      </Text>
      <Title order={3} size="h4">
        Timing and limits
      </Title>
      <FollowUpLimitsFields limits={limits} onChange={setLimits} errorAt={errorAt} />
      <Divider />
      <Stack>
        {list.map((cadence) => (
          <CadenceFields
            key={cadence.id}
            cadence={cadence}
            others={names}
            onChange={(c) => setCadences({ ...cadences, [c.id]: c })}
            errorAt={errorAt}
            readOnly={readOnly}
          />
        ))}
      </Stack>
    </SettingsForm>
  );
}
