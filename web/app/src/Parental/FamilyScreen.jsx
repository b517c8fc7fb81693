// Parent–teen links (docs/parental.md). A teen sees who is linked, the controls in force and the invites waiting,
// and may unlink at any time; an adult invites teens, sets each linked teen's controls, co-signs the teen's pending
// cameo changes, and reads the history of every change. The server enforces every control; this screen only says
// what is set.
import { useState } from 'preact/hooks';
import { ApiError, gql, mutate } from '../api/client.js';
import { when, words } from '../api/format.js';
import { Dialog, ErrorNote, Field, Loading, Screen, Status, useAction, useLoad, LoadMore } from '../ui/ui.jsx';
import { findAccount } from '../Accounts/findAccount.js';

const errors = 'errors { code message field }';

const CONTROLS = `fragment Controls on ParentalControls {
  dailyItemCap dailyMinuteCap personalizationOff sessionPageLimit directMessages
  quietHours { start end timeZone }
}`;

const FAMILY = `query Family {
  me { id handle isTeen }
  family {
    parents { account { id handle displayName } since controls { ...Controls } }
    teens {
      account { id handle displayName } since controls { ...Controls }
      cameo { id status audience pendingChanges { id audience grantee { id handle } expiresAt maxUses proposedAt } }
    }
    invitesReceived { id parent { id handle displayName } at }
    invitesSent { id teen { id handle } at }
    controls { ...Controls }
  }
} ${CONTROLS}`;

const FAMILY_HISTORY = `query FamilyHistory($teenId: ID, $first: Int, $after: String) {
  familyHistory(teenId: $teenId, first: $first, after: $after) {
    edges { node { change version at parent { handle } by { handle } fields controls { ...Controls } } }
    pageInfo { hasNextPage endCursor }
  }
} ${CONTROLS}`;


// The family payloads are not read: the screen reloads family as a whole after each change, controls included.
const INVITE_TEEN = `mutation InviteTeen($input: InviteTeenInput!) { inviteTeen(input: $input) { inviteId ${errors} } }`;
const CONFIRM_LINK = `mutation ConfirmParentLink($input: ConfirmParentLinkInput!) { confirmParentLink(input: $input) { ${errors} } }`;
const DECLINE_LINK = `mutation DeclineParentLink($input: DeclineParentLinkInput!) { declineParentLink(input: $input) { ${errors} } }`;
const WITHDRAW_INVITE = `mutation WithdrawTeenInvite($input: WithdrawTeenInviteInput!) { withdrawTeenInvite(input: $input) { ${errors} } }`;
const UNLINK = `mutation UnlinkFamily($input: UnlinkFamilyInput!) { unlinkFamily(input: $input) { ${errors} } }`;
const SET_CONTROLS = `mutation SetParentalControls($input: SetParentalControlsInput!) {
  setParentalControls(input: $input) { controls { ...Controls } ${errors} }
} ${CONTROLS}`;
const APPROVE_CHANGE = `mutation ApproveCameoChange($input: ApproveCameoChangeInput!) { approveCameoChange(input: $input) { cameo { id } ${errors} } }`;
const DECLINE_CHANGE = `mutation DeclineCameoChange($input: DeclineCameoChangeInput!) { declineCameoChange(input: $input) { cameo { id } ${errors} } }`;

const DM_POLICIES = {
  NOBODY: 'Nobody',
  MUTUALS: 'Mutuals only (they follow each other)',
  FOLLOWING: 'Everyone the teen follows',
};

const AUDIENCES = {
  ONLY_ME: 'only the teen',
  APPROVED: 'only accounts the teen grants it to',
  MUTUALS: 'the teen’s mutuals (accounts the teen follows that follow back)',
  EVERYONE: 'everyone',
};

const CONTROL_NAMES = {
  dailyItemCap: 'feed items a day',
  dailyMinuteCap: 'minutes a day',
  personalizationOff: 'personalisation',
  sessionPageLimit: 'pages per session',
  quietHours: 'quiet hours',
  directMessages: 'who may message',
};

/** One history entry as a sentence: who did what, to which link. */
function change(e) {
  const parent = name(e.parent);
  const by = e.by ? name(e.by) : 'Someone';
  switch (e.change) {
    case 'INVITED':
      return `${parent} invited the teen to link`;
    case 'LINKED':
      return `${parent} was linked as a parent`;
    case 'INVITE_DECLINED':
      return `The invite from ${parent} was declined`;
    case 'INVITE_WITHDRAWN':
      return `${parent} withdrew the invite`;
    case 'UNLINKED':
      return `${parent} was unlinked (by ${by})`;
    case 'CONTROLS_CHANGED':
      return `${by} changed ${e.fields.map((f) => CONTROL_NAMES[f] ?? f).join(', ') || 'the controls'}`;
    default:
      return `${by}: ${words(e.change)}`;
  }
}

