/** `/leads/:id`: one recovery thread. The header and timeline beside (or, on phones, above) the actions. */
import { Alert, Anchor, Center, Grid, Loader, Stack, Text } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client';
import { BookingPanel } from './BookingPanel';
import { IntegrationsPanel } from './IntegrationsPanel';
import { LeadActionsPanel } from './LeadActionsPanel';
import { LeadHeader } from './LeadHeader';
import { LeadTimeline } from './LeadTimeline';
import { errorMessage } from './notify';
import { useLead } from './use-lead';
import { useTeamMembers } from './use-team-members';

export function LeadPage() {
  const { id } = useParams<{ id: string }>();
  const lead = useLead(id);
  const { names } = useTeamMembers();

  const back = (
    <Anchor component={Link} to="/" size="sm">
      <IconArrowLeft size={14} aria-hidden style={{ verticalAlign: 'middle', marginRight: 4 }} />
      Back to the queue
    </Anchor>
  );

  if (lead.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading the lead" />
      </Center>
    );
  }
  if (!lead.data) {
    const notFound = lead.error instanceof ApiError && lead.error.status === 404;
    return (
      <Stack>
        {back}
        <Alert color={notFound ? 'gray' : 'red'} title={notFound ? 'Lead not found' : 'Could not load the lead'}>
          {notFound ? 'This lead does not exist in this organization, or you cannot see it.' : errorMessage(lead.error)}
        </Alert>
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      {back}
      <LeadHeader lead={lead.data} names={names} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Text component="h3" fw={700} mb="xs">
            Timeline
          </Text>
          <LeadTimeline lead={lead.data} names={names} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <BookingPanel lead={lead.data} />
            <IntegrationsPanel lead={lead.data} />
            <LeadActionsPanel lead={lead.data} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
