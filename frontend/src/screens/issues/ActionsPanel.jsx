// What the signed-in user can do with the issue now: one button per allowed action (from the
// issue's allowed_actions, nothing else), plus "Sửa" for the commune while the issue is
// submitted or returned. Actions without inputs run at once (withdrawing asks first); the
// others open their form below the buttons.
import { useEffect, useRef, useState } from 'preact/hooks';
import { Confirm } from '../../components/Confirm.jsx';
import { applyAction } from '../../issuesApi.js';
import { ActionForm } from './ActionForm.jsx';
import { ACTIONS, orderedActions } from './actions.js';
import { EditIssueForm } from './EditIssueForm.jsx';
import { uncertain, useIdempotencyKey } from './submit.js';

export function canEdit(user, issue) {
  return user.role === 'commune_officer' && issue.commune && user.unit && issue.commune.id === user.unit.id && ['submitted', 'returned'].includes(issue.state);
}

export function ActionsPanel({ user, issue, refs, onChanged, onStale }) {
  const [open, setOpen] = useState(null); // an action, or 'edit'
  const [asking, setAsking] = useState(null);
  const [busy, setBusy] = useState(null);
  const [notice, setNotice] = useState(null);
  const [error, setError] = useState(null);
  const idem = useIdempotencyKey();
  const noticeRef = useRef(null);
  const buttonsRef = useRef(null);

  useEffect(() => {
    if (notice && noticeRef.current) noticeRef.current.focus();
  }, [notice]);

  const actions = orderedActions(issue.allowed_actions);
  const editable = canEdit(user, issue);
  const resubmit = issue.allowed_actions.includes('resubmit');

  function done(updated, message) {
    setOpen(null);
    setAsking(null);
    setError(null);
    setNotice(message);
    onChanged(updated);
  }

  async function run(action) {
    if (busy) return;
    setBusy(action);
    setError(null);
    setNotice(null);
    try {
      const updated = await applyAction(issue.id, issue.version, action, {}, idem.keyFor({ action, version: issue.version }));
      idem.done();
      setBusy(null);
      done(updated, ACTIONS[action].done);
    } catch (err) {
      if (!uncertain(err)) idem.done();
      setBusy(null);
      setAsking(null);
      if (err.code === 'stale_version' || err.code === 'transition_not_allowed') {
        setError({ message: 'Kiến nghị vừa được người khác cập nhật; trang đã tải lại thông tin mới nhất. Hãy xem lại rồi thực hiện lại.', retry: false });
        onStale();
      } else {
        setError({ message: err.message, action });
      }
    }
  }

  function press(action) {
    setNotice(null);
    setError(null);
    const meta = ACTIONS[action];
    if (meta.inputs.length) setOpen(action);
    else if (meta.question) setAsking(action);
    else run(action);
  }

  function close() {
    setOpen(null);
    const first = buttonsRef.current && buttonsRef.current.querySelector('button');
    if (first) first.focus();
  }

  if (!actions.length && !editable && !notice && !open) return null;
  const title = user.role === 'commune_officer' ? 'Việc của xã' : 'Xử lý kiến nghị';
  return (
    <section class="card actions-panel" aria-labelledby="actions-title">
      <h2 id="actions-title" class="section-title">
        {title}
      </h2>
      {notice && (
        <p class="notice" role="status" tabIndex={-1} ref={noticeRef}>
          {notice}
        </p>
      )}
      {error && (
        <div class="error-box" role="alert">
          <p class="error-text">{error.message}</p>
          {error.action && (
            <button type="button" class="button" onClick={() => run(error.action)}>
              Thử lại
            </button>
          )}
        </div>
      )}
      {!open && (actions.length > 0 || editable) && (
        <p class="actions action-buttons" ref={buttonsRef}>
          {actions.map((a) => {
            const meta = ACTIONS[a];
            const cls = meta.primary ? 'button' : meta.danger ? 'button button-secondary button-danger-outline' : 'button button-secondary';
            return (
              <button key={a} type="button" class={cls} disabled={Boolean(busy)} onClick={() => press(a)} aria-haspopup={meta.inputs.length ? 'true' : undefined}>
                {busy === a ? 'Đang thực hiện…' : meta.label}
              </button>
            );
          })}
          {editable && (
            <button type="button" class="button button-secondary" disabled={Boolean(busy)} onClick={() => setOpen('edit')}>
              {resubmit ? 'Sửa và gửi lại' : 'Sửa nội dung'}
            </button>
          )}
        </p>
      )}
      {asking && (
        <Confirm
          question={ACTIONS[asking].question}
          confirmLabel={ACTIONS[asking].label}
          busy={busy === asking}
          onConfirm={() => run(asking)}
          onCancel={() => setAsking(null)}
        />
      )}
      {open === 'edit' && <EditIssueForm issue={issue} canResubmit={resubmit} onDone={done} onStale={onStale} onCancel={close} />}
      {open && open !== 'edit' && (
        <ActionForm action={open} issue={issue} refs={refs} stillAllowed={issue.allowed_actions.includes(open)} onDone={done} onStale={onStale} onCancel={close} />
      )}
    </section>
  );
}
