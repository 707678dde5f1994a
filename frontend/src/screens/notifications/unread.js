// The unread notification count shared by the bell in the header and the notifications page:
// asked from the server (GET /notifications?unread=true), and set directly when the page marks
// notifications as read, so the bell follows at once.
import { useEffect, useState } from 'preact/hooks';
import { countUnreadNotifications } from '../../api.js';

let unread = null; // null until known
let lastAsked = 0;
let inFlight = null;
const listeners = new Set();

export function setUnread(n) {
  unread = n;
  for (const fn of listeners) fn(n);
}

/** Asks the server again (at most one request at a time; failures keep the last count). */
export function refreshUnread() {
  if (!inFlight) {
    lastAsked = Date.now();
    inFlight = countUnreadNotifications()
      .then(setUnread, () => {})
      .finally(() => {
        inFlight = null;
      });
  }
  return inFlight;
}

/** Milliseconds since the count was last asked for. */
export function sinceAsked() {
  return Date.now() - lastAsked;
}

export function useUnread() {
  const [n, setN] = useState(unread);
  useEffect(() => {
    listeners.add(setN);
    setN(unread);
    return () => listeners.delete(setN);
  }, []);
  return n;
}
