// As the prompt is typed, each @mention is asked the same consent question requestGeneration will ask, so the
// creator learns before paying whether that person allows it (and which right would be used).
import { useEffect, useState } from 'preact/hooks';
import { gql } from '../api/client.js';
import { words } from '../api/format.js';
import { CONSENT, mentions } from './operations.js';

export function MentionCheck({ prompt }) {
  const [answers, setAnswers] = useState({});
  const handles = mentions(prompt);
  const key = handles.join(',');

  useEffect(() => {
    if (!handles.length) return setAnswers({});
    let live = true;
    // Debounced: one round of checks once typing pauses, not one per key.
    const timer = setTimeout(async () => {
      const next = {};
      await Promise.all(handles.map(async (handle) => {
        try {
          const { cameoConsent } = await gql(CONSENT, { handle, prompt });
          next[handle] = cameoConsent;
        } catch (error) {
          next[handle] = { allowed: false, errors: [{ code: error.code, message: error.message }] };
        }
      }));
      if (live) setAnswers(next);
    }, 350);
    return () => { live = false; clearTimeout(timer); };
  }, [key, prompt]);

  if (!handles.length) return null;
  return (
    <ul class="plain" aria-label="Cameo consent" aria-live="polite" data-testid="mentions">
      {handles.map((handle) => {
        const answer = answers[handle];
        if (!answer) return <li key={handle}><span class="badge wait">Checking</span> @{handle}</li>;
        return (
          <li key={handle} data-allowed={answer.allowed ? 'true' : 'false'}>
            {answer.allowed ? <span class="badge good">Allowed</span> : <span class="badge bad">Not allowed</span>} @{handle}
            {answer.allowed && answer.right && <span class="muted"> — under {answer.right === 'GRANT' ? 'a grant to you' : answer.right === 'OWNER' ? 'your own cameo' : `the audience ${words(answer.audience)}`}</span>}
            {!answer.allowed && answer.errors?.[0] && <span> — {answer.errors[0].message} <span class="code">({answer.errors[0].code})</span></span>}
          </li>
        );
      })}
    </ul>
  );
}
