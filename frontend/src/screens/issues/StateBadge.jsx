// An issue's state as a coloured badge, and the overdue flag.
import { STATES } from './labels.js';

export function StateBadge({ state }) {
  const s = STATES[state] || { label: state, tone: 'done' };
  return <span class={`badge state state-${s.tone}`}>{s.label}</span>;
}

export function OverdueBadge() {
  return <span class="badge badge-bad">Quá hạn</span>;
}
