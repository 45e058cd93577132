/**
 * Templates: every message template in English and Spanish side by side. A blank Spanish template
 * falls back to the English one, so only filled-in Spanish templates are sent.
 */
import { Code, Group, Paper, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { SettingsForm } from '../components/SettingsForm';
import { fieldErrorLookup, summarizeError } from '../problem-details';
import type { SettingsTabProps } from '../SettingsPage';
import { TEMPLATE_CATALOGUE, TEMPLATE_VARIABLES } from '../templates/template-catalogue';
import type { OrganizationPolicy } from '../types';
import { useDraft } from '../use-draft';
import { usePolicySave } from '../use-settings';

/** The server's limit per template (four SMS segments). */
const MAX_TEMPLATE_LENGTH = 640;

export function TemplatesTab({ settings }: SettingsTabProps) {
  const [templates, setTemplates] = useDraft(settings.policy.templates);
  const [templatesEs, setTemplatesEs] = useDraft(settings.policy.templatesEs);
  const save = usePolicySave('Templates saved.');
  const errorAt = fieldErrorLookup(summarizeError(save.error)?.fields ?? []);

  const known = new Set<string>(TEMPLATE_CATALOGUE.map((t) => t.name));
  const entries = [
    ...TEMPLATE_CATALOGUE,
    // Templates the server holds that this screen has no words for yet.
    ...Object.keys(templates)
      .filter((name) => !known.has(name))
      .map((name) => ({ name, label: name, description: '' })),
  ];

  const onSave = () => {
    const es = Object.fromEntries(Object.entries(templatesEs).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== ''));
    save.mutate({ templates, templatesEs: es as OrganizationPolicy['templatesEs'] });
  };

  return (
    <SettingsForm onSave={onSave} saving={save.isPending} error={save.error} shownInline={(path) => /^templates(Es)?\.\w+$/.test(path)}>
      <Paper withBorder p="sm">
        <Text size="sm" fw={500}>
          Variables you can use
        </Text>
        <Stack gap={2} mt={4}>
          {TEMPLATE_VARIABLES.map((v) => (
            <Group key={v.variable} gap="xs" wrap="nowrap">
              <Code>{v.variable}</Code>
              <Text size="sm">{v.meaning}</Text>
            </Group>
          ))}
        </Stack>
        <Text size="sm" c="dimmed" mt="xs">
          Spanish templates go to customers who write in Spanish; a blank one sends the English text.
        </Text>
      </Paper>
      {entries.map(({ name, label, description }) => {
        const en = templates[name] ?? '';
        const es = templatesEs[name] ?? '';
        return (
          <Stack key={name} gap="xs">
            <div>
              <Title order={3} size="h5">
                {label}
              </Title>
              {description && (
                <Text size="sm" c="dimmed">
                  {description}
                </Text>
              )}
            </div>
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
              <Textarea
                label={`${label} (English)`}
                description={`${en.length} characters`}
                value={en}
                onChange={(e) => setTemplates({ ...templates, [name]: e.currentTarget.value })}
                error={errorAt(`templates.${name}`)}
                autosize
                minRows={3}
                maxLength={MAX_TEMPLATE_LENGTH}
                required
              />
              <Textarea
                label={`${label} (Spanish)`}
                description={es ? `${es.length} characters` : 'Blank: the English text is sent'}
                value={es}
                onChange={(e) => setTemplatesEs({ ...templatesEs, [name]: e.currentTarget.value })}
                error={errorAt(`templatesEs.${name}`)}
                autosize
                minRows={3}
                maxLength={MAX_TEMPLATE_LENGTH}
                lang="es"
              />
            </SimpleGrid>
          </Stack>
        );
      })}
    </SettingsForm>
  );
}