const name = (account) => (account ? `@${account.handle}${account.displayName ? ` (${account.displayName})` : ''}` : 'A deleted account');

/** The controls as sentences; unset ones are left out, since then the teen's own setting applies. */
function controlLines(c) {
  const lines = [];
  if (c.dailyItemCap != null) lines.push(`At most ${c.dailyItemCap} feed items a day (UTC).`);
  if (c.dailyMinuteCap != null) lines.push(`At most ${c.dailyMinuteCap} minutes of watching a day (UTC).`);
  if (c.personalizationOff) lines.push('The For You feed is not personalised (recency and popularity only).');
  if (c.sessionPageLimit != null) lines.push(`Continuous scroll off: a feed session ends after ${c.sessionPageLimit} pages.`);
  if (c.quietHours) lines.push(`Quiet hours ${c.quietHours.start}–${c.quietHours.end} (${c.quietHours.timeZone}): the feed is closed and messages cannot be sent.`);
  lines.push(c.directMessages ? `Messages: ${DM_POLICIES[c.directMessages] ?? words(c.directMessages)}.` : 'Messages: the teen defaults (no messages from adults the teen does not follow).');
  return lines;
}

function ControlsSummary({ controls }) {
  return (
    <ul>
      {controlLines(controls).map((l) => (
        <li key={l}>{l}</li>
      ))}
    </ul>
  );
}

/** A confirmation before unlinking: it ends the parent's controls, and with the last parent, clears them. */
function UnlinkButton({ account, asTeen, onDone }) {
  const [open, setOpen] = useState(false);
  const unlink = useAction(async () => {
    await mutate(UNLINK, { input: { accountId: account.id } }, 'unlinkFamily');
    setOpen(false);
    onDone(`Unlinked from ${name(account)}.`);
  });
  return (
    <>
      <button type="button" class="danger" onClick={() => setOpen(true)} aria-label={`Unlink from ${name(account)}`}>
        Unlink
      </button>
      <Dialog title="Unlink?" open={open} onClose={() => setOpen(false)}>
        <p>
          {asTeen
            ? `${name(account)} will no longer set your controls, and is told. If no parent is left, the controls they set are cleared.`
            : `You will no longer set ${name(account)}’s controls or co-sign their cameo changes; they are told. If you are the last parent, their controls are cleared.`}
        </p>
        <ErrorNote error={unlink.error} />
        <div class="row">
          <button type="button" class="danger" onClick={() => unlink.run()} disabled={unlink.busy}>
            {unlink.busy ? 'Unlinking…' : 'Yes, unlink'}
          </button>
          <button type="button" onClick={() => setOpen(false)}>
            Cancel
          </button>
        </div>
      </Dialog>
    </>
  );
}

function History({ teenId }) {
  const [extra, setExtra] = useState([]);
  const load = useLoad(async () => (await gql(FAMILY_HISTORY, { teenId, first: 20 })).familyHistory, [teenId]);
  const pages = [load.data, ...extra].filter(Boolean);
  const last = pages[pages.length - 1];
  const more = useAction(async () => {
    const page = (await gql(FAMILY_HISTORY, { teenId, first: 20, after: last.pageInfo.endCursor })).familyHistory;
    setExtra((e) => [...e, page]);
  });
  const entries = pages.flatMap((p) => p.edges.map((e) => e.node));
  if (load.loading) return <Loading label="Loading the history…" />;
  if (load.error) return <ErrorNote error={load.error} />;
  if (entries.length === 0) return <p class="muted">Nothing has changed yet.</p>;
  return (
    <>
      <ol class="timeline">
        {entries.map((e) => (
          <li key={e.version}>
            <strong>{when(e.at)}</strong>: {change(e)}.
            {e.controls && (
              <details>
                <summary>Controls after the change</summary>
                <ControlsSummary controls={e.controls} />
              </details>
            )}
          </li>
        ))}
      </ol>
      <LoadMore more={more} hasNext={last?.pageInfo.hasNextPage} />
    </>
  );
}

const numberOrNull = (text) => (text.trim() === '' ? null : Number(text));
const inRange = (n, min, max) => n === null || (Number.isInteger(n) && n >= min && n <= max);

