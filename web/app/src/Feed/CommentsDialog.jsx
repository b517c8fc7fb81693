// A video's comments: read them, add one, delete your own (or any, on your video).
import { useState } from 'preact/hooks';
import { gql, mutate, requestId, session } from '../api/client.js';
import { when } from '../api/format.js';
import { Dialog, ErrorNote, Field, useAction, useLoad, Loading } from '../ui/ui.jsx';
import { COMMENT, COMMENTS, DELETE_COMMENT } from './operations.js';

export function CommentsDialog({ open, onClose, video, onCount }) {
  return (
    <Dialog title="Comments" open={open} onClose={onClose}>
      <CommentList video={video} onCount={onCount} />
    </Dialog>
  );
}

function CommentList({ video, onCount }) {
  const [extra, setExtra] = useState([]);
  const [removed, setRemoved] = useState(new Set());
  const [text, setText] = useState('');
  const list = useLoad(async () => (await gql(COMMENTS, { id: video.id, first: 20 })).video.comments, [video.id]);
  const post = useAction(async () => {
    const payload = await mutate(COMMENT, { input: { videoId: video.id, text, clientRequestId: requestId() } }, 'comment');
    setExtra((e) => [payload.comment, ...e]);
    if (payload.video) onCount(payload.video.stats.comments);
    setText('');
  });
  const remove = useAction(async (id) => {
    await mutate(DELETE_COMMENT, { input: { commentId: id } }, 'deleteComment');
    setRemoved((r) => new Set([...r, id]));
  });
  const comments = [...extra, ...(list.data?.edges.map((e) => e.node) ?? [])].filter((c) => !removed.has(c.id));
  return (
    <>
      {session.get() && (
        <form onSubmit={(e) => { e.preventDefault(); post.run(); }}>
          <Field label="Add a comment" hint="Plain text, at most 500 characters.">
            {(a) => <textarea {...a} maxLength={500} required value={text} onInput={(e) => setText(e.currentTarget.value)} />}
          </Field>
          <ErrorNote error={post.error} />
          <button type="submit" class="primary" disabled={post.busy || !text.trim()}>Post</button>
        </form>
      )}
      {list.loading && <Loading />}
      <ErrorNote error={list.error ?? remove.error} />
      {!list.loading && comments.length === 0 && <p class="muted">No comments yet.</p>}
      <ul class="plain">
        {comments.map((c) => (
          <li key={c.id}>
            <strong>@{c.author?.handle ?? 'deleted account'}</strong> <span class="muted">{when(c.postedAt)}</span>
            <p>{c.text}</p>
            {c.viewerCanDelete && <button type="button" onClick={() => remove.run(c.id)}>Delete</button>}
          </li>
        ))}
      </ul>
    </>
  );
}
