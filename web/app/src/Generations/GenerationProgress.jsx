// A generation as it renders: the generationUpdated subscription sends where it stands, then every change
// (queue position, percent, ready, failed), from whichever worker renders it. Ready drafts are published or
// withdrawn here.
import { useEffect, useState } from 'preact/hooks';
import { mutate, subscribe } from '../api/client.js';
import { href } from '../api/router.js';
import { words } from '../api/format.js';
import { ErrorNote, Status, useAction } from '../ui/ui.jsx';
import { CANCEL, PUBLISH, UPDATES, WITHDRAW } from './operations.js';

const WORKING = ['QUEUED', 'RENDERING', 'ENCODING'];

export function GenerationProgress({ initial, live = true }) {
  const [generation, setGeneration] = useState(initial);
  const [percent, setPercent] = useState(null);
  const [error, setError] = useState(null);

  useEffect(() => {
    if (!live) return undefined;
    return subscribe(UPDATES, { id: initial.id }, ({ generationUpdated: u }) => {
      if (u.generation) setGeneration(u.generation);
      else setGeneration((g) => ({ ...g, state: u.state, reason: u.reason, queuePosition: u.queuePosition }));
      setPercent(u.percent ?? (u.state === 'READY' ? 100 : null));
    }, setError);
  }, [initial.id]);

  const act = (document, field) => useAction(async () => setGeneration((await mutate(document, { input: { generationId: generation.id } }, field)).generation));
  const publish = act(PUBLISH, 'publishVideo');
  const withdraw = act(WITHDRAW, 'withdrawVideo');
  const cancel = act(CANCEL, 'cancelGeneration');

  const state = generation.state;
  const status = generation.video?.status;
  return (
    <div class="card" data-generation-id={generation.id} data-state={state} data-video-status={status ?? ''}>
      <p class="prompt">“{generation.prompt}”</p>
      {generation.cameos?.length > 0 && <p class="muted">With {generation.cameos.map((c) => (c.handle ? `@${c.handle}` : 'a likeness')).join(', ')}, each under a recorded consent.</p>}
      <Status>
        {state === 'QUEUED' && `Queued${generation.queuePosition ? `: number ${generation.queuePosition} in line` : ''}.`}
        {(state === 'RENDERING' || state === 'ENCODING') && `${words(state)}${percent !== null ? `: ${percent}%` : '…'}`}
        {state === 'READY' && (status === 'DRAFT' ? 'Ready. Only you can see it until you publish it.' : `Ready: ${words(status)}.`)}
        {['FAILED', 'BLOCKED', 'CANCELLED'].includes(state) && `${words(state)}${generation.reason ? `: ${generation.reason}` : ''}${generation.refunded ? ' (refunded)' : ''}.`}
      </Status>
      {WORKING.includes(state) && <progress max={100} value={percent ?? undefined} aria-label="Render progress" />}
      {generation.video?.url && (
        <video src={generation.video.url} poster={generation.video.posterUrl} controls playsInline style="width:100%;max-height:60dvh;background:#000" aria-label="Your video" />
      )}
      {status === 'PENDING_APPROVAL' && <p>A person in it reviews uses of their cameo: it is published once they approve.</p>}
      <ErrorNote error={error ?? publish.error ?? withdraw.error ?? cancel.error} />
      <div class="row">
        {state === 'READY' && status === 'DRAFT' && <button type="button" class="primary" disabled={publish.busy} onClick={() => publish.run()}>Publish</button>}
        {state === 'READY' && status && status !== 'WITHDRAWN' && <button type="button" class="danger" disabled={withdraw.busy} onClick={() => withdraw.run()}>Withdraw</button>}
        {WORKING.includes(state) && <button type="button" disabled={cancel.busy} onClick={() => cancel.run()}>Cancel and refund</button>}
        {generation.video && <a class="button-link" href={href(`/videos/${generation.video.id}`)}>Provenance</a>}
      </div>
    </div>
  );
}
