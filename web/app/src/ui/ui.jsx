// Shared pieces every screen uses, written once so labels, errors and live announcements behave the same everywhere.
import { useCallback, useEffect, useId, useRef, useState } from 'preact/hooks';

/** A labelled control: the label names it, the hint and the error are tied to it with aria-describedby. */
export function Field({ label, hint, error, children, inline = false }) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const control = typeof children === 'function' ? children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? 'true' : undefined }) : children;
  return (
    <div class={inline ? 'field field-inline' : 'field'}>
      <label for={id}>{label}</label>
      {control}
      {hint && <small id={hintId} class="hint">{hint}</small>}
      {error && <small id={errorId} class="field-error" role="alert">⚠ {error}</small>}
    </div>
  );
}

/** An error as a sentence with its code: the code is what support and the API docs speak of. */
export function ErrorNote({ error }) {
  if (!error) return null;
  return (
    <p class="error" role="alert">
      <span aria-hidden="true">⚠ </span>
      {error.message}
      {error.code && <span class="code"> ({error.code})</span>}
    </p>
  );
}

/** Polite live region: progress and confirmations are announced without moving focus. */
export function Status({ children }) {
  return (
    <p class="status" role="status" aria-live="polite">
      {children}
    </p>
  );
}

/** Loads data for a screen; answers { data, error, loading, reload }. A newer load wins over an older one. */
export function useLoad(load, deps) {
  const [state, setState] = useState({ data: null, error: null, loading: true });
  const generation = useRef(0);
  const run = useCallback(async () => {
    const mine = ++generation.current;
    setState((s) => ({ ...s, loading: true, error: null }));
    try {
      const data = await load();
      if (mine === generation.current) setState({ data, error: null, loading: false });
    } catch (error) {
      if (mine === generation.current) setState((s) => ({ data: s.data, error, loading: false }));
    }
  }, deps);
  useEffect(() => {
    run();
  }, [run]);
  return { ...state, reload: run };
}

/** Runs an action (a mutation) with a busy flag and its error, for buttons and forms. */
export function useAction(action) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const run = useCallback(
    async (...args) => {
      setBusy(true);
      setError(null);
      try {
        return await action(...args);
      } catch (e) {
        setError(e);
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [action],
  );
  return { run, busy, error, setError };
}

/** A modal on the native dialog element: focus is trapped and Escape closes it, as browsers do for dialogs. */
export function Dialog({ title, open, onClose, children }) {
  const ref = useRef(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} aria-labelledby={titleId} onClose={onClose} onCancel={onClose}>
      <header class="dialog-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" class="icon" onClick={onClose} aria-label="Close">
          ✕
        </button>
      </header>
      {open && children}
    </dialog>
  );
}

/** A screen: one h1, so screen readers and the document title say where you are. */
export function Screen({ title, children, wide = false }) {
  useEffect(() => {
    document.title = `${title} · Sora`;
  }, [title]);
  return (
    <section class={wide ? 'screen wide' : 'screen'} aria-labelledby="screen-title">
      <h1 id="screen-title">{title}</h1>
      {children}
    </section>
  );
}

/** Tabs as a radio-like set of buttons with aria-pressed (simple, keyboard-reachable, no colour-only state). */
export function Segmented({ label, options, value, onChange }) {
  return (
    <div class="segmented" role="group" aria-label={label}>
      {options.map((o) => (
        <button type="button" key={o.value} aria-pressed={value === o.value ? 'true' : 'false'} onClick={() => onChange(o.value)}>
          {value === o.value && <span aria-hidden="true">● </span>}
          {o.label}
        </button>
      ))}
    </div>
  );
}

export function Loading({ label = 'Loading…' }) {
  return (
    <p class="loading" role="status">
      {label}
    </p>
  );
}

/** The next page of a list: its error, and a button while the server says there is more. */
export function LoadMore({ more, hasNext, label = 'Load more' }) {
  return (
    <>
      <ErrorNote error={more.error} />
      {hasNext && (
        <button type="button" onClick={() => more.run()} disabled={more.busy}>
          {more.busy ? 'Loading…' : label}
        </button>
      )}
    </>
  );
}
