/**
 * Routing: what Ringback does with a customer's message of each triage intent, and the customers'
 * numbers that never get automated texts. Saved together as `{routing, doNotAutomateNumbers}`.
 */
import { Divider, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { PhoneListInput } from '../components/PhoneListInput';
import { SettingsForm } from '../components/SettingsForm';
import { fieldErrorLookup, summarizeError } from '../problem-details';
import { INTENT_DESCRIPTIONS, ROUTE_DESCRIPTIONS } from '../routing/route-descriptions';
import type { SettingsTabProps } from '../SettingsPage';
import { INTENTS, ROUTE_NAMES, type RouteName } from '../types';
import { useDraft } from '../use-draft';
import { usePolicySave } from '../use-settings';

const ROUTE_OPTIONS = ROUTE_NAMES.map((r) => ({ value: r, label: ROUTE_DESCRIPTIONS[r].label }));

export function RoutingTab({ settings }: SettingsTabProps) {
  const [routing, setRouting] = useDraft(settings.policy.routing);
  const [doNotAutomate, setDoNotAutomate] = useDraft(settings.policy.doNotAutomateNumbers);
  const save = usePolicySave('Routing saved.');
  const errorAt = fieldErrorLookup(summarizeError(save.error)?.fields ?? []);

  return (
    <SettingsForm
      onSave={() => save.mutate({ routing, doNotAutomateNumbers: doNotAutomate })}
      saving={save.isPending}
      error={save.error}
      shownInline={(path) => /^(routing\.\w+|doNotAutomateNumbers(\.\d+)?)$/.test(path)}
    >
      <Text size="sm" c="dimmed">
        Every text, voicemail or web message is triaged to one intent. Choose what happens for each.
      </Text>
      {INTENTS.map((intent) => {
        const route = routing[intent];
        return (
          <Paper key={intent} withBorder p="sm">
            <Select
              label={`${INTENT_DESCRIPTIONS[intent].label} messages`}
              description={INTENT_DESCRIPTIONS[intent].explanation}
              data={ROUTE_OPTIONS}
              value={route}
              onChange={(value) => value && setRouting({ ...routing, [intent]: value as RouteName })}
              error={errorAt(`routing.${intent}`)}
              allowDeselect={false}
              renderOption={({ option }) => (
                <div>
                  <Text size="sm">{option.label}</Text>
                  <Text size="xs" c="dimmed">
                    {ROUTE_DESCRIPTIONS[option.value as RouteName].explanation}
                  </Text>
                </div>
              )}
            />
            <Text size="sm" mt={6} data-testid={`route-explanation-${intent}`}>
              {ROUTE_DESCRIPTIONS[route].explanation}
            </Text>
          </Paper>
        );
      })}
      <Divider />
      <Stack gap="xs">
        <Title order={3} size="h4">
          Never automate
        </Title>
        <PhoneListInput
          label="Customers' numbers that get no automated texts"
          description="A person can still text them from the lead thread. Press Enter after each number."
          value={doNotAutomate}
          onChange={setDoNotAutomate}
          error={errorAt('doNotAutomateNumbers')}
        />
      </Stack>
    </SettingsForm>
  );
}
