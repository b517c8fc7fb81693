// A video's provenance, readable by anyone who may see the video: its C2PA manifest as the server validates it now,
// put into words, so a viewer can tell an AI-made video, who vouches for it, and that every likeness in it was used
// under a recorded consent decision.
import { useState } from 'preact/hooks';
import { gql, session } from '../api/client.js';
import { href } from '../api/router.js';
import { count, when, words } from '../api/format.js';
import { useValue } from '../api/signal.js';
import { ErrorNote, Loading, Screen, useLoad } from '../ui/ui.jsx';

const VIDEO_PROVENANCE = `query VideoProvenance($id: ID!) {
  video(id: $id) {
    id prompt status publishedAt model url posterUrl labels ageRestricted
    creator { id handle }
    remixOf { id prompt }
    provenance {
      state valid activeManifest signer issuer
      actions { action digitalSourceType softwareAgent ingredients }
      ingredients { relationship title format instanceId activeManifest manifestState }
      receipts
      failures { code url explanation }
      problem
    }
    posterProvenance { state valid signer problem }
  }
}`;

// IPTC digital source types (the C2PA vocabulary), by the last segment of their URI, so the words do not depend on
// whether a manifest spells the full http://cv.iptc.org/newscodes/digitalsourcetype/ URI or the bare term.
const SOURCE_TYPES = {
  trainedAlgorithmicMedia: 'Made by an AI model',
  compositeWithTrainedAlgorithmicMedia: 'Partly made by an AI model, combined with other media',
  algorithmicallyEnhanced: 'Real media enhanced by an algorithm',
  algorithmicMedia: 'Made by an algorithm (not a trained model)',
  compositeSynthetic: 'A composite that includes synthetic media',
  composite: 'A composite of several pieces of media',
  digitalCapture: 'Captured by a camera or recorder',
  negativeFilm: 'Scanned from negative film',
  positiveFilm: 'Scanned from positive film',
  print: 'Scanned from a print',
  humanEdits: 'Edited by a person',
  minorHumanEdits: 'Lightly edited by a person',
  digitalArt: 'Made by a person with digital tools',
  virtualRecording: 'A recording of a virtual environment',
  screenCapture: 'A screen capture',
  dataDrivenMedia: 'Generated from data',
};

const ACTIONS = {
  'c2pa.created': 'Created',
  'c2pa.edited': 'Edited',
  'c2pa.opened': 'Opened an existing file',
  'c2pa.placed': 'Placed another file into it',
  'c2pa.converted': 'Converted to another format',
  'c2pa.cropped': 'Cropped',
  'c2pa.resized': 'Resized',
  'c2pa.transcoded': 'Re-encoded',
  'c2pa.published': 'Published',
  'c2pa.removed': 'Removed part of it',
  'c2pa.repackaged': 'Repackaged',
};

const RELATIONSHIPS = {
  inputTo: 'An input to the AI model',
  parentOf: 'The file this one was made from',
  componentOf: 'A part of this file',
};

// State is spelled out with a marker, never only coloured.
const STATES = {
  TRUSTED: { mark: '✓', text: 'Valid and trusted: intact, and signed by a signer this server trusts' },
  VALID: { mark: '✓', text: 'Valid: intact and signed, though the signer is not on this server’s trust list' },
  INVALID: { mark: '✕', text: 'Invalid: the file or its manifest does not match what was signed' },
  ABSENT: { mark: '–', text: 'No content credentials: the file carries no C2PA manifest' },
};

function sourceType(uri) {
  if (!uri) return null;
  const term = uri.split('/').pop();
  return SOURCE_TYPES[term] ?? `Source type: ${term}`;
}

function StateLine({ state }) {
  const s = STATES[state] ?? { mark: '?', text: words(state) };
  return (
    <span class={`badge ${state === 'TRUSTED' || state === 'VALID' ? 'ok' : ''}`}>
      <span aria-hidden="true">{s.mark} </span>
      {s.text}
    </span>
  );
}

/** What an ingredient is, in words: Sora names its inputs by instance id (a remix source, an uploaded image). */
function Ingredient({ ingredient }) {
  const id = ingredient.instanceId ?? '';
  const video = id.match(/^sora:video:(.+)$/);
  const upload = id.match(/^sora:upload:sha256:(.+)$/);
  return (
    <li>
      <strong>{RELATIONSHIPS[ingredient.relationship] ?? words(ingredient.relationship)}</strong>
      {': '}
      {video ? (
        <>
          the video it remixes (<a href={href(`/videos/${video[1]}`)}>its provenance</a>)
        </>
      ) : upload ? (
        <>an uploaded image (SHA-256 <span class="mono">{upload[1]}</span>)</>
      ) : (
        ingredient.title || 'an input'
      )}
      {ingredient.format && <span class="muted"> · {ingredient.format}</span>}
      <div>
        Its own credentials: <StateLine state={ingredient.manifestState} />
      </div>
      {ingredient.activeManifest && <div class="mono muted">{ingredient.activeManifest}</div>}
    </li>
  );
}

