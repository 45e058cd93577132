/**
 * Texting the customer by hand: a template picker, the message box, the segment count and the send
 * gate's verdict before sending. Send stays disabled while the box is empty, the verdict for the
 * current text is pending, or the gate refuses. Enter sends; Shift+Enter starts a new line.
 * Used by the lead thread and the morning review.
 */
import { Alert, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { GateVerdict } from './GateVerdict';
import { errorMessage, notifyFailure } from './notify';
import { TemplatePicker } from './TemplatePicker';
import { useSendMessage } from './use-lead-actions';
import { useMessagePreview } from './use-message-preview';

interface ComposerProps {
  leadId: string;
  optedOut: boolean;
  /** Called with the body once the server queued the message. */
  onSent?: (body: string) => void;
}

export function Composer({ leadId, optedOut, onSent }: ComposerProps) {
  const [body, setBody] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  /** Bumped after a send: the template picker starts over. */
  const [sentCount, setSentCount] = useState(0);
  const send = useSendMessage(leadId);
  const { preview, error, isCurrent } = useMessagePreview(leadId, body);
  const hasText = body.trim() !== '';
  // A failed check does not block: the server runs the same gate on send and answers 422 if it refuses.
  const gateAllows = isCurrent && (error ? true : preview?.allowed === true);
  const canSend = hasText && gateAllows && !send.isPending;

  function submit(e?: FormEvent) {
    e?.preventDefault();
    if (!canSend) return;
    const sent = body;
    setRefusal(null);
    send.mutate(sent, {
      onSuccess: () => {
        setBody('');
        setSentCount((n) => n + 1);
        onSent?.(sent);
      },
      onError: (err) => {
        if (err instanceof ApiError && err.status === 422) setRefusal(errorMessage(err));
        notifyFailure('Message not sent', err);
      },
    });
  }

  return (
    <form onSubmit={submit}>
      <Stack gap="xs">
        <TemplatePicker
          key={sentCount}
          leadId={leadId}
          onPick={(text) => {
            setBody(text);
            setRefusal(null);
          }}
        />
        <Textarea
          label="Message"
          placeholder={optedOut ? 'This customer opted out of texts' : 'Write a text to the customer'}
          autosize
          minRows={3}
          maxRows={10}
          value={body}
          onChange={(e) => {
            setBody(e.currentTarget.value);
            setRefusal(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              submit();
            }
          }}
          description="Enter sends, Shift+Enter starts a new line"
        />
        <GateVerdict hasText={hasText} optedOut={optedOut} preview={preview} isCurrent={isCurrent} error={error} />
        {refusal ? (
          <Alert color="red" role="alert" title="Not sent">
            {refusal}
          </Alert>
        ) : null}
        <Group justify="space-between" wrap="nowrap">
          <Text size="xs" c="dimmed" data-testid="segment-count">
            {hasText && preview && isCurrent
              ? `${preview.segments.count} segment${preview.segments.count === 1 ? '' : 's'} · ${preview.segments.characters} characters · ${preview.segments.encoding}`
              : '\u00a0'}
          </Text>
          <Button type="submit" disabled={!canSend} loading={send.isPending} leftSection={<IconSend size={16} aria-hidden />}>
            Send
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
