import { SimpleGrid } from '@mantine/core';
import { IntegerInput } from '../components/IntegerInput';
import type { OrganizationPolicy } from '../types';

/** The follow-up numbers a cadence screen also sets. */
export type FollowUpLimits = Pick<OrganizationPolicy, 'callbackDueMinutes' | 'automatedMessagesPer24h' | 'quietHoursReplyMinutes'>;

interface FollowUpLimitsFieldsProps {
  limits: FollowUpLimits;
  onChange: (limits: FollowUpLimits) => void;
  errorAt: (path: string) => string | undefined;
}

/** Call-back due time, the automated-message cap and the quiet-hours reply window. */
export function FollowUpLimitsFields({ limits, onChange, errorAt }: FollowUpLimitsFieldsProps) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
      <IntegerInput
        label="Call-back due after (minutes)"
        description="When the call-back task of a missed call is due."
        min={0}
        max={24 * 60}
        value={limits.callbackDueMinutes}
        onChange={(callbackDueMinutes) => onChange({ ...limits, callbackDueMinutes })}
        error={errorAt('callbackDueMinutes')}
      />
      <IntegerInput
        label="Automated texts per 24 h"
        description="Per customer, at most 3 (FL, OK and MD cap texts on one subject at 3 a day)."
        min={0}
        max={3}
        value={limits.automatedMessagesPer24h}
        onChange={(automatedMessagesPer24h) => onChange({ ...limits, automatedMessagesPer24h })}
        error={errorAt('automatedMessagesPer24h')}
      />
      <IntegerInput
        label="Quiet-hours reply window (minutes)"
        description="A reply this soon after the customer's own call or text may go out in their quiet hours (0 = never)."
        min={0}
        max={60}
        value={limits.quietHoursReplyMinutes}
        onChange={(quietHoursReplyMinutes) => onChange({ ...limits, quietHoursReplyMinutes })}
        error={errorAt('quietHoursReplyMinutes')}
      />
    </SimpleGrid>
  );
}
