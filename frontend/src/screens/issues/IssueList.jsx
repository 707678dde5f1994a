// Issues as cards: code, state, overdue flag, title (a link to the issue), commune and field,
// who holds it since when and the due date. In the department inbox each card has a checkbox
// to pick issues to group.
import { formatDate, formatDateTime } from '../../format.js';
import { Link } from '../../router.js';
import { formatDay } from './days.js';
import { kindLabel } from './labels.js';
import { OverdueBadge, StateBadge } from './StateBadge.jsx';

const FINAL = ['closed', 'withdrawn'];

export function HolderLine({ issue }) {
  if (FINAL.includes(issue.state)) return null;
  const holder = issue.holder ? issue.holder.name : '';
  const waiting = issue.state === 'answered' || issue.state === 'returned';
  return (
    <p class="issue-holder">
      {waiting ? 'Chờ ' : 'Đang ở '}
      <strong>{holder}</strong>
      {waiting && (issue.state === 'answered' ? ' xác nhận' : ' bổ sung, gửi lại')}
      {issue.held_since && <> từ {formatDateTime(issue.held_since)}</>}
      {issue.due_date && (
        <>
          {' · '}
          <span class={issue.overdue ? 'due due-over' : 'due'}>Hạn {formatDay(issue.due_date)}</span>
        </>
      )}
    </p>
  );
}

export function IssueList({ issues, refs, label, selectable, selected, onToggle, role }) {
  const commune = role === 'commune_officer';
  return (
    <ul class="issue-list" aria-label={label}>
      {issues.map((issue) => {
        const field = refs && refs.fields.get(issue.field);
        const canPick = selectable && ['submitted', 'in_progress', 'reopened'].includes(issue.state);
        return (
          <li key={issue.id} class={issue.overdue ? 'issue-card is-overdue' : 'issue-card'}>
            {canPick && (
              <div class="issue-pick">
                <input
                  type="checkbox"
                  id={`pick-${issue.id}`}
                  checked={selected.has(issue.id)}
                  onChange={() => onToggle(issue)}
                />
                <label for={`pick-${issue.id}`} class="visually-hidden">
                  Chọn {issue.code} để gộp nhóm
                </label>
              </div>
            )}
            <div class="issue-body">
              <p class="issue-top">
                <span class="issue-code">{issue.code}</span>
                <StateBadge state={issue.state} />
                {issue.overdue && <OverdueBadge />}
                {issue.group_id && !commune && <span class="badge">Trong nhóm</span>}
              </p>
              <Link href={`/kien-nghi/${issue.id}`} class="issue-title">
                {issue.title}
              </Link>
              <p class="issue-meta">
                {issue.commune && !commune && <span>{issue.commune.name}</span>}
                <span>{field ? field.name : issue.field}</span>
                <span>{kindLabel(issue.kind)}</span>
                <span>Gửi {formatDate(issue.created_at)}</span>
              </p>
              <HolderLine issue={issue} />
            </div>
          </li>
        );
      })}
    </ul>
  );
}
