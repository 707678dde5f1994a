// The facts of an issue (who raised it, field, lead and supporting departments, who holds it
// since when, due date), its description, and the answer with its legal basis — including
// the ministry's reply when it went to the centre.
import { formatDateTime } from '../../format.js';
import { Link } from '../../router.js';
import { formatDay } from './days.js';
import { OverdueBadge } from './StateBadge.jsx';

const FINAL = ['closed', 'withdrawn'];

export function IssueFacts({ issue, user }) {
  const department = user.role === 'department_officer' || user.role === 'department_head';
  return (
    <dl class="facts issue-facts">
      <div>
        <dt>Xã, phường gửi</dt>
        <dd>{issue.commune && issue.commune.name}</dd>
      </div>
      <div>
        <dt>Lĩnh vực</dt>
        <dd>{issue.field && issue.field.name}</dd>
      </div>
      <div>
        <dt>Sở chủ trì</dt>
        <dd>{issue.lead && issue.lead.name}</dd>
      </div>
      {issue.supporting && issue.supporting.length > 0 && (
        <div>
          <dt>Sở phối hợp</dt>
          <dd>{issue.supporting.map((u) => u.name).join('; ')}</dd>
        </div>
      )}
      {!FINAL.includes(issue.state) && (
        <div>
          <dt>{issue.state === 'answered' ? 'Chờ xác nhận' : issue.state === 'returned' ? 'Chờ bổ sung, gửi lại' : 'Đang ở'}</dt>
          <dd>
            {issue.holder && issue.holder.name}
            <span class="dd-note line">từ {formatDateTime(issue.held_since)}</span>
          </dd>
        </div>
      )}
      {!FINAL.includes(issue.state) && issue.due_date && (
        <div>
          <dt>Hạn xử lý</dt>
          <dd>
            <span class={issue.overdue ? 'due due-over' : 'due'}>{formatDay(issue.due_date)}</span> {issue.overdue && <OverdueBadge />}
          </dd>
        </div>
      )}
      <div>
        <dt>Người gửi</dt>
        <dd>
          {issue.created_by && issue.created_by.full_name}
          <span class="dd-note line">lúc {formatDateTime(issue.created_at)}</span>
        </dd>
      </div>
      {issue.closed_at && (
        <div>
          <dt>{issue.state === 'withdrawn' ? 'Rút lúc' : 'Kết thúc lúc'}</dt>
          <dd>{formatDateTime(issue.closed_at)}</dd>
        </div>
      )}
      {issue.group_id && department && (
        <div>
          <dt>Nhóm kiến nghị</dt>
          <dd>
            <Link href={`/kien-nghi/nhom/${issue.group_id}`}>Xem nhóm</Link>
          </dd>
        </div>
      )}
    </dl>
  );
}

export function AnswerBlock({ issue }) {
  const central = issue.ministry || issue.dispatch_no;
  if (!issue.answer && !central) return null;
  const ministryAnswered = issue.ministry_reply && issue.ministry_reply === issue.answer;
  return (
    <section class="card answer" aria-labelledby="answer-title">
      {central && (
        <div class="answer-central">
          <h2 id={issue.answer ? 'central-title' : 'answer-title'} class="section-title">
            Kiến nghị Trung ương
          </h2>
          <dl class="facts facts-compact">
            {issue.ministry && (
              <div>
                <dt>Bộ, ngành</dt>
                <dd>{issue.ministry.name}</dd>
              </div>
            )}
            {issue.dispatch_no && (
              <div>
                <dt>Số công văn</dt>
                <dd>{issue.dispatch_no}</dd>
              </div>
            )}
            {issue.dispatch_date && (
              <div>
                <dt>Ngày công văn</dt>
                <dd>{formatDay(issue.dispatch_date)}</dd>
              </div>
            )}
          </dl>
        </div>
      )}
      {issue.answer && (
        <>
          <h2 id="answer-title" class="section-title">
            {ministryAnswered ? 'Trả lời của Bộ, ngành' : 'Trả lời'}
          </h2>
          <p class="answer-by">
            {issue.answered_by && <strong>{issue.answered_by.name}</strong>}
            {issue.answered_at && <> · {formatDateTime(issue.answered_at)}</>}
          </p>
          <div class="prose">{issue.answer}</div>
          {issue.legal_basis && (
            <p class="legal-basis">
              <span class="legal-basis-label">Căn cứ: </span>
              {issue.legal_basis}
            </p>
          )}
          {issue.shareable && <p class="muted small">Đã chia sẻ vào thư viện hỏi đáp.</p>}
        </>
      )}
    </section>
  );
}
