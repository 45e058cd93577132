/** On phones the filters fold away behind one button, so the queue itself comes first. */
import { Button } from '@mantine/core';
import { IconFilter } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';

export function QueueFiltersToggle({ activeCount, children }: { activeCount: number; children: ReactNode }) {
  const [open, setOpen] = useState(activeCount > 0);
  return (
    <div>
      <Button
        variant="light"
        size="xs"
        leftSection={<IconFilter size={14} aria-hidden />}
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        mb={open ? 'xs' : 0}
      >
        {open ? 'Hide filters' : activeCount > 0 ? `Filters (${activeCount})` : 'Filters'}
      </Button>
      {open ? children : null}
    </div>
  );
}
