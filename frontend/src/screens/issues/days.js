// Calendar dates from the API ("2026-12-11": due dates, dispatch dates) shown as dd/mm/yyyy
// without going through a time zone.
export function formatDay(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || '');
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}
