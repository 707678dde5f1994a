// Phones start with filters folded, so the list itself is on the first screen.
export function wideScreen() {
  return window.matchMedia('(min-width: 40rem)').matches;
}
