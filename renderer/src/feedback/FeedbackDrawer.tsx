import { Anchor, Box, Button, Divider, Drawer, Group, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, useState } from 'react';
import {
  FEEDBACK_CATEGORY_LABELS,
  FEEDBACK_SEVERITY_LABELS,
  FEEDBACK_STATUS_LABELS,
  type Feedback,
  type FeedbackComment,
} from '../../../db/api/types';
import { errorMessage } from '../api/errors';
import { orpc } from '../api/query';
import { useCan, useWorkspace } from '../api/workspace';
import { QueryState } from '../components/QueryState';
import { formatDateTime } from '../history/format';
import { INLINE_ERRORS } from '../kit/EntityFormDialog';
import { feedbackTitle } from './queue';

/** Ctrl+Enter (⌘+Enter on a Mac) sends, as in chat and issue trackers; Enter alone is a new line. */
const sends = (e: KeyboardEvent) => e.key === 'Enter' && (e.ctrlKey || e.metaKey);

/** One feedback item: what was reported, its triage, and its comments, newest last, with a box to add one. */
export function FeedbackDrawer({ item, onClose }: { item: Feedback | null; onClose: () => void }) {
  return (
    <Drawer
      opened={item !== null}
      onClose={onClose}
      position="right"
      size={480}
      title={item ? feedbackTitle(item) : ''}
      data-testid="feedback-drawer"
    >
      {item && (
        <Stack gap="md">
          <Facts item={item} />
          <Divider />
          <Comments item={item} />
        </Stack>
      )}
    </Drawer>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Box>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </Box>
  );
}

function Facts({ item }: { item: Feedback }) {
  return (
    <Stack gap={8}>
      <Fact label="What the AI said">{item.aiSaid}</Fact>
      <Fact label="What was right">{item.whatWasRight}</Fact>
      <SimpleGrid cols={2} spacing="md" verticalSpacing={8}>
        <Fact label="Team · initiative">
          {item.team ?? 'A deleted team'} · {item.initiative ?? 'A deleted initiative'}
        </Fact>
        <Fact label="Category · severity">
          {FEEDBACK_CATEGORY_LABELS[item.category]} · {FEEDBACK_SEVERITY_LABELS[item.severity]}
          {item.confidentlyWrong ? ' · confidently wrong' : ''}
        </Fact>
        <Fact label="Status · assignee">
          {FEEDBACK_STATUS_LABELS[item.status]} · {item.assignee ?? 'Unassigned'}
        </Fact>
        <Fact label="Reported">
          {formatDateTime(item.reportedAt)} by {item.reporter ?? 'a removed member'}
        </Fact>
      </SimpleGrid>
      {item.pattern && (
        <Fact label="Failure pattern">
          <Anchor href={`#/patterns/${item.patternId}`} size="sm">
            {item.pattern}
          </Anchor>
        </Fact>
      )}
    </Stack>
  );
}

function Comments({ item }: { item: Feedback }) {
  const comments = useQuery(orpc.feedback.comments.queryOptions({ input: { feedbackId: item.id } }));
  const canComment = useCan('feedback.comment');
  return (
    <Stack gap="sm" data-testid="feedback-comments" data-ready={comments.isSuccess ? 'true' : 'false'}>
      <Text fw={600} size="sm">
        Comments{comments.data && comments.data.length > 0 ? ` (${comments.data.length})` : ''}
      </Text>
      <QueryState query={comments} what="the comments">
        {(list) =>
          list.length === 0 ? (
            <Text size="sm" c="dimmed">
              {canComment
                ? 'No comments yet. Add what you have seen since, or what the model team needs to know.'
                : 'No comments yet. Champions, change managers and whoever triages the initiative add them here.'}
            </Text>
          ) : (
            <Stack gap="sm" role="list" aria-label="Comments">
              {list.map((c) => (
                <CommentItem key={c.id} comment={c} />
              ))}
            </Stack>
          )
        }
      </QueryState>
      {canComment && <AddComment feedbackId={item.id} />}
    </Stack>
  );
}

function CommentItem({ comment }: { comment: FeedbackComment }) {
  const me = useWorkspace().data?.me?.id;
  const [editing, setEditing] = useState<string | null>(null);
  const edit = useMutation(orpc.feedback.editComment.mutationOptions(INLINE_ERRORS));
  const remove = useMutation(orpc.feedback.deleteComment.mutationOptions(INLINE_ERRORS));
  const mine = comment.authorId === me;
  const save = () => {
    if (editing !== null) edit.mutate({ id: comment.id, body: editing }, { onSuccess: () => setEditing(null) });
  };
  return (
    <Box role="listitem" data-testid="feedback-comment">
      <Group gap={6} justify="space-between" wrap="nowrap">
        <Text size="xs" c="dimmed">
          <b>{comment.author ?? 'A removed member'}</b> · {formatDateTime(comment.createdAt)}
          {comment.edited ? ' · edited' : ''}
        </Text>
        {mine && editing === null && (
          <Group gap={4} wrap="nowrap">
            <Button size="compact-xs" variant="subtle" onClick={() => setEditing(comment.body)}>
              Edit
            </Button>
            <Button
              size="compact-xs"
              variant="subtle"
              color="red"
              loading={remove.isPending}
              onClick={() => remove.mutate({ id: comment.id })}
            >
              Delete
            </Button>
          </Group>
        )}
      </Group>
      {editing === null ? (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {comment.body}
        </Text>
      ) : (
        <Stack gap={4} mt={4}>
          <Textarea
            aria-label="Edit comment"
            autosize
            minRows={2}
            value={editing}
            onChange={(e) => setEditing(e.currentTarget.value)}
            onKeyDown={(e) => sends(e) && save()}
            error={edit.error ? errorMessage(edit.error) : undefined}
          />
          <Group gap="xs" justify="flex-end">
            <Button size="compact-sm" variant="default" onClick={() => setEditing(null)}>
              Cancel
            </Button>
            <Button size="compact-sm" loading={edit.isPending} onClick={save}>
              Save
            </Button>
          </Group>
        </Stack>
      )}
      {remove.error && (
        <Text size="xs" c="red" role="alert">
          {errorMessage(remove.error)}
        </Text>
      )}
    </Box>
  );
}

function AddComment({ feedbackId }: { feedbackId: string }) {
  const [body, setBody] = useState('');
  const add = useMutation(orpc.feedback.comment.mutationOptions(INLINE_ERRORS));
  const send = () => {
    if (body.trim() === '' || add.isPending) return;
    add.mutate({ feedbackId, body }, { onSuccess: () => setBody('') });
  };
  return (
    <Stack gap={4}>
      <Textarea
        label="Add a comment"
        description="Ctrl+Enter sends"
        autosize
        minRows={2}
        maxRows={8}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (sends(e)) {
            e.preventDefault();
            send();
          }
        }}
        error={add.error ? errorMessage(add.error) : undefined}
        data-testid="comment-box"
      />
      <Group justify="flex-end">
        <Button size="compact-sm" onClick={send} loading={add.isPending} disabled={body.trim() === ''}>
          Comment
        </Button>
      </Group>
    </Stack>
  );
}
