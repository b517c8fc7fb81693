// The auditor's view of one cameo's consent: the state at any past instant replayed from its events (who could use
// it, and every use receipted up to then), its raw history, and the export an auditor files away. The server
// answers only the auditor role (not admins, not owners) and refuses others with FORBIDDEN, which is shown as is.
import { useState } from 'preact/hooks';
import { ApiError, download, gql, hasRole, session } from '../api/client.js';
import { count, shortHash, when, words } from '../api/format.js';
import { useValue } from '../api/signal.js';
import { ErrorNote, Field, Loading, Screen, Segmented, Status, useAction, useLoad, LoadMore } from '../ui/ui.jsx';

const PAGE = 25;

const GRANT_FIELDS = `fragment AuditGrant on CameoGrant { id grantee { id handle } grantedAt expiresAt maxUses uses revokedAt valid }`;
const USE_FIELDS = `fragment AuditUse on CameoUseReceipt {
  useId requesterId right grantId audience audienceVersion restrictionsVersion path sourceVideoId parentUseId
  pendingApproval promptSha256 previousHash receiptHash at
}`;

const WHO_COULD_USE = `query WhoCouldUse($cameoId: ID!, $at: DateTimeOffset!, $first: Int) {
  whoCouldUse(cameoId: $cameoId, at: $at) {
    at ownerId status active audience audienceVersion restrictions restrictionsVersion blocked
    validGrants(first: $first) { edges { node { ...AuditGrant } } pageInfo { hasNextPage endCursor } }
    uses(first: $first) { edges { node { ...AuditUse } } pageInfo { hasNextPage endCursor } }
  }
} ${GRANT_FIELDS} ${USE_FIELDS}`;

const MORE_GRANTS = `query WhoCouldUseMoreGrants($cameoId: ID!, $at: DateTimeOffset!, $first: Int, $after: String) {
  whoCouldUse(cameoId: $cameoId, at: $at) {
    validGrants(first: $first, after: $after) { edges { node { ...AuditGrant } } pageInfo { hasNextPage endCursor } }
  }
} ${GRANT_FIELDS}`;

const MORE_USES = `query WhoCouldUseMoreUses($cameoId: ID!, $at: DateTimeOffset!, $first: Int, $after: String) {
  whoCouldUse(cameoId: $cameoId, at: $at) {
    uses(first: $first, after: $after) { edges { node { ...AuditUse } } pageInfo { hasNextPage endCursor } }
  }
} ${USE_FIELDS}`;

const CONSENT_HISTORY = `query ConsentHistory($cameoId: ID!, $from: DateTimeOffset, $to: DateTimeOffset, $first: Int, $after: String) {
  consentHistory(cameoId: $cameoId, from: $from, to: $to, first: $first, after: $after) {
    edges { node { sequence version at type actor correlationId data } }
    pageInfo { hasNextPage endCursor }
  }
}`;

// The first receipt of a cameo chains from 64 zeros (ConsentReceipts.Genesis on the server).
const GENESIS = '0'.repeat(64);

// download() reports the HTTP status only; the export answers these statuses for these reasons (ConsentExport.cs).
const EXPORT_REFUSALS = {
  HTTP_400: 'The export format is JSON Lines or CSV.',
  HTTP_401: 'Sign in again to export.',
  HTTP_403: 'Only auditors can export consent history.',
  HTTP_404: 'No cameo has that id.',
};

const pad = (n) => String(n).padStart(2, '0');