function ControlsForm({ teen, controls, onSaved }) {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [itemCap, setItemCap] = useState(controls.dailyItemCap?.toString() ?? '');
  const [minuteCap, setMinuteCap] = useState(controls.dailyMinuteCap?.toString() ?? '');
  const [pageLimit, setPageLimit] = useState(controls.sessionPageLimit?.toString() ?? '');
  const [personalizationOff, setPersonalizationOff] = useState(controls.personalizationOff);
  const [quiet, setQuiet] = useState(!!controls.quietHours);
  const [start, setStart] = useState(controls.quietHours?.start ?? '21:00');
  const [end, setEnd] = useState(controls.quietHours?.end ?? '07:00');
  const [timeZone, setTimeZone] = useState(controls.quietHours?.timeZone ?? zone);
  const [dm, setDm] = useState(controls.directMessages ?? '');
  const [problems, setProblems] = useState({});
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

  const save = useAction(async () => {
    const input = {
      teenId: teen.id,
      // Every control is named, so a field left empty clears it ("give one as null to clear it").
      dailyItemCap: numberOrNull(itemCap),
      dailyMinuteCap: numberOrNull(minuteCap),
      sessionPageLimit: numberOrNull(pageLimit),
      personalizationOff,
      quietHours: quiet ? { start, end, timeZone: timeZone.trim() } : null,
      directMessages: dm || null,
    };
    const found = {};
    if (!inRange(input.dailyItemCap, 1, 10000)) found.dailyItemCap = 'A whole number from 1 to 10000, or empty for no cap.';
    if (!inRange(input.dailyMinuteCap, 1, 1440)) found.dailyMinuteCap = 'A whole number from 1 to 1440, or empty for no cap.';
    if (!inRange(input.sessionPageLimit, 1, 100)) found.sessionPageLimit = 'A whole number from 1 to 100, or empty for continuous scroll.';
    if (quiet && !input.quietHours.timeZone) found.timeZone = 'Name a time zone, such as Europe/Paris.';
    setProblems(found);
    if (Object.keys(found).length) return;
    await mutate(SET_CONTROLS, { input }, 'setParentalControls');
    onSaved(`Saved ${name(teen)}’s controls.`);
  });
  // Checks made here show by their input; what the server refuses shows once, with its code, below the form.
  const problem = (field) => problems[field] ?? null;
  const id = teen.id;

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.run();
      }}
    >
      <Field label="Feed items a day" hint="Empty: no cap from you." error={problem('dailyItemCap')}>
        {(a) => <input {...a} type="number" inputMode="numeric" min="1" max="10000" value={itemCap} onInput={(e) => setItemCap(e.currentTarget.value)} />}
      </Field>
      <Field label="Minutes of watching a day" hint="Empty: no cap from you." error={problem('dailyMinuteCap')}>
        {(a) => <input {...a} type="number" inputMode="numeric" min="1" max="1440" value={minuteCap} onInput={(e) => setMinuteCap(e.currentTarget.value)} />}
      </Field>
      <Field label="Pages per feed session" hint="Turns continuous scroll off. Empty: continuous scroll." error={problem('sessionPageLimit')}>
        {(a) => <input {...a} type="number" inputMode="numeric" min="1" max="100" value={pageLimit} onInput={(e) => setPageLimit(e.currentTarget.value)} />}
      </Field>
      <Field label="Turn personalisation off" inline hint="The For You feed then uses recency and popularity only.">
        {(a) => <input {...a} type="checkbox" class="check" checked={personalizationOff} onChange={(e) => setPersonalizationOff(e.currentTarget.checked)} />}
      </Field>
      <fieldset>
        <legend>Quiet hours</legend>
        <Field label="Quiet hours on" inline hint="The feed is closed and the teen cannot send messages.">
          {(a) => <input {...a} type="checkbox" class="check" checked={quiet} onChange={(e) => setQuiet(e.currentTarget.checked)} />}
        </Field>
        {quiet && (
          <>
            <div class="row">
              <div class="grow">
                <Field label="From">
                  {(a) => <input {...a} type="time" required value={start} onInput={(e) => setStart(e.currentTarget.value)} />}
                </Field>
              </div>
              <div class="grow">
                <Field label="Until" hint="Earlier than From spans midnight.">
                  {(a) => <input {...a} type="time" required value={end} onInput={(e) => setEnd(e.currentTarget.value)} />}
                </Field>
              </div>
            </div>
            <Field label="Time zone" hint="An IANA id, such as Europe/Paris." error={problem('timeZone')}>
              {(a) => (
                <>
                  <input {...a} list={`zones-${id}`} autocomplete="off" required value={timeZone} onInput={(e) => setTimeZone(e.currentTarget.value)} />
                  <datalist id={`zones-${id}`}>
                    {zones.map((z) => (
                      <option key={z} value={z} />
                    ))}
                  </datalist>
                </>
              )}
            </Field>
          </>
        )}
      </fieldset>
      <Field label="Who may message the teen (and whom the teen may message)">
        {(a) => (
          <select {...a} value={dm} onChange={(e) => setDm(e.currentTarget.value)}>
            <option value="">Teen defaults (no adults the teen does not follow)</option>
            {Object.entries(DM_POLICIES).map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
        )}
      </Field>
      <ErrorNote error={save.error} />
      <button type="submit" class="primary" disabled={save.busy}>
        {save.busy ? 'Saving…' : 'Save controls'}
      </button>
    </form>
  );
}

