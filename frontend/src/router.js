// Client-side routing with the History API: nginx answers every page path with index.html,
// and this module decides what to show for location.pathname. Links are ordinary <a href>
// (they work with a middle click and without JavaScript's help); <Link> just avoids reloads.
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';

const listeners = new Set();

function current() {
  return { path: window.location.pathname, search: window.location.search };
}

function publish() {
  const loc = current();
  for (const fn of listeners) fn(loc);
}

window.addEventListener('popstate', publish);

/** Goes to `to` ("/quan-tri/nguoi-dung?q=an"); `replace` keeps the history entry count. */
export function navigate(to, { replace = false } = {}) {
  const here = window.location.pathname + window.location.search;
  if (to === here) return;
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  publish();
}

/** {path, search} of the current page; re-renders on navigation. */
export function useLocation() {
  const [loc, setLoc] = useState(current);
  useEffect(() => {
    listeners.add(setLoc);
    setLoc(current());
    return () => listeners.delete(setLoc);
  }, []);
  return loc;
}

/**
 * Matches `path` against a pattern with ":name" segments; returns the captured parameters
 * or null. "/quan-tri/nguoi-dung/:id" matches "/quan-tri/nguoi-dung/12" → {id: "12"}.
 */
export function matchPath(pattern, path) {
  const want = pattern.split('/');
  const have = path.replace(/\/+$/, '').split('/');
  if (pattern === '/') return path === '/' ? {} : null;
  if (want.length !== have.length) return null;
  const params = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) {
      if (!have[i]) return null;
      params[want[i].slice(1)] = decodeURIComponent(have[i]);
    } else if (want[i] !== have[i]) {
      return null;
    }
  }
  return params;
}

/** An <a> that navigates without reloading the page (plain clicks only). */
export function Link({ href, onClick, ...props }) {
  function handle(event) {
    if (onClick) onClick(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  }
  return h('a', { href, onClick: handle, ...props });
}
