import { SimpleGrid, TextInput } from '@mantine/core';
import type { OnCallPerson } from '../types';

interface PersonFieldsProps {
  person: OnCallPerson;
  onChange: (person: OnCallPerson) => void;
  /** Prefix of the accessible names, e.g. "Shift 1" → "Shift 1: Name". */
  who: string;
  /** Field problem under the person's path (`name`, `phoneE164`). */
  errorAt: (field: string) => string | undefined;
}

/** A person who can be paged: name and mobile number. */
export function PersonFields({ person, onChange, who, errorAt }: PersonFieldsProps) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
      <TextInput
        label="Name"
        aria-label={`${who}: Name`}
        value={person.name}
        onChange={(e) => onChange({ ...person, name: e.currentTarget.value })}
        error={errorAt('name')}
        maxLength={80}
        required
      />
      <TextInput
        label="Mobile phone"
        aria-label={`${who}: Mobile phone`}
        type="tel"
        placeholder="+1 512 555 0100"
        value={person.phoneE164}
        onChange={(e) => onChange({ ...person, phoneE164: e.currentTarget.value })}
        error={errorAt('phoneE164')}
        required
      />
    </SimpleGrid>
  );
}
