import { TagsInput, type TagsInputProps } from '@mantine/core';

interface PhoneListInputProps extends Omit<TagsInputProps, 'value' | 'onChange' | 'splitChars'> {
  value: string[];
  onChange: (value: string[]) => void;
}

/**
 * A list of phone numbers typed one after another (Enter, comma or semicolon between them). The
 * server normalizes each to E.164 and reports the ones it cannot read, by position.
 */
export function PhoneListInput({ value, onChange, ...props }: PhoneListInputProps) {
  return (
    <TagsInput
      placeholder="+1 512 555 0100"
      {...props}
      value={value}
      splitChars={[',', ';']}
      onChange={(next) => onChange(next.map((n) => n.trim()).filter((n) => n.length > 0))}
      clearable
    />
  );
}
