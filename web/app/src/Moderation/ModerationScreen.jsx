// The moderators' queue, most urgent first, kept current by the live queue subscription, and one case at a time
// with what a decision needs: the item, its reports, the consent receipts of the likenesses it shows, the author's
// other cases, and the actions the case's state allows, each confirmed in a dialog that says what it will do.
import { useEffect, useRef, useState } from 'preact/hooks';
import { gql, hasRole, mutate, session, subscribe } from '../api/client.js';
import { href } from '../api/router.js';
import { count, shortHash, when, words } from '../api/format.js';
import { useValue } from '../api/signal.js';
import { Dialog, ErrorNote, Field, Loading, Screen, Segmented, Status, useAction, useLoad, LoadMore } from '../ui/ui.jsx';

const PAGE = 20;
const errors = 'errors { code message field }';

const CASE_SUMMARY = `fragment CaseSummary on ModerationCase {
  id target targetId topReason urgent reportCount openedAt dueAt overdue status actedAt prompt
  appealFiledAt appealDecidedAt appealUpheld counterNoticeFiledAt
  authorId authorStruck authorSuspended authorBanned
  author { id handle }
  video { id prompt posterUrl ageRestricted labels }
}`;

const USAGE_FIELDS = `fragment CaseUsage on CameoUsage {
  id cameoId requester { id handle } right grantId audience receiptHash status withdrawnReason path sourceVideoId at withdrawnAt
}`;

const REPORT_PAGE = `fragment CaseReports on CaseReportConnection {
  edges { node { reporterRef reason at fromTakedown text @include(if: $withTexts) } }
  pageInfo { hasNextPage endCursor }
}`;

const MODERATION_QUEUE = `query ModerationQueue($filter: ModerationQueueFilter, $first: Int, $after: String) {
  moderationQueue(filter: $filter, first: $first, after: $after) {
    edges { node { ...CaseSummary } }
    pageInfo { hasNextPage endCursor }
  }
} ${CASE_SUMMARY}`;

const QUEUE_UPDATED = `subscription ModerationQueueUpdated {
  moderationQueueUpdated { caseId change at sequence case { ...CaseSummary } }
} ${CASE_SUMMARY}`;

// Reporters' words and a reported message's text are opened only when asked: reading them is recorded in the
// moderation log, so a moderator opens them deliberately rather than on every look at a case.
const MODERATION_CASE = `query ModerationCase($id: ID!, $withTexts: Boolean!, $first: Int) {
  moderationCase(id: $id) {
    ...CaseSummary
    video { id status url posterUrl prompt labels ageRestricted creator { handle } provenance { state valid problem receipts } }
    comment { id text videoId author { handle } postedAt deleted }
    account { id handle displayName bio createdAt }
    cameoUse { ...CaseUsage }
    message { id conversationId sender { handle } sentAt sharedVideoId text @include(if: $withTexts) }
    consentReceipts { ...CaseUsage }
    reports(first: $first) { ...CaseReports }
    authorHistory(first: $first) { edges { node { id target topReason status openedAt } } pageInfo { hasNextPage } }
  }
} ${CASE_SUMMARY} ${USAGE_FIELDS} ${REPORT_PAGE}`;

const MORE_REPORTS = `query ModerationCaseReports($id: ID!, $withTexts: Boolean!, $first: Int, $after: String) {
  moderationCase(id: $id) { id reports(first: $first, after: $after) { ...CaseReports } }
} ${REPORT_PAGE}`;