function PendingChange({ cameo, change, teen, onDone }) {
  const decide = useAction(async (approve) => {
    const input = { cameoId: cameo.id, proposalId: change.id };
    if (approve) await mutate(APPROVE_CHANGE, { input }, 'approveCameoChange');
    else await mutate(DECLINE_CHANGE, { input }, 'declineCameoChange');
    onDone(approve ? `Approved ${name(teen)}’s cameo change.` : `Declined ${name(teen)}’s cameo change.`);
  });
  const what = change.audience
    ? `Open the cameo to ${AUDIENCES[change.audience] ?? words(change.audience)} (now: ${AUDIENCES[cameo.audience] ?? words(cameo.audience)})`
    : `Let ${name(change.grantee)} use the cameo${change.expiresAt ? ` until ${when(change.expiresAt)}` : ''}${change.maxUses != null ? `, at most ${change.maxUses} times` : ''}`;
  return (
    <li>
      <p>
        {what}. <span class="muted">Proposed {when(change.proposedAt)}.</span>
      </p>
      <ErrorNote error={decide.error} />
      <div class="row">
        <button type="button" class="primary" onClick={() => decide.run(true)} disabled={decide.busy}>
          Approve
        </button>
        <button type="button" onClick={() => decide.run(false)} disabled={decide.busy}>
          Decline
        </button>
      </div>
    </li>
  );
}

function TeenCard({ link, onChanged }) {
  const teen = link.account;
  const cameo = link.cameo;
  return (
    <li class="card">
      <div class="row">
        <h3 class="grow">{name(teen)}</h3>
        {teen && <UnlinkButton account={teen} asTeen={false} onDone={onChanged} />}
      </div>
      <p class="muted">Linked; last change {when(link.since)}.</p>
      <h4>In force now</h4>
      <ControlsSummary controls={link.controls} />
      {teen && (
        <details>
          <summary>Change the controls</summary>
          <ControlsForm key={JSON.stringify(link.controls)} teen={teen} controls={link.controls} onSaved={onChanged} />
        </details>
      )}
      <h4>Cameo changes to co-sign</h4>
      {!cameo ? (
        <p class="muted">{name(teen)} has no cameo.</p>
      ) : cameo.pendingChanges.length === 0 ? (
        <p class="muted">Nothing waiting. When the teen grants someone their cameo or widens its audience, it waits here for you.</p>
      ) : (
        <ul class="plain">
          {cameo.pendingChanges.map((c) => (
            <PendingChange key={c.id} cameo={cameo} change={c} teen={teen} onDone={onChanged} />
          ))}
        </ul>
      )}
      {teen && (
        <details>
          <summary>History</summary>
          <History teenId={teen.id} />
        </details>
      )}
    </li>
  );
}

function InviteForm({ onDone }) {
  const [handle, setHandle] = useState('');
  const invite = useAction(async () => {
    const wanted = handle.trim().replace(/^@/, '');
    if (!wanted) throw new ApiError('Enter the teen’s handle.', 'BAD_USER_INPUT', 'handle');
    const teen = await findAccount(wanted, 'handle');
    await mutate(INVITE_TEEN, { input: { teenId: teen.id } }, 'inviteTeen');
    setHandle('');
    onDone(`Invited @${teen.handle}. They confirm or decline it from their Family screen.`);
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        invite.run();
      }}
    >
      <Field label="Teen’s handle" hint="A teen account (13 to 17). It has at most 2 linked parents; you link at most 10 teens.">
        {(a) => <input {...a} value={handle} autocomplete="off" autocapitalize="none" spellcheck={false} onInput={(e) => setHandle(e.currentTarget.value)} />}
      </Field>
      <ErrorNote error={invite.error} />
      <button type="submit" class="primary" disabled={invite.busy}>
        {invite.busy ? 'Inviting…' : 'Invite'}
      </button>
    </form>
  );
}

