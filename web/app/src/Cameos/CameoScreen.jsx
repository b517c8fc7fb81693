// My cameo: verify a likeness (record in the browser or upload), then decide who may use it, and see and
// manage every use of it. The owner sees everything (DESIGN §4.3), drafts included.
import { useEffect, useState } from 'preact/hooks';
import { gql, mutate } from '../api/client.js';
import { when, words } from '../api/format.js';
import { ErrorNote, Loading, Screen, Status, useAction, useLoad } from '../ui/ui.jsx';
import { CAMEO, MY_CAMEOS, START } from './operations.js';
import { Verification } from './Verification.jsx';
import { ConsentSettings } from './ConsentSettings.jsx';
import { Usages } from './Usages.jsx';

export function CameoScreen() {
  const list = useLoad(async () => (await gql(MY_CAMEOS)).myCameos.edges.map((e) => e.node).filter((c) => c.status !== 'DELETED'), []);
  const [cameo, setCameo] = useState(null);
  const [upload, setUpload] = useState(null);
  useEffect(() => {
    if (list.data && !cameo) setCameo(list.data[0] ?? null);
  }, [list.data]);

  const start = useAction(async () => {
    const payload = await mutate(START, { input: { cameoId: cameo?.id ?? null } }, 'startCameoVerification');
    setCameo(payload.cameo);
    setUpload({ ...payload.upload, instructions: payload.instructions });
  });

  // While the worker verifies, the cameo is read again with a growing pause (no push exists for the outcome).
  useEffect(() => {
    if (cameo?.status !== 'VERIFYING') return undefined;
    let live = true;
    let pause = 1000;
    const poll = async () => {
      if (!live) return;
      try {
        const { cameo: now } = await gql(CAMEO, { id: cameo.id });
        if (!live) return;
        if (now.status !== 'VERIFYING') { setCameo(now); setUpload(null); return; }
      } catch { /* the next try says more */ }
      pause = Math.min(pause * 1.5, 5000);
      timer = setTimeout(poll, pause);
    };
    let timer = setTimeout(poll, pause);
    return () => { live = false; clearTimeout(timer); };
  }, [cameo?.id, cameo?.status]);

  if (list.loading && !cameo) return <Screen title="My cameo"><Loading /></Screen>;
  return (
    <Screen title="My cameo">
      <ErrorNote error={list.error ?? start.error} />
      {!cameo && (
        <div class="card">
          <p>A cameo is your verified likeness. Others can put you in their videos only as you allow, and you can take any use down.</p>
          <button type="button" class="primary" disabled={start.busy} onClick={() => start.run()}>Create my cameo</button>
        </div>
      )}
      {cameo && <Outcome cameo={cameo} />}
      {cameo && (upload || cameo.status === 'AWAITING_RECORDING' || cameo.status === 'FAILED') && cameo.status !== 'VERIFYING' && (
        upload ? <Verification cameo={cameo} upload={upload} onUploaded={() => setCameo({ ...cameo, status: 'VERIFYING' })} />
          : <button type="button" class="primary" disabled={start.busy} onClick={() => start.run()}>{cameo.status === 'FAILED' ? 'Record again' : 'Record my cameo'}</button>
      )}
      {cameo?.status === 'VERIFIED' && !upload && <button type="button" disabled={start.busy} onClick={() => start.run()}>Re-record</button>}
      {cameo?.status === 'VERIFIED' && <ConsentSettings cameo={cameo} onChange={setCameo} />}
      {cameo && cameo.status !== 'AWAITING_RECORDING' && <Usages cameoId={cameo.id} />}
    </Screen>
  );
}

function Outcome({ cameo }) {
  const text = {
    AWAITING_RECORDING: 'Waiting for your recording.',
    VERIFYING: 'Checking your recording: your face, your voice reading the phrase, and that it is live…',
    VERIFIED: `Verified${cameo.verifiedAt ? ` ${when(cameo.verifiedAt)}` : ''}.`,
    FAILED: `Not verified${cameo.failureReason ? `: ${words(cameo.failureReason)}` : ''}.`,
  }[cameo.status] ?? words(cameo.status);
  const badge = { VERIFIED: 'good', FAILED: 'bad', VERIFYING: 'wait', AWAITING_RECORDING: 'wait' }[cameo.status];
  return (
    <div class="card" data-cameo-status={cameo.status}>
      <p>
        <span class={`badge ${badge ?? ''}`}>{words(cameo.status)}</span> {text}
      </p>
      {cameo.status === 'VERIFIED' && (
        <p class="muted">
          {cameo.active ? 'Active' : 'Deactivated: no new use is accepted'} · used {cameo.uses} {cameo.uses === 1 ? 'time' : 'times'} · attempt {cameo.attempts}
        </p>
      )}
      {cameo.status === 'VERIFYING' && <Status>Verifying…</Status>}
    </div>
  );
}
