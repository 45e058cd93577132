/** Click-to-call: the provider rings the person's phone, then bridges the customer. */
import { Button } from '@mantine/core';
import { IconPhoneCall } from '@tabler/icons-react';
import { useCallCustomer } from './use-lead-actions';

export function CallCustomerButton({ leadId, onCalled }: { leadId: string; onCalled?: () => void }) {
  const call = useCallCustomer(leadId);
  return (
    <Button leftSection={<IconPhoneCall size={16} aria-hidden />} loading={call.isPending} onClick={() => call.mutate(undefined, { onSuccess: () => onCalled?.() })}>
      Call customer
    </Button>
  );
}
