// The commune edits its issue while it is submitted or returned (PATCH with If-Match: the
// version it read) and, when the department returned it, sends it back ("Lưu và gửi lại":
// the edit, then the resubmit action). A 412 means someone changed it meanwhile: the page
// reloads the issue and the text typed here stays.
import { useEffect, useState } from 'preact/hooks';
import { applyAction, updateIssue } from '../../issuesApi.js';
import { IssueTextFields, TEXT_IDS, textProblems } from './IssueTextFields.jsx';
import { fieldErrors, focusFirstError, uncertain, useIdempotencyKey } from './submit.js';

const FIELD_OF = { title: 'title', description: 'description', kind: 'kind' };

export function EditIssueForm({ issue, canResubmit, onDone, onStale, onCancel }) {
  const [text, setText] = useState({ kind: issue.kind, title: issue.title, description: issue.description });
  const [errors, setErrors] = useState({});
  const [stale, setStale] = useState(null);
  const [busy, setBusy] = useState(null);
  const idem = useIdempotencyKey();

  useEffect(() => {
    const el = document.getElementById('issue-title');
    if (el) el.focus();
  }, []);

  async function save(resubmit) {
    if (busy) return;
    const found = textProblems(text);
    setErrors(found);
    if (Object.keys(found).length) return focusFirstError(found, TEXT_IDS);
    const changes = {};
    if (text.kind !== issue.kind) changes.kind = text.kind;
    if (text.title.trim() !== issue.title) changes.title = text.title.trim();
    if (text.description !== issue.description) changes.description = text.description;
    if (!Object.keys(changes).length && !resubmit) {
      setErrors({ form: 'Bạn chưa thay đổi gì.' });
      return;
    }
    setBusy(resubmit ? 'resubmit' : 'save');
    setStale(null);
    let current = issue;
    try {
      if (Object.keys(changes).length) current = await updateIssue(issue.id, issue.version, changes);
      if (resubmit) {
        current = await applyAction(current.id, current.version, 'resubmit', {}, idem.keyFor({ action: 'resubmit', version: current.version }));
        idem.done();
      }
      onDone(current, resubmit ? 'Đã lưu và gửi lại kiến nghị cho sở chủ trì.' : 'Đã lưu nội dung kiến nghị.');
    } catch (err) {
      if (!uncertain(err)) idem.done();
      setBusy(null);
      if (current !== issue) {
        // The edit went through; only the resubmit failed. The page shows the saved text.
        onStale();
      }
      if (err.code === 'stale_version' || err.code === 'transition_not_allowed' || err.code === 'edit_not_allowed') {
        setStale(
          err.code === 'stale_version'
            ? 'Kiến nghị vừa được người khác thay đổi. Trang đã tải lại thông tin mới nhất ở trên; nội dung bạn sửa vẫn còn dưới đây. Hãy xem lại rồi lưu lại.'
            : 'Không sửa được nữa: kiến nghị đã chuyển sang trạng thái khác. Trang đã tải lại thông tin mới nhất.',
        );
        onStale();
        return;
      }
      const e = fieldErrors(err, FIELD_OF);
      if (current !== issue && e.form) e.form = `Đã lưu nội dung nhưng chưa gửi lại được: ${e.form}`;
      setErrors(e);
      focusFirstError(e, TEXT_IDS);
    }
  }

  return (
    <form
      class="form action-form"
      aria-label="Sửa kiến nghị"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save(canResubmit);
      }}
    >
      <h3 class="action-form-title">{canResubmit ? 'Sửa và gửi lại' : 'Sửa nội dung kiến nghị'}</h3>
      {stale && (
        <p class="notice notice-info" role="alert">
          {stale}
        </p>
      )}
      {errors.form && (
        <p class="form-error" role="alert" tabIndex={-1}>
          {errors.form}
        </p>
      )}
      <IssueTextFields
        value={text}
        errors={errors}
        onChange={(name, value) => {
          setText((t) => ({ ...t, [name]: value }));
          if (errors[name] || errors.form) setErrors((e) => ({ ...e, [name]: null, form: null }));
        }}
      />
      <p class="actions">
        {canResubmit && (
          <button type="submit" class="button" disabled={Boolean(busy)}>
            {busy === 'resubmit' ? 'Đang gửi lại…' : 'Lưu và gửi lại'}
          </button>
        )}
        {canResubmit ? (
          <button type="button" class="button button-secondary" disabled={Boolean(busy)} onClick={() => save(false)}>
            {busy === 'save' ? 'Đang lưu…' : 'Chỉ lưu, chưa gửi lại'}
          </button>
        ) : (
          <button type="submit" class="button" disabled={Boolean(busy)}>
            {busy === 'save' ? 'Đang lưu…' : 'Lưu thay đổi'}
          </button>
        )}
        <button type="button" class="button button-secondary" disabled={Boolean(busy)} onClick={onCancel}>
          Hủy
        </button>
      </p>
    </form>
  );
}
