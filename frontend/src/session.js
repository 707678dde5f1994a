// Who is signed in. The access token lives in this module's memory only — never in
// localStorage or a readable cookie — so a reload starts without one and api.js restores the
// session from the HttpOnly refresh cookie. Screens read the session through useSession().
import { useEffect, useState } from 'preact/hooks';

/**
 * status: 'restoring' (asking the server at start-up), 'anonymous' or 'authenticated'.
 * reason: why the session ended ('logout', 'expired'), shown on the login screen.
 */
let state = { status: 'restoring', token: null, user: null, reason: null };
const listeners = new Set();

function publish(next) {
  state = next;
  for (const fn of listeners) fn(state);
}

/** The access token for the Authorization header, or null. */
export function accessToken() {
  return state.token;
}

/** Stores a login / refresh / password-change answer: {access_token, must_change_password, user}. */
export function startSession(body) {
  const user = { ...body.user };
  // The flag is at the top level and in the user object; either one set means "change it".
  user.must_change_password = Boolean(body.must_change_password || user.must_change_password);
  publish({ status: 'authenticated', token: body.access_token, user, reason: null });
}

/** The server said the password must be changed first (403 password_change_required). */
export function requirePasswordChange() {
  if (state.status !== 'authenticated' || state.user.must_change_password) return;
  publish({ ...state, user: { ...state.user, must_change_password: true } });
}

/** Forgets the token and the user. `reason` is 'logout', 'expired' or null (never signed in). */
export function endSession(reason = null) {
  publish({ status: 'anonymous', token: null, user: null, reason });
}

/** Re-renders the calling component whenever the session changes; returns the session. */
export function useSession() {
  const [current, setCurrent] = useState(state);
  useEffect(() => {
    listeners.add(setCurrent);
    setCurrent(state); // it may have changed between the render and this effect
    return () => listeners.delete(setCurrent);
  }, []);
  return current;
}
