// Who may use my cameo: the audience, grants to named people, blocks, free-text restrictions, approval mode,
// and switching it off or deleting it. Each control is one mutation, answered with the cameo as it now stands.
import { useState } from 'preact/hooks';
import { mutate, session } from '../api/client.js';
import { findAccount } from '../Accounts/findAccount.js';
import { when, words } from '../api/format.js';
import { Dialog, ErrorNote, Field, Status, useAction } from '../ui/ui.jsx';
import { APPROVAL, BLOCK, DEACTIVATE, DELETE, GRANT, REACTIVATE, RESTRICT, REVOKE, SET_AUDIENCE, UNBLOCK } from './operations.js';

const AUDIENCES = {
  ONLY_ME: 'Only me',
  APPROVED: 'People I grant, one by one',
  MUTUALS: 'People I follow who follow me',
  EVERYONE: 'Everyone (except people I block)',
};

async function accountId(handle) {
  return (await findAccount(handle)).id;
}

export function ConsentSettings({ cameo, onChange }) {
  const [note, setNote] = useState('');
  const change = (document, field, message) => useAction(async (input) => {
    const payload = await mutate(document, { input: { cameoId: cameo.id, ...input } }, field);
    onChange(payload.cameo);
    setNote(message);
    return true;
  });
  const audience = change(SET_AUDIENCE, 'setCameoAudience', 'Audience saved.');
  const grant = change(GRANT, 'grantCameoAccess', 'Access granted.');
  const revoke = change(REVOKE, 'revokeCameoGrant', 'Grant revoked: every video made under it is taken down.');
  const block = change(BLOCK, 'blockFromCameo', 'Blocked.');
  const unblock = change(UNBLOCK, 'unblockFromCameo', 'Unblocked.');
  const restrict = change(RESTRICT, 'setCameoRestrictions', 'Restrictions saved.');
  const approval = change(APPROVAL, 'setCameoApprovalMode', 'Approval mode saved.');
  const deactivate = change(DEACTIVATE, 'deactivateCameo', 'Deactivated: no new use is accepted.');
  const reactivate = change(REACTIVATE, 'reactivateCameo', 'Active again.');
  const remove = change(DELETE, 'deleteCameo', 'Deleted.');
  const error = [audience, grant, revoke, block, unblock, restrict, approval, deactivate, reactivate, remove].map((a) => a.error).find(Boolean);

  const [grantee, setGrantee] = useState('');
  const [expires, setExpires] = useState('');
  const [maxUses, setMaxUses] = useState('');
  const [blockHandle, setBlockHandle] = useState('');
  const [rules, setRules] = useState(cameo.restrictions.join('\n'));
  const [confirmDelete, setConfirmDelete] = useState(false);
  const grants = cameo.grants.edges.map((e) => e.node);
  const blocked = cameo.blocked.edges.map((e) => e.node);

  return (
    <div class="card" aria-labelledby="consent-title">
      <h2 id="consent-title">Who may use my cameo</h2>
      <Status>{note}</Status>
      <ErrorNote error={error} />
      {session.get()?.isTeen && <p class="muted">As a teen, a linked parent co-signs new grants and a wider audience.</p>}
      {cameo.pendingChanges.length > 0 && (
        <ul aria-label="Waiting for a parent">
          {cameo.pendingChanges.map((p) => <li key={p.id}>Waiting for a parent: {p.audience ? `audience ${AUDIENCES[p.audience]}` : `a grant to @${p.grantee?.handle}`} ({when(p.proposedAt)})</li>)}
        </ul>
      )}

      <Field label="Audience" hint="On top of it, grants add people and blocks remove them.">
        {(a) => (
          <select {...a} value={cameo.audience} onChange={(e) => audience.run({ audience: e.currentTarget.value })} disabled={audience.busy}>
            {Object.entries(AUDIENCES).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
        )}
      </Field>

      <h3>Grants</h3>
      {grants.length === 0 && <p class="muted">Nobody has a grant.</p>}
      <ul class="plain" aria-label="Grants">
        {grants.map((g) => (
          <li key={g.id} class="row" data-grantee={g.grantee?.handle}>
            <span class="grow">
              <strong>@{g.grantee?.handle ?? 'deleted account'}</strong> · {g.valid ? <span class="badge good">Valid</span> : <span class="badge bad">{g.revokedAt ? 'Revoked' : 'Ended'}</span>}
              <span class="muted"> used {g.uses}{g.maxUses ? ` of ${g.maxUses}` : ''}{g.expiresAt ? ` · until ${when(g.expiresAt)}` : ''}</span>
            </span>
            {g.valid && <button type="button" class="danger" onClick={() => revoke.run({ grantId: g.id })} disabled={revoke.busy}>Revoke @{g.grantee?.handle}</button>}
          </li>
        ))}
      </ul>
      <form class="row" aria-label="Grant access" onSubmit={async (e) => { e.preventDefault(); const id = await accountId(grantee).catch((x) => (grant.setError(x), null)); if (id && await grant.run({ accountId: id, expiresAt: expires ? new Date(expires).toISOString() : null, maxUses: maxUses ? Number(maxUses) : null })) setGrantee(''); }}>
        <div class="grow"><Field label="Grant to (handle)">{(a) => <input {...a} name="grantee" required value={grantee} onInput={(e) => setGrantee(e.currentTarget.value)} />}</Field></div>
        <div><Field label="Until (optional)">{(a) => <input {...a} type="datetime-local" value={expires} onInput={(e) => setExpires(e.currentTarget.value)} />}</Field></div>
        <div><Field label="Uses (optional)">{(a) => <input {...a} type="number" min={1} max={1000} value={maxUses} onInput={(e) => setMaxUses(e.currentTarget.value)} />}</Field></div>
        <button type="submit" disabled={grant.busy}>Grant</button>
      </form>

      <h3>Blocked</h3>
      {blocked.length === 0 && <p class="muted">Nobody is blocked.</p>}
      <ul class="plain" aria-label="Blocked accounts">
        {blocked.map((b) => (
          <li key={b.id} class="row"><span class="grow">@{b.handle}</span><button type="button" onClick={() => unblock.run({ accountId: b.id })}>Unblock @{b.handle}</button></li>
        ))}
      </ul>
      <form class="row" aria-label="Block someone" onSubmit={async (e) => { e.preventDefault(); const id = await accountId(blockHandle).catch((x) => (block.setError(x), null)); if (id && await block.run({ accountId: id })) setBlockHandle(''); }}>
        <div class="grow"><Field label="Block (handle)" hint="Refused even under Everyone; their grants end.">{(a) => <input {...a} name="block" required value={blockHandle} onInput={(e) => setBlockHandle(e.currentTarget.value)} />}</Field></div>
        <button type="submit" disabled={block.busy}>Block</button>
      </form>

      <h3>Restrictions</h3>
      <form onSubmit={(e) => { e.preventDefault(); restrict.run({ rules: rules.split('\n').map((r) => r.trim()).filter(Boolean) }); }}>
        <Field label="Rules, one per line" hint='Checked against every prompt, e.g. "no political content".'>
          {(a) => <textarea {...a} value={rules} onInput={(e) => setRules(e.currentTarget.value)} />}
        </Field>
        <button type="submit" disabled={restrict.busy}>Save restrictions</button>
      </form>

      <h3>Approval</h3>
      <label class="row">
        <input type="checkbox" style="width:auto" checked={cameo.approvalRequired} onChange={(e) => approval.run({ required: e.currentTarget.checked })} />
        Videos by others using my cameo wait for my approval before they are published
      </label>

      <h3>Switch off</h3>
      <div class="row">
        {cameo.active
          ? <button type="button" onClick={() => deactivate.run({})}>Deactivate (stop every new use)</button>
          : <button type="button" onClick={() => reactivate.run({})}>Reactivate</button>}
        <button type="button" class="danger" onClick={() => setConfirmDelete(true)}>Delete my cameo…</button>
      </div>
      <Dialog title="Delete your cameo?" open={confirmDelete} onClose={() => setConfirmDelete(false)}>
        <p>The recording and face template become unreadable for good, and every video using your cameo is withdrawn. The history keeps that you deleted it.</p>
        <div class="row">
          <button type="button" class="danger" onClick={async () => { await remove.run({}); setConfirmDelete(false); }}>Delete for good</button>
          <button type="button" onClick={() => setConfirmDelete(false)}>Keep it</button>
        </div>
      </Dialog>
      <p class="muted">Audience version {cameo.audienceVersion}. {words(cameo.status)}.</p>
    </div>
  );
}
