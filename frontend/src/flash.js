// A one-time message for the page the user is sent to next ("Đã đổi mật khẩu."): shown on that
// page only, and gone once the user moves elsewhere.
import { useEffect, useState } from 'preact/hooks';

let flash = null; // {text, path}
const listeners = new Set();

function publish(next) {
  flash = next;
  for (const fn of listeners) fn(flash);
}

/** Shows `text` on the page at `path`. */
export function setFlash(text, path) {
  publish({ text, path });
}

/** The message for `path`, if any; forgets it once the user is on another page. */
export function useFlash(path) {
  const [current, setCurrent] = useState(flash);
  useEffect(() => {
    listeners.add(setCurrent);
    setCurrent(flash);
    return () => listeners.delete(setCurrent);
  }, []);
  useEffect(() => {
    if (flash && flash.path !== path) publish(null);
  }, [path]);
  return current && current.path === path ? current.text : null;
}
