// The unread notification count shared by the bell in the header and the notifications page:
// asked from the server (GET /notifications?unread=true), and set directly when the page marks
// notifications as read, so the bell follows at once.
import { useEffect, useState } from 'preact/hooks';
import { countUnreadNotifications } from '../../api.js';

let unread = null; // null until known
let lastAsked = 0;
let inFlight = null;
let asked = 0; // numbers the requests, so an old answer never overwrites a newer one
const listeners = new Set();

export function setUnread(n) {
  asked += 1; // a count set here is newer than any request in flight
  unread = n;
  for (const fn of listeners) fn(n);
}

/**
 * Asks the server again (one request at a time; failures keep the last count). `fresh`: a
 * new session — ask now, and ignore what a request of the previous session answers.
 */
export function refreshUnread({ fresh = false } = {}) {
  if (!inFlight || fresh) {
    const mine = ++asked;
    lastAsked = Date.now();
    const p = countUnreadNotifications()
      .then(
        (n) => mine === asked && setUnread(n),
        () => {},
      )
      .finally(() => {
        if (inFlight === p) inFlight = null;
      });
    inFlight = p;
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