/** A Date as a datetime-local value (local wall time, to the second). */
function localValue(date) {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/**
 * A datetime-local value as ISO 8601 with this browser's offset at that instant (not UTC), so the instant an auditor
 * typed is the one asked for and reads back the same way, daylight saving included.
 */
function toOffsetIso(value) {
  if (!value) return null;
  const date = new Date(value); // a date-time without an offset parses as local time
  if (Number.isNaN(date.getTime())) return null;
  const minutes = -date.getTimezoneOffset();
  const sign = minutes >= 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  return `${localValue(date)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function useMore(initial) {
  const [extra, setExtra] = useState([]);
  const pages = [initial, ...extra].filter(Boolean);
  const last = pages[pages.length - 1];
  return {
    items: pages.flatMap((p) => p.edges.map((e) => e.node)),
    pageInfo: last?.pageInfo,
    add: (page) => setExtra((e) => [...e, page]),
  };
}

function Hash({ value }) {
  return (
    <span class="mono" title={value}>
      {shortHash(value)}
    </span>
  );
}

function GrantList({ request, initial }) {
  const list = useMore(initial);
  const more = useAction(async () => {
    const page = (await gql(MORE_GRANTS, { ...request, first: PAGE, after: list.pageInfo.endCursor })).whoCouldUse.validGrants;
    list.add(page);
  });
  return (
    <section aria-labelledby="grants-title">
      <h3 id="grants-title">Grants in force</h3>
      {list.items.length === 0 ? (
        <p class="muted">No grant was in force at that instant.</p>
      ) : (
        <ul class="plain">
          {list.items.map((g) => (
            <li key={g.id}>
              <strong>{g.grantee ? `@${g.grantee.handle}` : 'A deleted account'}</strong>
              <div>
                Granted {when(g.grantedAt)} · {g.expiresAt ? `expires ${when(g.expiresAt)}` : 'no expiry'} · {g.maxUses != null ? `${g.uses} of ${g.maxUses} uses` : `${count(g.uses, 'use')} (no limit)`}
              </div>
              <div class="muted">
                Grant <span class="mono">{g.id}</span>
                {g.revokedAt ? ` · revoked ${when(g.revokedAt)} (since then)` : ''}
              </div>
            </li>
          ))}
        </ul>
      )}
      <LoadMore more={more} hasNext={list.pageInfo?.hasNextPage} label="Load more grants" />
    </section>
  );
}

function UseList({ request, initial }) {
  const list = useMore(initial);
  const more = useAction(async () => {
    const page = (await gql(MORE_USES, { ...request, first: PAGE, after: list.pageInfo.endCursor })).whoCouldUse.uses;
    list.add(page);
  });
  return (
    <section aria-labelledby="uses-title">
      <h3 id="uses-title">Uses receipted up to then</h3>
      <p class="hint">
        Oldest first. Each receipt’s previous hash should be the hash of the receipt before it; the export recomputes every
        hash.
      </p>
      {list.items.length === 0 ? (
        <p class="muted">No use of this cameo had been receipted by then.</p>
      ) : (
        <ol class="plain">
          {list.items.map((u, i) => {
            const expected = i === 0 ? GENESIS : list.items[i - 1].receiptHash;
            const linked = u.previousHash === expected;
            return (
              <li key={u.useId}>
                <strong>{when(u.at)}</strong> · {words(u.path)} · right: {words(u.right)}
                {u.pendingApproval && <> · <span class="badge wait">Waiting for the owner’s approval</span></>}
                <div>
                  Requester <span class="mono">{u.requesterId}</span>
                  {u.grantId && (
                    <>
                      {' '}
                      · grant <span class="mono">{u.grantId}</span>
                    </>
                  )}
                </div>
                <div>
                  Audience {words(u.audience)} (v{u.audienceVersion}) · restrictions v{u.restrictionsVersion}
                </div>
                <div>
                  Receipt <Hash value={u.receiptHash} /> · previous <Hash value={u.previousHash} />{' '}
                  <span class={linked ? 'ok' : 'error'}>
                    {linked ? (i === 0 ? '✓ starts the chain' : '✓ follows the receipt above') : i === 0 ? '✕ does not start the chain' : '✕ does not follow the receipt above'}
                  </span>
                </div>
                <details>
                  <summary>More</summary>
                  <dl>
                    <dt>Use</dt>
                    <dd class="mono">{u.useId}</dd>
                    <dt>Prompt (SHA-256)</dt>
                    <dd class="mono">{u.promptSha256}</dd>
                    <dt>Receipt hash</dt>
                    <dd class="mono">{u.receiptHash}</dd>
                    <dt>Previous hash</dt>
                    <dd class="mono">{u.previousHash}</dd>
                    {u.sourceVideoId && (
                      <>
                        <dt>Remixed video</dt>
                        <dd class="mono">{u.sourceVideoId}</dd>
                      </>
                    )}
                    {u.parentUseId && (
                      <>
                        <dt>Descends from use</dt>
                        <dd class="mono">{u.parentUseId}</dd>
                      </>
                    )}
                  </dl>
                </details>
              </li>
            );
          })}
        </ol>
      )}
      <LoadMore more={more} hasNext={list.pageInfo?.hasNextPage} label="Load more uses" />
    </section>
  );
}

function Snapshot({ cameoId, at }) {
  const request = { cameoId, at };
  const load = useLoad(async () => (await gql(WHO_COULD_USE, { ...request, first: PAGE })).whoCouldUse, [cameoId, at]);
  const s = load.data;
  if (load.loading) return <Loading label="Replaying the cameo’s events…" />;
  if (load.error) return <ErrorNote error={load.error} />;
  return (
    <section class="card" aria-labelledby="snapshot-title">
      <h2 id="snapshot-title">Consent at {when(s.at)}</h2>
      <dl>
        <dt>Owner</dt>
        <dd class="mono">{s.ownerId}</dd>
        <dt>Status</dt>
        <dd>
          {words(s.status)} · {s.active ? '✓ Active' : '✕ Deactivated (no new use allowed)'}
        </dd>
        <dt>Audience</dt>
        <dd>
          {words(s.audience)} (version {s.audienceVersion})
        </dd>
        <dt>Restrictions (version {s.restrictionsVersion})</dt>
        <dd>
          {s.restrictions.length === 0 ? (
            'None'
          ) : (
            <ul>
              {s.restrictions.map((r, i) => (
                <li key={i}>{r}</li>
              ))}
            </ul>
          )}
        </dd>
        <dt>Blocked accounts</dt>
        <dd>
          {s.blocked.length === 0 ? (
            'Nobody'
          ) : (
            <ul>
              {s.blocked.map((id) => (
                <li key={id} class="mono">
                  {id}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      <GrantList request={request} initial={s.validGrants} />
      <UseList request={request} initial={s.uses} />
    </section>
  );
}

function pretty(json) {
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}

function History({ cameoId, from, to }) {
  const variables = { cameoId, from, to, first: PAGE };
  const load = useLoad(async () => (await gql(CONSENT_HISTORY, variables)).consentHistory, [cameoId, from, to]);
  const list = useMore(load.data);
  const more = useAction(async () => list.add((await gql(CONSENT_HISTORY, { ...variables, after: list.pageInfo.endCursor })).consentHistory));
  if (load.loading) return <Loading label="Reading the history…" />;
  if (load.error) return <ErrorNote error={load.error} />;
  return (
    <section class="card" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <p class="hint">
        Every event of the cameo’s stream{from || to ? ' in the window' : ''}, oldest first, as stored.
      </p>
      {list.items.length === 0 ? (
        <p>No event in that window. Widen it, or leave From and To empty for the whole history.</p>
      ) : (
        <ol class="plain">
          {list.items.map((e) => (
            <li key={e.sequence}>
              <strong class="mono">{e.type}</strong> · {when(e.at)}
              <div class="muted">
                Version {e.version} · sequence {e.sequence} · by {e.actor ? <span class="mono">{e.actor}</span> : 'the system'}
                {e.correlationId && (
                  <>
                    {' '}
                    · correlation <span class="mono">{e.correlationId}</span>
                  </>
                )}
              </div>
              <details>
                <summary>Event data</summary>
                <pre class="mono json">{pretty(e.data)}</pre>
              </details>
            </li>
          ))}
        </ol>
      )}
      <LoadMore more={more} hasNext={list.pageInfo?.hasNextPage} />
    </section>
  );
}

export function AuditScreen() {
  const me = useValue(session);
  const auditor = !!me && hasRole('AUDITOR');
  const [cameoId, setCameoId] = useState('');
  const [at, setAt] = useState(() => localValue(new Date()));
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [format, setFormat] = useState('jsonl');
  const [idError, setIdError] = useState(null);
  const [atError, setAtError] = useState(null);
  // Each request gets a fresh number, so asking the same question twice reloads instead of keeping the old answer.
  const [request, setRequest] = useState(null);
  const [downloaded, setDownloaded] = useState('');

  function id() {
    const value = cameoId.trim();
    setIdError(value ? null : 'Enter the cameo’s id.');
    return value || null;
  }

  function ask(kind) {
    const cameo = id();
    if (!cameo) return;
    if (kind === 'who') {
      const instant = toOffsetIso(at);
      setAtError(instant ? null : 'Enter a date and time.');
      if (!instant) return;
      setRequest({ kind, cameoId: cameo, at: instant, n: (request?.n ?? 0) + 1 });
    } else {
      setRequest({ kind, cameoId: cameo, from: toOffsetIso(from), to: toOffsetIso(to), n: (request?.n ?? 0) + 1 });
    }
  }

  const exporting = useAction(async () => {
    const cameo = id();
    if (!cameo) return;
    setDownloaded('');
    const name = `cameo-${cameo}-consent.${format}`;
    try {
      await download(`/audit/cameos/${encodeURIComponent(cameo)}/export?format=${format}`, name);
    } catch (e) {
      throw EXPORT_REFUSALS[e.code] ? new ApiError(EXPORT_REFUSALS[e.code], e.code) : e;
    }
    setDownloaded(`Saved ${name}.`);
  });

  return (
    <Screen title="Consent audit">
      {!auditor && (
        <p class="card">
          Consent audits are for auditors. {hasRole('ADMIN') ? 'Being an admin is not enough: the auditor role is needed too. ' : ''}
          The server refuses these questions to anyone else, and says so below if you ask.
        </p>
      )}
      <form
        class="card"
        onSubmit={(e) => {
          e.preventDefault();
          ask('who');
        }}
      >
        <Field label="Cameo id" error={idError}>
          {(a) => <input {...a} value={cameoId} autocomplete="off" spellcheck={false} required onInput={(e) => setCameoId(e.currentTarget.value)} />}
        </Field>
        <Field label="At (your local time)" hint="The instant to replay the consent state at." error={atError}>
          {(a) => <input {...a} type="datetime-local" step="1" value={at} onInput={(e) => setAt(e.currentTarget.value)} />}
        </Field>
        <div class="row">
          <button type="submit" class="primary">
            Who could use it
          </button>
          <button type="button" onClick={() => setAt(localValue(new Date()))}>
            Set to now
          </button>
        </div>
        <fieldset>
          <legend>History window (optional, inclusive)</legend>
          <Field label="From">{(a) => <input {...a} type="datetime-local" step="1" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />}</Field>
          <Field label="To">{(a) => <input {...a} type="datetime-local" step="1" value={to} onInput={(e) => setTo(e.currentTarget.value)} />}</Field>
          <button type="button" onClick={() => ask('history')}>
            History
          </button>
        </fieldset>
        <fieldset>
          <legend>Export</legend>
          <p class="hint">The whole history as stored, with a last record saying whether the receipt chain is intact.</p>
          <Segmented
            label="Export format"
            value={format}
            onChange={setFormat}
            options={[
              { value: 'jsonl', label: 'JSON Lines' },
              { value: 'csv', label: 'CSV' },
            ]}
          />
          <button type="button" onClick={() => exporting.run()} disabled={exporting.busy}>
            {exporting.busy ? 'Preparing…' : 'Download export'}
          </button>
          <ErrorNote error={exporting.error} />
          <Status>{downloaded}</Status>
        </fieldset>
      </form>

      {!request && <p class="muted">Enter a cameo id, then ask who could use it at an instant, or read its history.</p>}
      {request?.kind === 'who' && <Snapshot key={request.n} cameoId={request.cameoId} at={request.at} />}
      {request?.kind === 'history' && <History key={request.n} cameoId={request.cameoId} from={request.from} to={request.to} />}
    </Screen>
  );
}
