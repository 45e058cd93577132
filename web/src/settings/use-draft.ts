import { useState, type Dispatch, type SetStateAction } from 'react';

/**
 * A form's editable copy of `source` (server data). It starts as `source` and starts over whenever the
 * server's value changes (TanStack Query keeps an unchanged value's reference across refetches, so a
 * refetch of the same data keeps the person's edits). This is React's "adjust state when a prop
 * changes" pattern, done during render rather than in an effect.
 */
export function useDraft<T>(source: T): [T, Dispatch<SetStateAction<T>>] {
  const [draft, setDraft] = useState(source);
  const [seen, setSeen] = useState(source);
  if (seen !== source) {
    setSeen(source);
    setDraft(source);
  }
  return [draft, setDraft];
}
