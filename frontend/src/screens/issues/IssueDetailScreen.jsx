// One issue: its code, state and facts, the description, the answer, what the user may do
// now (allowed_actions), attachments, and the timeline with comments. Actions update the issue
// in place; when someone else changed it meanwhile the page reloads it.
import { useEffect, useState } from 'preact/hooks';
import { ErrorMessage } from '../../components/ErrorMessage.jsx';
import { Loading } from '../../components/Loading.jsx';
import { getIssue, getIssueEvents } from '../../issuesApi.js';
import { Link } from '../../router.js';
import { useTitle } from '../../title.js';
import { useResource } from '../../useResource.js';
import { ActionsPanel } from './ActionsPanel.jsx';
import { Attachments } from './Attachments.jsx';
import { AnswerBlock, IssueFacts } from './IssueFacts.jsx';
import { kindLabel } from './labels.js';
import { loadRefs } from './refs.js';
import { OverdueBadge, StateBadge } from './StateBadge.jsx';
import { CommentForm, Timeline } from './Timeline.jsx';
import { listSetup } from './views.js';
import './issues.css';

const READ_ONLY = ['home_affairs', 'leadership'];

export function IssueDetailScreen({ user, params }) {
  const id = params.id;
  const [data, setData] = useState({ id: null, issue: null, events: null });
  const [status, setStatus] = useState({ loading: true, error: null, eventsError: null });
  const [attempt, setAttempt] = useState(0);
  const refs = useResource(() => loadRefs(), []);
  const valid = /^[1-9][0-9]{0,9}$/.test(id);

  useEffect(() => {
    if (!valid) return undefined;
    const controller = new AbortController();
    const signal = controller.signal;
    setStatus((s) => ({ ...s, loading: true, error: null }));
    Promise.all([getIssue(id, { signal }), getIssueEvents(id, { signal }).catch((err) => ({ failed: err }))]).then(
      ([issue, events]) => {
        setData({ id, issue, events: events.failed ? null : events.items });
        setStatus({ loading: false, error: null, eventsError: events.failed || null });
      },
      (error) => {
        if (!signal.aborted) setStatus({ loading: false, error, eventsError: null });
      },
    );
    return () => controller.abort();
  }, [id, attempt]);

  const reload = () => setAttempt((n) => n + 1);
  const issue = data.id === id ? data.issue : null;
  useTitle(issue ? `${issue.code} – ${issue.title}` : 'Kiến nghị');
  const listTitle = listSetup(user).title;

  let body;
  if (!valid || (status.error && status.error.status === 404)) {
    body = (
      <div class="card">
        <h1 id="page-title" class="page-title" tabIndex={-1}>
          Không tìm thấy kiến nghị
        </h1>
        <p>Kiến nghị này không tồn tại hoặc đơn vị của bạn không được xem.</p>
      </div>
    );
  } else if (status.error && !issue) {
    body = <ErrorMessage title="Không tải được kiến nghị." error={status.error} onRetry={reload} />;
  } else if (!issue) {
    body = <Loading>Đang tải kiến nghị…</Loading>;
  } else {
    body = (
      <IssueView
        user={user}
        issue={issue}
        events={data.events}
        refs={refs.data}
        status={status}
        onChanged={(updated) => {
          setData((d) => ({ ...d, issue: updated }));
          reload();
        }}
        reload={reload}
      />
    );
  }

  return (
    <>
      <p class="breadcrumb">
        <Link href="/kien-nghi">{listTitle}</Link> <span aria-hidden="true">›</span>
      </p>
      {body}
    </>
  );
}

function IssueView({ user, issue, events, refs, status, onChanged, reload }) {
  return (
    <article class="issue-detail" aria-labelledby="page-title">
      <header class="issue-head">
        <p class="issue-top">
          <span class="issue-code">{issue.code}</span>
          <StateBadge state={issue.state} />
          {issue.overdue && <OverdueBadge />}
          <span class="badge">{kindLabel(issue.kind)}</span>
        </p>
        <h1 id="page-title" class="page-title" tabIndex={-1}>
          {issue.title}
        </h1>
      </header>
      {status.error && <ErrorMessage title="Không tải lại được kiến nghị; đang hiện thông tin đã tải trước đó." error={status.error} onRetry={reload} />}
      {READ_ONLY.includes(user.role) && <p class="notice notice-info">Bạn theo dõi kiến nghị này: có thể cho ý kiến; việc xử lý do đơn vị đang giữ kiến nghị thực hiện.</p>}
      <div class="issue-columns">
        <div class="issue-main">
          <section class="card" aria-labelledby="desc-title">
            <h2 id="desc-title" class="section-title">
              Nội dung
            </h2>
            <div class="prose">{issue.description}</div>
            <IssueFacts issue={issue} user={user} />
          </section>
          <AnswerBlock issue={issue} />
          <ActionsPanel user={user} issue={issue} refs={refs} onChanged={onChanged} onStale={reload} />
          <Attachments user={user} issue={issue} onUploaded={reload} />
        </div>
        <section class="card issue-side" aria-labelledby="timeline-title">
          <h2 id="timeline-title" class="section-title">
            Diễn biến
          </h2>
          {status.eventsError && !events ? (
            <ErrorMessage title="Không tải được diễn biến." error={status.eventsError} onRetry={reload} />
          ) : !events ? (
            <Loading />
          ) : (
            <Timeline events={events} refs={refs} />
          )}
          <CommentForm issueId={issue.id} onAdded={reload} />
        </section>
      </div>
    </article>
  );
}