const REMOVE = `mutation RemoveContent($input: RemoveContentInput!) { removeContent(input: $input) { case { ...CaseSummary } ${errors} } } ${CASE_SUMMARY}`;
const RESTORE = `mutation RestoreContent($input: RestoreContentInput!) { restoreContent(input: $input) { case { ...CaseSummary } ${errors} } } ${CASE_SUMMARY}`;
const DISMISS = `mutation DismissCase($input: DismissCaseInput!) { dismissCase(input: $input) { case { ...CaseSummary } ${errors} } } ${CASE_SUMMARY}`;
const LABEL = `mutation LabelContent($input: LabelContentInput!) { labelContent(input: $input) { case { ...CaseSummary } ${errors} } } ${CASE_SUMMARY}`;
const AGE_RESTRICT = `mutation AgeRestrictContent($input: AgeRestrictContentInput!) { ageRestrictContent(input: $input) { case { ...CaseSummary } ${errors} } } ${CASE_SUMMARY}`;
const STRIKE = `mutation StrikeAuthor($input: StrikeAuthorInput!) { strikeAuthor(input: $input) { case { ...CaseSummary } ${errors} } } ${CASE_SUMMARY}`;
const SUSPEND = `mutation SuspendAccount($input: SuspendAccountInput!) { suspendAccount(input: $input) { case { ...CaseSummary } ${errors} } } ${CASE_SUMMARY}`;
const BAN = `mutation BanAccount($input: BanAccountInput!) { banAccount(input: $input) { case { ...CaseSummary } ${errors} } } ${CASE_SUMMARY}`;
const ALLOW_PROMPT = `mutation AllowPrompt($input: AllowPromptInput!) { allowPrompt(input: $input) { case { ...CaseSummary } ${errors} } } ${CASE_SUMMARY}`;
const DECIDE_APPEAL = `mutation DecideAppeal($input: DecideAppealInput!) { decideAppeal(input: $input) { case { ...CaseSummary } ${errors} } } ${CASE_SUMMARY}`;

const TARGETS = ['VIDEO', 'COMMENT', 'ACCOUNT', 'CAMEO_USE', 'PROMPT', 'UPLOAD', 'MESSAGE'];
const REASONS = ['LIKENESS_WITHOUT_CONSENT', 'MINOR', 'SEXUAL_CONTENT', 'HARASSMENT', 'VIOLENCE', 'HATE', 'SPAM', 'IMPERSONATION', 'OTHER'];
const LABELS = {
  GRAPHIC: 'Graphic: disturbing imagery shown for a reason',
  SENSITIVE_TOPIC: 'Sensitive topic: treated with care',
  MISLEADING: 'Misleading: could be taken for a real event or statement',
  FLASHING_LIGHTS: 'Flashing lights: can trigger seizures',
};

function reasonWords(reason) {
  return reason === 'LIKENESS_WITHOUT_CONSENT' ? 'Likeness without consent' : words(reason);
}

const appealPending = (c) => !!c.appealFiledAt && !c.appealDecidedAt;

/** Whether a case belongs in the list the moderator asked for, as the server's filter reads it. */
function inQueue(c, filter) {
  if (filter.appeals ? !appealPending(c) : c.status !== 'OPEN') return false;
  if (filter.overdueOnly && !c.overdue) return false;
  return !filter.target || c.target === filter.target;
}

/** The server's order as far as a case shows it: urgent reasons first, then report count, then the oldest (reach is
 * not on the case, so a live insert may sit a little off until the next refresh). */
function moreUrgent(a, b) {
  if (a.urgent !== b.urgent) return a.urgent ? -1 : 1;
  if (a.reportCount !== b.reportCount) return b.reportCount - a.reportCount;
  return a.openedAt < b.openedAt ? -1 : 1;
}

function upsert(list, c, keep) {
  const at = list.findIndex((x) => x.id === c.id);
  if (!keep) return at < 0 ? list : list.filter((x) => x.id !== c.id);
  if (at >= 0) return list.map((x) => (x.id === c.id ? c : x));
  const next = [...list];
  const position = next.findIndex((x) => moreUrgent(c, x) < 0);
  next.splice(position < 0 ? next.length : position, 0, c);
  return next;
}

function CaseLine({ c }) {
  return (
    <>
      <div class="row">
        {c.urgent && <strong>⚑ Urgent</strong>}
        {c.overdue && <strong class="error">Overdue</strong>}
        {appealPending(c) && <span class="badge wait">Appeal waiting</span>}
        <span class="badge">{words(c.status)}</span>
      </div>
      <div>
        <strong>{words(c.target)}</strong> · {reasonWords(c.topReason)} · {count(c.reportCount, 'report')}
      </div>
      <div class="muted">
        Opened {when(c.openedAt)} · due {when(c.dueAt)}
        {c.author && <> · by @{c.author.handle}</>}
      </div>
      {(c.video || c.prompt) && (
        <div class="row">
          {c.video?.posterUrl && <img class="thumb" src={c.video.posterUrl} alt="" width="48" height="64" loading="lazy" />}
          <span class="grow">“{c.video?.prompt ?? c.prompt}”</span>
        </div>
      )}
    </>
  );
}

