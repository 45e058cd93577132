/**
 * `/review`: the guided morning review. The list is snapshotted when the review starts; the person
 * goes through it one lead at a time (Skip / Next lead) and ends on a summary of what was done.
 */
import { Alert, Button, Center, Loader, Stack, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { ReviewItem } from '../api/types';
import { errorMessage } from '../lead/notify';
import { useSession } from '../session';
import { ReviewCard } from './ReviewCard';
import { ReviewProgress } from './ReviewProgress';
import { completeLead, loadReviewSession, saveReviewSession, skipLead, startReview, type ReviewSession } from './review-session';
import { ReviewSummary } from './ReviewSummary';

export function ReviewPage() {
  const { can, me } = useSession();
  if (!can('review:run')) {
    return (
      <Alert color="gray" title="Morning review">
        You don&apos;t have access to the morning review.
      </Alert>
    );
  }
  return <ReviewRun key={me.activeOrganizationId} organizationId={me.activeOrganizationId} />;
}

function ReviewRun({ organizationId }: { organizationId: string }) {
  const queryClient = useQueryClient();
  const [session, setSession] = useState<ReviewSession | null>(() => loadReviewSession(organizationId));
  const list = useQuery({
    queryKey: ['review'],
    queryFn: () => api.get<ReviewItem[]>('/api/v1/review'),
    enabled: session === null,
    staleTime: 0,
    gcTime: 0,
  });

  useEffect(() => {
    if (session === null && list.data && !list.isFetching) setSession(startReview(list.data));
  }, [session, list.data, list.isFetching]);
  useEffect(() => saveReviewSession(organizationId, session), [organizationId, session]);

  function restart() {
    queryClient.removeQueries({ queryKey: ['review'] });
    setSession(null);
  }

  if (!session) {
    if (list.isError) {
      return (
        <Alert color="red" title="Could not load the review">
          {errorMessage(list.error)}
          <Button mt="sm" size="xs" variant="light" onClick={() => void list.refetch()}>
            Try again
          </Button>
        </Alert>
      );
    }
    return (
      <Center py="xl">
        <Loader aria-label="Loading the review" />
      </Center>
    );
  }

  const total = session.items.length;
  const item = session.items[session.index];
  return (
    <Stack gap="md" maw={760}>
      <Title order={2}>Morning review</Title>
      <ReviewProgress done={session.index} total={total} />
      {item ? (
        <ReviewCard
          key={`${session.index}:${item.leadId}`}
          item={item}
          position={session.index + 1}
          total={total}
          onNext={(result) => setSession((s) => (s ? completeLead(s, result) : s))}
          onSkip={() => setSession((s) => (s ? skipLead(s) : s))}
        />
      ) : (
        <ReviewSummary tally={session.tally} total={total} onRestart={restart} />
      )}
    </Stack>
  );
}
