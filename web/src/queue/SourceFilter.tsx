/** Free-text filter on lead source or number; applied after a pause in typing, or at once on Enter. */
import { TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useEffect, useState } from 'react';

const COMMIT_AFTER_MS = 400;

export function SourceFilter({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const [text, setText] = useState(value);
  const commit = useDebouncedCallback((v: string) => onChange(v.trim()), COMMIT_AFTER_MS);

  // The URL changed from elsewhere (cleared, back button): show it.
  useEffect(() => {
    setText((current) => (current.trim() === value ? current : value));
  }, [value]);

  return (
    <TextInput
      label="Source"
      placeholder="Lead source or number"
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        commit(e.currentTarget.value);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          onChange(text.trim());
        }
      }}
    />
  );
}
