// Units for pickers: the lists of the kinds a role needs, loaded once per session (api.js
// caches them), as options grouped by kind.
import { listUnits } from '../../../api.js';

export const KIND_GROUPS = [
  { kind: 'province', label: 'Cơ quan cấp tỉnh' },
  { kind: 'department', label: 'Sở, ban, ngành' },
  { kind: 'commune', label: 'Xã, phường' },
];

/** Loads the units of `kinds`; resolves with one flat array. */
export function loadUnits(kinds) {
  return Promise.all(kinds.map((kind) => listUnits({ kind }))).then((lists) => lists.flatMap((l) => l.items));
}
