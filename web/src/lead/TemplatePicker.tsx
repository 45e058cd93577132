/** Picks a message template (grouped English / Español); the composer puts its body in the box. */
import { Select } from '@mantine/core';
import { useState } from 'react';
import type { MessageTemplate } from '../api/types';
import { useTemplates } from './use-templates';

const GROUPS: Array<{ language: MessageTemplate['language']; group: string }> = [
  { language: 'en', group: 'English' },
  { language: 'es', group: 'Español' },
];

export function TemplatePicker({ leadId, onPick }: { leadId: string; onPick: (body: string) => void }) {
  const templates = useTemplates(leadId);
  const [value, setValue] = useState<string | null>(null);
  const list = templates.data ?? [];
  const data = GROUPS.map(({ language, group }) => ({
    group,
    items: list.filter((t) => t.language === language).map((t) => ({ value: t.id, label: t.label })),
  })).filter((g) => g.items.length > 0);

  return (
    <Select
      label="Template"
      placeholder={templates.isPending ? 'Loading templates…' : list.length ? 'Start from a template' : 'No templates'}
      data={data}
      value={value}
      disabled={list.length === 0}
      searchable
      clearable
      nothingFoundMessage="No template matches"
      comboboxProps={{ withinPortal: true }}
      onChange={(id) => {
        setValue(id);
        const template = list.find((t) => t.id === id);
        if (template) onPick(template.body);
      }}
    />
  );
}
