// Reporting: a reason and an optional note. The person reported never learns who reported.
import { useState } from 'preact/hooks';
import { mutate } from '../api/client.js';
import { words } from '../api/format.js';
import { Dialog, ErrorNote, Field, Status, useAction } from '../ui/ui.jsx';
import { REPORT } from './operations.js';

const REASONS = ['LIKENESS_WITHOUT_CONSENT', 'MINOR', 'SEXUAL_CONTENT', 'HARASSMENT', 'VIOLENCE', 'HATE', 'SPAM', 'IMPERSONATION', 'OTHER'];

export function ReportDialog({ open, onClose, target, targetId }) {
  const [reason, setReason] = useState('LIKENESS_WITHOUT_CONSENT');
  const [text, setText] = useState('');
  const [sent, setSent] = useState(false);
  const send = useAction(async () => {
    await mutate(REPORT, { input: { target, targetId, reason, text: text || null } }, 'report');
    setSent(true);
  });
  return (
    <Dialog title="Report" open={open} onClose={() => { setSent(false); onClose(); }}>
      {sent ? (
        <Status>Thank you. A moderator will look at it; you can follow it under your reports.</Status>
      ) : (
        <form onSubmit={(e) => { e.preventDefault(); send.run(); }}>
          <Field label="What is wrong">
            {(a) => (
              <select {...a} value={reason} onChange={(e) => setReason(e.currentTarget.value)}>
                {REASONS.map((r) => <option key={r} value={r}>{r === 'LIKENESS_WITHOUT_CONSENT' ? 'It shows me (or someone) without consent' : words(r)}</option>)}
              </select>
            )}
          </Field>
          <Field label="Anything a moderator should know (optional)">
            {(a) => <textarea {...a} maxLength={1000} value={text} onInput={(e) => setText(e.currentTarget.value)} />}
          </Field>
          <ErrorNote error={send.error} />
          <button type="submit" class="primary" disabled={send.busy}>Send report</button>
        </form>
      )}
    </Dialog>
  );
}