function InviteReceived({ invite, onDone }) {
  const answer = useAction(async (accept) => {
    const input = { inviteId: invite.id };
    if (accept) await mutate(CONFIRM_LINK, { input }, 'confirmParentLink');
    else await mutate(DECLINE_LINK, { input }, 'declineParentLink');
    onDone(accept ? `Linked with ${name(invite.parent)}.` : `Declined ${name(invite.parent)}’s invite.`);
  });
  return (
    <li>
      <p>
        {name(invite.parent)} asks to link as your parent <span class="muted">({when(invite.at)})</span>. A linked parent can set your
        feed and message limits and co-signs who may use your cameo. You can unlink at any time.
      </p>
      <ErrorNote error={answer.error} />
      <div class="row">
        <button type="button" class="primary" onClick={() => answer.run(true)} disabled={answer.busy}>
          Accept
        </button>
        <button type="button" onClick={() => answer.run(false)} disabled={answer.busy}>
          Decline
        </button>
      </div>
    </li>
  );
}

function InviteSent({ invite, onDone }) {
  const withdraw = useAction(async () => {
    await mutate(WITHDRAW_INVITE, { input: { teenId: invite.teen.id } }, 'withdrawTeenInvite');
    onDone(`Withdrew the invite to ${name(invite.teen)}.`);
  });
  return (
    <li>
      <div class="row">
        <span class="grow">
          {name(invite.teen)} <span class="muted">· invited {when(invite.at)}</span>
        </span>
        {invite.teen && (
          <button type="button" onClick={() => withdraw.run()} disabled={withdraw.busy} aria-label={`Withdraw the invite to ${name(invite.teen)}`}>
            Withdraw
          </button>
        )}
      </div>
      <ErrorNote error={withdraw.error} />
    </li>
  );
}

export function FamilyScreen() {
  const load = useLoad(() => gql(FAMILY), []);
  const [note, setNote] = useState('');
  const changed = (message) => {
    setNote(message);
    load.reload();
  };
  const me = load.data?.me;
  const family = load.data?.family;

  return (
    <Screen title="Family">
      <Status>{note}</Status>
      {load.loading && !family && <Loading />}
      <ErrorNote error={load.error} />
      {family && me?.isTeen && (
        <>
          <section class="card" aria-labelledby="invites-title">
            <h2 id="invites-title">Invites</h2>
            {family.invitesReceived.length === 0 ? (
              <p class="muted">No invite waiting. A parent invites you by your handle from their Family screen.</p>
            ) : (
              <ul class="plain">
                {family.invitesReceived.map((i) => (
                  <InviteReceived key={i.id} invite={i} onDone={changed} />
                ))}
              </ul>
            )}
          </section>
          <section class="card" aria-labelledby="parents-title">
            <h2 id="parents-title">Your parents</h2>
            {family.parents.length === 0 ? (
              <p class="muted">No parent is linked. You can have up to 2.</p>
            ) : (
              <ul class="plain">
                {family.parents.map((p) => (
                  <li key={p.account?.id ?? p.since} class="row">
                    <span class="grow">
                      {name(p.account)} <span class="muted">· since {when(p.since)}</span>
                    </span>
                    {p.account && <UnlinkButton account={p.account} asTeen onDone={changed} />}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section class="card" aria-labelledby="controls-title">
            <h2 id="controls-title">Controls in force on you</h2>
            <ControlsSummary controls={family.controls} />
          </section>
          <section class="card" aria-labelledby="history-title">
            <h2 id="history-title">History</h2>
            <History teenId={null} />
          </section>
        </>
      )}
      {family && me && !me.isTeen && (
        <>
          <section class="card" aria-labelledby="invite-title">
            <h2 id="invite-title">Invite a teen</h2>
            <InviteForm onDone={changed} />
            {family.invitesSent.length > 0 && (
              <>
                <h3>Waiting for an answer</h3>
                <ul class="plain">
                  {family.invitesSent.map((i) => (
                    <InviteSent key={i.id} invite={i} onDone={changed} />
                  ))}
                </ul>
              </>
            )}
          </section>
          <section aria-labelledby="teens-title">
            <h2 id="teens-title">Your teens</h2>
            {family.teens.length === 0 ? (
              <p class="muted">No teen is linked yet. Invite one by handle above; the link starts when they accept.</p>
            ) : (
              <ul class="cards">
                {family.teens.map((t) => (
                  <TeenCard key={t.account?.id ?? t.since} link={t} onChanged={changed} />
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </Screen>
  );
}