function Queue({ hidden, changed, onOpen, onLiveChange }) {
  const [filter, setFilter] = useState({ appeals: false, overdueOnly: false, target: '' });
  const [items, setItems] = useState([]);
  const [pageInfo, setPageInfo] = useState(null);
  const [announce, setAnnounce] = useState('');
  const [liveError, setLiveError] = useState(null);
  const filterRef = useRef(filter);
  filterRef.current = filter;
  const list = useRef(null);
  const lastOpened = useRef(null);
  const variables = () => ({
    filter: { appealsOnly: filter.appeals || null, overdueOnly: filter.overdueOnly || null, target: filter.target || null },
    first: PAGE,
  });
  const load = useLoad(async () => (await gql(MODERATION_QUEUE, variables())).moderationQueue, [filter]);
  useEffect(() => {
    if (!load.data) return;
    setItems(load.data.edges.map((e) => e.node));
    setPageInfo(load.data.pageInfo);
  }, [load.data]);

  // A decision taken in the detail updates its line at once, without waiting for the live update.
  useEffect(() => {
    if (changed) setItems((items) => upsert(items, changed, inQueue(changed, filterRef.current)));
  }, [changed]);

  // Back from a case, keyboard focus returns to the line that opened it (or the list, if it left the queue).
  useEffect(() => {
    if (hidden || !lastOpened.current) return;
    const button = list.current?.querySelector(`[data-case="${CSS.escape(lastOpened.current)}"]`);
    (button ?? list.current)?.focus();
  }, [hidden]);

  const more = useAction(async () => {
    const page = (await gql(MODERATION_QUEUE, { ...variables(), after: pageInfo.endCursor })).moderationQueue;
    // Pages are positions in an order that moves while moderators work: a case may come twice, so keep it once.
    setItems((list) => [...list, ...page.edges.map((e) => e.node).filter((n) => !list.some((x) => x.id === n.id))]);
    setPageInfo(page.pageInfo);
  });

  useEffect(
    () =>
      subscribe(
        QUEUE_UPDATED,
        {},
        ({ moderationQueueUpdated: u }) => {
          setLiveError(null);
          onLiveChange(u.caseId);
          if (!u.case) return; // a case about your own content: not yours to see or act on
          setItems((list) => upsert(list, u.case, inQueue(u.case, filterRef.current)));
          setAnnounce(`Queue updated: ${words(u.change)} on a ${words(u.case.target).toLowerCase()} case, ${when(u.at)}.`);
        },
        setLiveError,
      ),
    [],
  );

  return (
    <div hidden={hidden}>
      <Segmented
        label="Which cases"
        value={filter.appeals ? 'appeals' : 'open'}
        onChange={(v) => setFilter({ ...filter, appeals: v === 'appeals' })}
        options={[
          { value: 'open', label: 'Open cases' },
          { value: 'appeals', label: 'Appeals' },
        ]}
      />
      <div class="row">
        <Field label="Only overdue" inline>
          {(a) => <input {...a} type="checkbox" class="check" checked={filter.overdueOnly} onChange={(e) => setFilter({ ...filter, overdueOnly: e.currentTarget.checked })} />}
        </Field>
        <Field label="What" inline>
          {(a) => (
            <select {...a} value={filter.target} onChange={(e) => setFilter({ ...filter, target: e.currentTarget.value })}>
              <option value="">Everything</option>
              {TARGETS.map((t) => (
                <option key={t} value={t}>
                  {words(t)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="button" onClick={load.reload} disabled={load.loading}>
          Refresh
        </button>
      </div>
      <Status>{announce}</Status>
      <ErrorNote error={liveError} />
      {load.loading && <Loading label="Loading the queue…" />}
      <ErrorNote error={load.error} />
      {!load.loading && !load.error && items.length === 0 && (
        <p>{filter.appeals ? 'No appeal is waiting for a decision.' : 'No open case here.'} New cases appear on their own as they are reported.</p>
      )}
      <ul class="plain" ref={list} tabIndex={-1} aria-label="Cases">
        {items.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              class="case-button"
              data-case={c.id}
              onClick={() => {
                lastOpened.current = c.id;
                onOpen(c.id);
              }}
            >
              <CaseLine c={c} />
            </button>
          </li>
        ))}
      </ul>
      <LoadMore more={more} hasNext={pageInfo?.hasNextPage} />
    </div>
  );
}

function Usage({ u }) {
  return (
    <li>
      {u.requester ? `@${u.requester.handle}` : 'A deleted account'} · {words(u.path)} · right: {words(u.right)} · audience {words(u.audience)}
      <div>
        {u.status === 'ACTIVE' ? '✓ Stands' : u.status === 'WITHDRAWN' ? `✕ Withdrawn${u.withdrawnReason ? ` (${words(u.withdrawnReason)})` : ''}` : '… Waiting for the owner’s approval'}
        {' · '}receipt <span class="mono" title={u.receiptHash}>{shortHash(u.receiptHash)}</span> · {when(u.at)}
      </div>
    </li>
  );
}

function Item({ c, withTexts }) {
  const v = c.video;
  return (
    <section class="card" aria-labelledby="item-title">
      <h2 id="item-title">The reported {words(c.target).toLowerCase()}</h2>
      {v && (
        <>
          {v.url ? (
            <video class="player" controls playsInline preload="metadata" poster={v.posterUrl ?? undefined} src={v.url} aria-label={`Reported video: ${v.prompt}`} />
          ) : (
            <p class="muted">The video file is not available.</p>
          )}
          <p>“{v.prompt}”</p>
          <p class="muted">
            {words(v.status)}
            {v.ageRestricted && ' · Age-restricted'}
            {v.labels.length > 0 && ` · labelled ${v.labels.map(words).join(', ')}`}
            {' · '}credentials {v.provenance.valid ? '✓ valid' : `✕ ${words(v.provenance.state)}`}
            {v.provenance.problem && ` (${v.provenance.problem})`} · <a href={href(`/videos/${v.id}`)}>Provenance</a>
          </p>
        </>
      )}
      {c.comment && (
        <blockquote>
          <p>{c.comment.text}</p>
          <footer class="muted">
            @{c.comment.author?.handle ?? 'deleted'} · {when(c.comment.postedAt)}
            {c.comment.deleted && ' · deleted'} · on <a href={href(`/videos/${c.comment.videoId}`)}>this video</a>
          </footer>
        </blockquote>
      )}
      {c.account && (
        <div>
          <p>
            @{c.account.handle}
            {c.account.displayName && ` (${c.account.displayName})`} · joined {when(c.account.createdAt)}
          </p>
          {c.account.bio && <p>{c.account.bio}</p>}
        </div>
      )}
      {c.cameoUse && (
        <ul class="plain">
          <Usage u={c.cameoUse} />
        </ul>
      )}
      {c.message && (
        <blockquote>
          <p>{withTexts ? (c.message.text ?? 'Its text is gone (the conversation or its sender was deleted).') : 'The text is hidden until you open the reporters’ words below.'}</p>
          <footer class="muted">
            @{c.message.sender?.handle ?? 'deleted'} · {when(c.message.sentAt)}
            {c.message.sharedVideoId && (
              <>
                {' '}
                · shared <a href={href(`/videos/${c.message.sharedVideoId}`)}>a video</a>
              </>
            )}
          </footer>
        </blockquote>
      )}
      {c.target === 'PROMPT' && c.prompt && <p>Refused prompt: “{c.prompt}”</p>}
      {c.target === 'VIDEO' && (
        <>
          <h3>Consent receipts</h3>
          {c.consentReceipts.length === 0 ? (
            <p class="muted">No likeness is used in this video.</p>
          ) : (
            <ul class="plain">
              {c.consentReceipts.map((u) => (
                <Usage key={u.id} u={u} />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

function Reports({ caseId, initial, withTexts, onReveal }) {
  const [extra, setExtra] = useState([]);
  const pages = [initial, ...extra];
  const last = pages[pages.length - 1];
  const more = useAction(async () => {
    const page = (await gql(MORE_REPORTS, { id: caseId, withTexts, first: PAGE, after: last.pageInfo.endCursor })).moderationCase.reports;
    setExtra((e) => [...e, page]);
  });
  const reports = pages.flatMap((p) => p.edges.map((e) => e.node));
  return (
    <section class="card" aria-labelledby="reports-title">
      <h2 id="reports-title">Reports</h2>
      {!withTexts && (
        <p>
          <button type="button" onClick={onReveal}>
            Show reporters’ words
          </button>{' '}
          <span class="hint">Opening them is recorded in the moderation log.</span>
        </p>
      )}
      <ul class="plain">
        {reports.map((r, i) => (
          <li key={`${r.reporterRef}-${r.at}-${i}`}>
            <strong>{reasonWords(r.reason)}</strong> · {when(r.at)} · {r.fromTakedown ? 'Takedown request' : 'Report'} · reporter{' '}
            <span class="mono">{r.reporterRef}</span>
            {withTexts && <p>{r.text ? `“${r.text}”` : <span class="muted">No words given.</span>}</p>}
          </li>
        ))}
      </ul>
      <LoadMore more={more} hasNext={last.pageInfo.hasNextPage} label="Load more reports" />
    </section>
  );
}

/** Every action, with when the case's state allows it and what it does (the schema's own account of each). */
const ACTIONS = [
  {
    key: 'uphold', label: 'Uphold the decision', danger: false, doc: DECIDE_APPEAL, field: 'decideAppeal', show: appealPending, fixed: { uphold: true },
    explain: 'Keeps the decision the author appealed.',
  },
  {
    key: 'overturn', label: 'Overturn the decision', danger: true, doc: DECIDE_APPEAL, field: 'decideAppeal', show: appealPending, fixed: { uphold: false },
    explain: 'Undoes the decision: a removed video is restored, labels and age restriction are lifted, and a strike, suspension or ban on this case is undone.',
  },
  {
    key: 'remove', label: 'Remove', danger: true, doc: REMOVE, field: 'removeContent', input: 'reason',
    show: (c) => (c.target === 'VIDEO' || c.target === 'COMMENT') && c.status !== 'REMOVED',
    explain: 'Takes the video (and the remixes made from it) or the comment down, everywhere, at once.',
  },
  {
    key: 'restore', label: 'Restore', doc: RESTORE, field: 'restoreContent', show: (c) => c.target === 'VIDEO' && c.status === 'REMOVED',
    explain: 'Puts the video back: public again if it is still published and every likeness it shows still allows it.',
  },
  {
    key: 'dismiss', label: 'Dismiss', doc: DISMISS, field: 'dismissCase', show: (c) => c.status === 'OPEN',
    explain: 'Closes the case without action; its reporters see “Dismissed”.',
  },
  {
    key: 'allow', label: 'Allow prompt', doc: ALLOW_PROMPT, field: 'allowPrompt', show: (c) => c.target === 'PROMPT' && c.status === 'OPEN',
    explain: 'The requester may make this prompt from now on. Dismissing the case keeps the refusal instead.',
  },
  {
    key: 'label', label: 'Label', doc: LABEL, field: 'labelContent', input: 'label', show: (c) => c.target === 'VIDEO' && !!c.video,
    explain: 'The video stays up, with the label shown before it plays. The author may appeal.',
  },
  {
    key: 'age', label: 'Age-restrict', danger: true, doc: AGE_RESTRICT, field: 'ageRestrictContent', show: (c) => c.target === 'VIDEO' && !!c.video && !c.video.ageRestricted,
    explain: 'The video leaves feeds, search and remixing at once; its link answers only signed-in adults (and its creator, the people it shows and moderators). The author may appeal.',
  },
  {
    key: 'strike', label: 'Strike', danger: true, doc: STRIKE, field: 'strikeAuthor', input: 'strikeReason', show: (c) => !!c.authorId && !c.authorStruck,
    explain: 'A strike counts for 90 days; the third within 90 days suspends the account for 7 days, each further one for 30.',
  },
  {
    key: 'suspend', label: 'Suspend', danger: true, doc: SUSPEND, field: 'suspendAccount', input: 'days', show: (c) => !!c.authorId,
    explain: 'The author keeps reading, protecting themselves and appealing, but cannot create or interact until it ends.',
  },
  {
    key: 'ban', label: 'Ban', danger: true, doc: BAN, field: 'banAccount', show: (c) => !!c.authorId && !c.authorBanned,
    explain: 'A suspension without end, and every video the author has up is taken down (with its remixes). An overturned appeal brings them back.',
  },
];

function ActionDialog({ action, c, onClose, onDone }) {
  const [reason, setReason] = useState(c.topReason);
  const [strikeReason, setStrikeReason] = useState('');
  const [label, setLabel] = useState('GRAPHIC');
  const [days, setDays] = useState('7');
  const [daysError, setDaysError] = useState(null);
  const act = useAction(async () => {
    const input = { caseId: c.id, ...action.fixed };
    if (action.input === 'reason') input.reason = reason;
    if (action.input === 'strikeReason' && strikeReason) input.reason = strikeReason;
    if (action.input === 'label') input.label = label;
    if (action.input === 'days') {
      const n = Number(days);
      if (!Number.isInteger(n) || n < 1 || n > 365) {
        setDaysError('A suspension lasts 1 to 365 days.');
        return;
      }
      setDaysError(null);
      input.days = n;
    }
    const payload = await mutate(action.doc, { input }, action.field);
    onDone(action, payload.case);
  });
  const who = c.author ? `@${c.author.handle}` : 'the author';
  return (
    <Dialog title={`${action.label}?`} open onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          act.run();
        }}
      >
        <p>{action.explain}</p>
        {['strike', 'suspend', 'ban'].includes(action.key) && <p>This acts on {who}.</p>}
        {action.input === 'reason' && (
          <Field label="The rule it broke">
            {(a) => (
              <select {...a} value={reason} onChange={(e) => setReason(e.currentTarget.value)}>
                {REASONS.map((r) => (
                  <option key={r} value={r}>
                    {reasonWords(r)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {action.input === 'strikeReason' && (
          <Field label="The rule broken (optional)" hint="Left out, the case’s most urgent reason is used.">
            {(a) => (
              <select {...a} value={strikeReason} onChange={(e) => setStrikeReason(e.currentTarget.value)}>
                <option value="">{reasonWords(c.topReason)} (the case’s reason)</option>
                {REASONS.map((r) => (
                  <option key={r} value={r}>
                    {reasonWords(r)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {action.input === 'label' && (
          <Field label="Label" hint={c.video?.labels.length ? `Already labelled: ${c.video.labels.map(words).join(', ')}.` : undefined}>
            {(a) => (
              <select {...a} value={label} onChange={(e) => setLabel(e.currentTarget.value)}>
                {Object.entries(LABELS).map(([value, text]) => (
                  <option key={value} value={value}>
                    {text}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {action.input === 'days' && (
          <Field label="Days" hint="1 to 365." error={daysError}>
            {(a) => <input {...a} type="number" inputMode="numeric" min="1" max="365" required value={days} onInput={(e) => setDays(e.currentTarget.value)} />}
          </Field>
        )}
        <ErrorNote error={act.error} />
        <div class="row">
          <button type="submit" class={action.danger ? 'danger' : 'primary'} disabled={act.busy}>
            {act.busy ? 'Working…' : `Yes, ${action.label.toLowerCase()}`}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function CaseDetail({ caseId, liveTick, onBack, onOpen, onChanged }) {
  const [withTexts, setWithTexts] = useState(false);
  const [open, setOpen] = useState(null);
  const [done, setDone] = useState('');
  const load = useLoad(async () => (await gql(MODERATION_CASE, { id: caseId, withTexts, first: PAGE })).moderationCase, [caseId, withTexts, liveTick]);
  const c = load.data;
  const heading = useRef(null);
  const loaded = !!c;
  useEffect(() => {
    if (loaded) heading.current?.focus();
  }, [loaded]);
  const available = c ? ACTIONS.filter((a) => a.show(c)) : [];
  const appeal = available.filter((a) => a.field === 'decideAppeal');
  const others = available.filter((a) => a.field !== 'decideAppeal');

  function finished(action, updated) {
    setOpen(null);
    setDone(`${action.label}: done.`);
    if (updated) onChanged(updated);
    load.reload();
  }

  return (
    <div>
      <button type="button" onClick={onBack}>
        ← Back to the queue
      </button>
      {load.loading && !c && <Loading label="Loading the case…" />}
      <ErrorNote error={load.error} />
      <Status>{done}</Status>
      {c && (
        <>
          <section class="card" aria-labelledby="case-title">
            <h2 id="case-title" ref={heading} tabIndex={-1}>
              Case
            </h2>
            <CaseLine c={c} />
            <p class="muted">
              {c.actedAt && <>Acted on {when(c.actedAt)}. </>}
              {c.authorStruck && 'Author struck on this case. '}
              {c.authorSuspended && 'Author suspended on this case. '}
              {c.authorBanned && 'Author banned on this case. '}
              {c.appealDecidedAt && <>Appeal decided {when(c.appealDecidedAt)}: {c.appealUpheld ? 'the decision stands' : 'overturned'}. </>}
            </p>
          </section>
          <Item c={c} withTexts={withTexts} />
          <Reports key={`${c.id}-${withTexts}-${liveTick}`} caseId={c.id} initial={c.reports} withTexts={withTexts} onReveal={() => setWithTexts(true)} />

          <section class="card" aria-labelledby="history-title">
            <h2 id="history-title">The author’s other cases</h2>
            {c.authorHistory.edges.length === 0 ? (
              <p class="muted">None.</p>
            ) : (
              <>
                <p>{c.authorHistory.pageInfo.hasNextPage ? `${c.authorHistory.edges.length} or more` : c.authorHistory.edges.length} other cases:</p>
                <ul class="plain">
                  {c.authorHistory.edges.map(({ node: h }) => (
                    <li key={h.id}>
                      <button type="button" class="case-button" onClick={() => onOpen(h.id)}>
                        {words(h.target)} · {reasonWords(h.topReason)} · {words(h.status)} · {when(h.openedAt)}
                      </button>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>

          <section class="card" aria-labelledby="actions-title">
            <h2 id="actions-title">Decide</h2>
            {appeal.length > 0 && (
              <>
                <p>
                  The author appealed on {when(c.appealFiledAt)}
                  {c.counterNoticeFiledAt && ' with a counter-notice to the takedown request'}. A moderator other than the one who acted decides.
                </p>
                <div class="row">
                  {appeal.map((a) => (
                    <button key={a.key} type="button" class={a.danger ? 'danger' : ''} onClick={() => setOpen(a)}>
                      {a.label}
                    </button>
                  ))}
                </div>
              </>
            )}
            {others.length === 0 ? (
              <p class="muted">Nothing more to do on this case in its state.</p>
            ) : (
              <div class="row spaced">
                {others.map((a) => (
                  <button key={a.key} type="button" class={a.danger ? 'danger' : ''} onClick={() => setOpen(a)}>
                    {a.label}
                  </button>
                ))}
              </div>
            )}
          </section>
          {open && <ActionDialog key={open.key} action={open} c={c} onClose={() => setOpen(null)} onDone={finished} />}
        </>
      )}
    </div>
  );
}

export function ModerationScreen() {
  const me = useValue(session);
  const [selected, setSelected] = useState(null);
  // A live update about the open case reloads it, so a decision is never taken on a stale view.
  const [liveTick, setLiveTick] = useState(0);
  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  const [changed, setChanged] = useState(null);

  if (!me || !(hasRole('MODERATOR') || hasRole('ADMIN')))
    return (
      <Screen title="Moderation">
        <p>The moderation queue is for moderators and admins. To report something, use “Report” on the video, comment or account.</p>
      </Screen>
    );

  return (
    <Screen title="Moderation" wide>
      <Queue
        hidden={!!selected}
        changed={changed}
        onOpen={setSelected}
        onLiveChange={(id) => {
          if (id === selectedRef.current) setLiveTick((n) => n + 1);
        }}
      />
      {selected && (
        <CaseDetail
          key={selected}
          caseId={selected}
          liveTick={liveTick}
          onBack={() => setSelected(null)}
          onOpen={setSelected}
          onChanged={setChanged}
        />
      )}
    </Screen>
  );
}
