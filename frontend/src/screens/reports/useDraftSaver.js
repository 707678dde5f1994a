// Saving a narrative as people type: each change waits a moment (debounce) and the whole
// narrative is sent with the version last read (If-Match). What the user typed is never thrown
// away: a failed save keeps the text and tries again; a 412 (someone else saved meanwhile)
// reloads the report, keeps the user's text in the boxes and shows what the other person
// wrote; leaving the page with unsaved text asks first and sends what is pending.
import { useEffect, useRef, useState } from 'preact/hooks';

const DEBOUNCE_MS = 1200;
const RETRY_MS = 8000;

/**
 * `initial`: {narrative, version, updated_at}; `save(narrative, version)` and `reload()`
 * resolve with the report. `onReport(report)` receives every fresh copy (new figures).
 * Returns {text, setSection, status, conflict, flush, dismissConflict}.
 * status.kind: 'idle' | 'pending' | 'saving' | 'saved' | 'error' | 'conflict' | 'locked'.
 */
export function useDraftSaver({ initial, save, reload, onReport }) {
  const [text, setText] = useState(() => ({ ...(initial.narrative || {}) }));
  const [status, setStatus] = useState(() => ({ kind: initial.updated_at ? 'saved' : 'idle', at: initial.updated_at || null }));
  const kind = useRef(status.kind);
  const [conflict, setConflict] = useState(null); // {narrative, at} as the other person left it
  const textRef = useRef(text);
  const versionRef = useRef(initial.version || 0);
  const dirty = useRef(false);
  const running = useRef(null);
  const timer = useRef(null);
  const retry = useRef(null);
  const live = useRef(true);
  const fns = useRef({ save, reload, onReport });
  fns.current = { save, reload, onReport };

  function set(next) {
    kind.current = next.kind;
    if (live.current) setStatus(next);
  }
  // After a conflict the user decides when to save over the other person's text; once the
  // report is sent nothing more is saved.
  const waiting = () => kind.current === 'conflict' || kind.current === 'locked';

  async function run() {
    let ok = true;
    while (dirty.current) {
      dirty.current = false;
      const sent = textRef.current;
      set({ kind: 'saving' });
      try {
        const report = await fns.current.save(sent, versionRef.current);
        versionRef.current = report.version;
        if (live.current) fns.current.onReport(report);
        set(dirty.current ? { kind: 'pending' } : { kind: 'saved', at: report.updated_at || new Date().toISOString() });
      } catch (error) {
        dirty.current = true;
        ok = false;
        if (error && error.status === 412) {
          await onStale();
        } else if (error && error.code === 'report_submitted') {
          set({ kind: 'locked', error });
          refresh();
        } else {
          set({ kind: 'error', error });
          // Network trouble or a server hiccup: try again in a while, the text stays here.
          if (!error || error.status === 0 || error.status >= 500) {
            clearTimeout(retry.current);
            retry.current = setTimeout(() => flush(), RETRY_MS);
          }
        }
        break;
      }
    }
    return ok;
  }

  // Someone else saved: take their version number, keep our text, show theirs.
  async function onStale() {
    try {
      const fresh = await fns.current.reload();
      versionRef.current = fresh.version;
      if (!live.current) return;
      fns.current.onReport(fresh);
      setConflict({ narrative: fresh.narrative || {}, at: fresh.updated_at });
      set({ kind: 'conflict', at: fresh.updated_at });
    } catch (error) {
      set({ kind: 'error', error });
    }
  }

  async function refresh() {
    try {
      const fresh = await fns.current.reload();
      if (live.current) fns.current.onReport(fresh);
    } catch {
      // The locked message already says what happened.
    }
  }

  /** Sends what is pending now; resolves true when everything typed is saved. */
  function flush() {
    clearTimeout(timer.current);
    clearTimeout(retry.current);
    if (running.current) return running.current.then(() => (dirty.current ? flush() : true));
    if (!dirty.current) return Promise.resolve(true);
    running.current = run().finally(() => {
      running.current = null;
    });
    return running.current;
  }

  function setSection(key, value) {
    const next = { ...textRef.current, [key]: value };
    textRef.current = next;
    setText(next);
    dirty.current = true;
    if (waiting()) return;
    set({ kind: 'pending' });
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (!waiting()) flush();
    }, DEBOUNCE_MS);
  }

  /** After a conflict: save the user's text over the other version now. */
  function saveMine() {
    setConflict(null);
    kind.current = 'pending';
    dirty.current = true;
    return flush();
  }

  /** After a conflict: take the other person's text for `key`. */
  function takeTheirs(key) {
    if (!conflict) return;
    setSection(key, conflict.narrative[key] || '');
  }

  // Leaving with unsaved text: the browser asks first; the SPA sends it on the way out.
  useEffect(() => {
    function beforeUnload(event) {
      if (dirty.current || running.current) {
        event.preventDefault();
        event.returnValue = '';
      }
    }
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      live.current = false;
      clearTimeout(timer.current);
      clearTimeout(retry.current);
      if (dirty.current && !running.current) run();
    };
  }, []);

  return { text, setSection, status, conflict, flush, saveMine, takeTheirs, version: () => versionRef.current };
}
