// Search helpers: people type Vietnamese without diacritics on many phones ("hac thanh" must
// find "Phường Hạc Thành"), so matching folds both sides to plain lowercase ASCII letters.

/** Lowercase, without diacritics, đ → d, runs of spaces collapsed. */
export function foldText(s) {
  return String(s)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A predicate for `query`: true when every word of the query starts some word of the texts,
 * in any order ("hac thanh", "thanh hac" and "14797" all find Phường Hạc Thành (14797)).
 * An empty query matches everything.
 */
export function makeMatcher(query) {
  const words = splitWords(query);
  if (words.length === 0) return () => true;
  return (...texts) => {
    const hay = texts.filter((t) => t != null).flatMap(splitWords);
    return words.every((w) => hay.some((h) => h.startsWith(w)));
  };
}

function splitWords(s) {
  return foldText(s).split(/[^a-z0-9]+/).filter(Boolean);
}
