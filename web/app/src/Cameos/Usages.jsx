// Every use of my likeness, drafts included, with the right that allowed it and its receipt; uses waiting for
// approval are approved or declined here, and any use can be removed. cameoActivity pushes new uses live.
import { useEffect, useState } from 'preact/hooks';
import { gql, mutate, subscribe } from '../api/client.js';
import { href } from '../api/router.js';
import { shortHash, when, words } from '../api/format.js';
import { ErrorNote, Loading, Status, useAction, useLoad } from '../ui/ui.jsx';
import { ACTIVITY, APPROVE_USE, DECLINE_USE, REMOVE_USE, USAGES } from './operations.js';

const PATHS = { MENTION: 'an @mention', INPUT_IMAGE: 'a face in an uploaded image', REMIX_SOURCE: 'a face in a remixed video', INHERITED: 'a remix of a video you are in' };

export function Usages({ cameoId }) {
  const [pages, setPages] = useState([]);
  const [note, setNote] = useState('');
  const first = useLoad(async () => (await gql(USAGES, { id: cameoId, first: 20 })).cameo.usages, [cameoId]);
  useEffect(() => subscribe(ACTIVITY, {}, ({ cameoActivity }) => {
    if (cameoActivity.cameoId !== cameoId) return;
    setPages([]);
    first.reload();
    setNote(`${words(cameoActivity.kind)}: the list is up to date.`);
  }), [cameoId]);
  const act = (document, field, message) => useAction(async (useId) => {
    await mutate(document, { input: { cameoId, useId } }, field);
    setPages([]);
    await first.reload();
    setNote(message);
  });
  const approve = act(APPROVE_USE, 'approveCameoUse', 'Approved: the video can be published.');
  const decline = act(DECLINE_USE, 'declineCameoUse', 'Declined: the video is withdrawn.');
  const remove = act(REMOVE_USE, 'removeCameoUse', 'Removed: the video is taken down everywhere.');
  const all = [first.data, ...pages].filter(Boolean);
  const last = all[all.length - 1];
  const uses = all.flatMap((p) => p.edges.map((e) => e.node));
  return (
    <div class="card" aria-labelledby="uses-title">
      <h2 id="uses-title">Uses of my likeness</h2>
      <Status>{note}</Status>
      <ErrorNote error={first.error ?? approve.error ?? decline.error ?? remove.error} />
      {first.loading && !first.data && <Loading />}
      {first.data && uses.length === 0 && <p class="muted">Nobody has used your cameo yet.</p>}
      <ul class="plain" data-testid="usages">
        {uses.map((u) => (
          <li key={u.id} data-use-id={u.id} data-status={u.status} data-requester={u.requester?.handle}>
            <p>
              <strong>@{u.requester?.handle ?? 'deleted account'}</strong> used it through {PATHS[u.path] ?? words(u.path)}, {when(u.at)} ·{' '}
              <span class={`badge ${u.status === 'ACTIVE' ? 'good' : u.status === 'WITHDRAWN' ? 'bad' : 'wait'}`}>{words(u.status)}</span>
              {u.withdrawnReason && <span class="muted"> ({words(u.withdrawnReason)})</span>}
            </p>
            {u.video && (
              <p>
                <a href={href(`/videos/${u.video.id}`)}>“{u.video.prompt}”</a> <span class="muted">({words(u.video.status)})</span>
              </p>
            )}
            <p class="muted">
              Allowed by {u.right === 'GRANT' ? 'a grant' : u.right === 'OWNER' ? 'you' : `the audience ${words(u.audience)} (version ${u.audienceVersion})`} · receipt <span class="mono">{shortHash(u.receiptHash)}</span>
            </p>
            <div class="row">
              {u.status === 'PENDING_APPROVAL' && <button type="button" class="primary" onClick={() => approve.run(u.id)}>Approve</button>}
              {u.status === 'PENDING_APPROVAL' && <button type="button" onClick={() => decline.run(u.id)}>Decline</button>}
              {u.status !== 'WITHDRAWN' && <button type="button" class="danger" onClick={() => remove.run(u.id)}>Remove</button>}
            </div>
          </li>
        ))}
      </ul>
      {last?.pageInfo.hasNextPage && <button type="button" onClick={async () => setPages([...pages, (await gql(USAGES, { id: cameoId, first: 20, after: last.pageInfo.endCursor })).cameo.usages])}>Load more</button>}
    </div>
  );
}