function ContentCredentials({ provenance }) {
  const made = provenance.actions.find((a) => a.digitalSourceType) ?? null;
  const model = made?.softwareAgent;
  return (
    <section class="card" aria-labelledby="credentials-title">
      <h2 id="credentials-title">Content credentials</h2>
      {made && (
        <p>
          <strong>{sourceType(made.digitalSourceType)}</strong>
          {model && <> ({model})</>}.
        </p>
      )}
      <p>
        <StateLine state={provenance.state} />
      </p>
      {provenance.state !== 'ABSENT' && (
        <dl>
          <dt>Signed by</dt>
          <dd>{provenance.signer ?? 'Unknown signer'}</dd>
          <dt>Certificate issued by</dt>
          <dd>{provenance.issuer ?? 'Unknown issuer'}</dd>
          {provenance.activeManifest && (
            <>
              <dt>Manifest</dt>
              <dd class="mono">{provenance.activeManifest}</dd>
            </>
          )}
        </dl>
      )}
      {provenance.problem && (
        <p>
          <span aria-hidden="true">✕ </span>
          {provenance.problem}
        </p>
      )}
      {provenance.failures.length > 0 && (
        <details>
          <summary>{count(provenance.failures.length, 'failed check')}</summary>
          <ul>
            {provenance.failures.map((f, i) => (
              <li key={i}>
                <span class="mono">{f.code}</span>: {f.explanation}
                {f.url && <div class="mono muted">{f.url}</div>}
              </li>
            ))}
          </ul>
        </details>
      )}

      {provenance.actions.length > 0 && (
        <>
          <h3>What was done</h3>
          <ul>
            {provenance.actions.map((a, i) => (
              <li key={i}>
                {ACTIONS[a.action] ?? a.action}
                {a.digitalSourceType && <> · {sourceType(a.digitalSourceType)}</>}
                {a.softwareAgent && <> · by {a.softwareAgent}</>}
                {a.ingredients.length > 0 && <> · using {count(a.ingredients.length, 'input')}</>}
              </li>
            ))}
          </ul>
        </>
      )}

      <h3>Inputs</h3>
      {provenance.ingredients.length === 0 ? (
        <p class="muted">None: it was made from its prompt alone.</p>
      ) : (
        <ul>
          {provenance.ingredients.map((g, i) => (
            <Ingredient key={g.instanceId ?? i} ingredient={g} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ConsentReceipts({ receipts }) {
  return (
    <section class="card" aria-labelledby="receipts-title">
      <h2 id="receipts-title">Consent receipts</h2>
      {receipts.length === 0 ? (
        <p>No cameo appears in this video, so no consent was needed.</p>
      ) : (
        <>
          <p>
            Each cameo in this video was used under a recorded consent decision. The signed manifest carries the hash of
            each decision’s receipt (SHA-256); receipts are chained per cameo, each covering the one before, so removing
            or editing any past decision shows.
          </p>
          <ul class="plain">
            {receipts.map((r) => (
              <li key={r} class="mono">
                {r}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Player({ video }) {
  // Moderators' labels are shown before the video plays, so a viewer chooses to watch (flashing lights, graphic).
  const [accepted, setAccepted] = useState(video.labels.length === 0);
  if (!video.url) return <p class="muted">The video file is not available right now.</p>;
  if (!accepted)
    return (
      <div class="card" role="group" aria-label="Content warning">
        <p>
          <span aria-hidden="true">⚠ </span>A moderator labelled this video: {video.labels.map(words).join(', ')}.
        </p>
        <button type="button" onClick={() => setAccepted(true)}>
          Show the video
        </button>
      </div>
    );
  return (
    <video class="player" controls playsInline preload="metadata" poster={video.posterUrl ?? undefined} src={video.url} aria-label={`Video: ${video.prompt}`} />
  );
}

export function ProvenanceScreen({ videoId }) {
  const me = useValue(session);
  const load = useLoad(async () => (await gql(VIDEO_PROVENANCE, { id: videoId })).video, [videoId, me?.id]);
  const video = load.data;

  if (load.error?.code === 'NOT_FOUND')
    return (
      <Screen title="Video not available">
        <p>This video is not available (withdrawn, removed or not yours to see).</p>
        <p>
          <a href={href('/feed')}>Back to the feed</a>
        </p>
      </Screen>
    );

  return (
    <Screen title="About this video">
      {load.loading && <Loading label="Checking the video’s credentials…" />}
      <ErrorNote error={load.error} />
      {video && (
        <>
          <Player key={video.id} video={video} />
          <p class="prompt">“{video.prompt}”</p>
          <p class="muted">
            {video.creator ? <>By @{video.creator.handle}</> : 'By a deleted account'}
            {video.publishedAt ? <> · published {when(video.publishedAt)}</> : <> · {words(video.status)}</>}
            {video.model && <> · {video.model}</>}
            {video.ageRestricted && <> · Age-restricted</>}
          </p>
          {video.remixOf && (
            <p>
              Remix of <a href={href(`/videos/${video.remixOf.id}`)}>“{video.remixOf.prompt}”</a>
            </p>
          )}
          {me && !video.ageRestricted && (
            <p>
              <a class="button-link" href={href(`/create?remix=${encodeURIComponent(video.id)}`)}>
                Remix this video
              </a>
            </p>
          )}
          <ContentCredentials provenance={video.provenance} />
          <ConsentReceipts receipts={video.provenance.receipts} />
          <p>
            Poster image: <StateLine state={video.posterProvenance.state} />
            {video.posterProvenance.problem && <> ({video.posterProvenance.problem})</>}
          </p>
          <button type="button" onClick={load.reload} disabled={load.loading}>
            Check again
          </button>
        </>
      )}
    </Screen>
  );
}
