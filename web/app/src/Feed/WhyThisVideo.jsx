// "Why this video": the ranking's own account of an item, its reasons and the weighted parts of its score, so a
// viewer can see (and, with see less or not interested, change) what the published blend did.
import { Dialog } from '../ui/ui.jsx';
import { words } from '../api/format.js';

const REASONS = {
  FOLLOWED_CREATOR: (v) => `You follow @${v.creator?.handle ?? 'its creator'}.`,
  FRIEND_IN_CAMEO: () => 'Someone you are friends with appears in it.',
  TRENDING_IN_REGION: () => 'It is trending where you are.',
  SIMILAR_TO_INTERESTS: () => 'It is like videos you watched to the end or liked.',
  ASSISTANT_TOPICS: () => 'It matches topics from the assistant history you connected.',
  EXPLORATION: () => 'Something new, so your feed does not only repeat itself.',
  POPULAR: () => 'Many people are watching it.',
  RECENT: () => 'It is new.',
};

export function WhyThisVideo({ open, onClose, item }) {
  const largest = Math.max(0.0001, ...item.scoreParts.map((p) => Math.abs(p.value)));
  return (
    <Dialog title="Why this video" open={open} onClose={onClose}>
      <ul>
        {item.reasons.map((r) => (
          <li key={r}>{(REASONS[r] ?? (() => words(r)))(item.video)}</li>
        ))}
      </ul>
      {item.scoreParts.length > 0 && (
        <>
          <h3>How it was scored</h3>
          <table>
            <caption class="visually-hidden">Parts of the ranking score</caption>
            <thead>
              <tr><th scope="col">Part</th><th scope="col">Weighted value</th><th scope="col">Share</th></tr>
            </thead>
            <tbody>
              {item.scoreParts.map((p) => (
                <tr key={p.name}>
                  <td>{words(p.name)}</td>
                  <td>{p.value.toFixed(3)}</td>
                  <td><meter min={0} max={largest} value={Math.abs(p.value)} aria-label={`${words(p.name)}: ${p.value.toFixed(3)}`} /></td>
                </tr>
              ))}
            </tbody>
          </table>
          {item.score !== null && <p>Total score: {item.score.toFixed(3)}. The weights are published in the operator's docs (docs/feed.md).</p>}
        </>
      )}
    </Dialog>
  );
}
