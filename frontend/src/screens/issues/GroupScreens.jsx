// Issue groups of a department: the list ("Nhóm kiến nghị") and one group — its members and
// one answer for all of them (POST /issue-groups/{id}/answer: every member is answered and
// gets its own event).
import { useState } from 'preact/hooks';
import { ErrorMessage } from '../../components/ErrorMessage.jsx';
import { Field, TextField } from '../../components/Field.jsx';
import { Loading } from '../../components/Loading.jsx';
import { formatDateTime, formatNumber } from '../../format.js';
import { answerGroup, getGroup, listGroups } from '../../issuesApi.js';
import { Link } from '../../router.js';
import { useTitle } from '../../title.js';
import { useResource } from '../../useResource.js';
import { IssueList } from './IssueList.jsx';
import { INBOX_STATES } from './labels.js';
import { loadRefs } from './refs.js';
import { fieldErrors, focusFirstError, uncertain, useIdempotencyKey } from './submit.js';
import './issues.css';

function Breadcrumb({ group }) {
  return (
    <p class="breadcrumb">
      <Link href="/kien-nghi">Hộp kiến nghị</Link> <span aria-hidden="true">›</span>
      {group && (
        <>
          {' '}
          <Link href="/kien-nghi/nhom">Nhóm kiến nghị</Link> <span aria-hidden="true">›</span>
        </>
      )}
    </p>
  );
}

export function GroupsScreen() {
  useTitle('Nhóm kiến nghị');
  const groups = useResource((signal) => listGroups({ signal }), []);
  const items = (groups.data && groups.data.items) || [];
  return (
    <>
      <Breadcrumb />
      <h1 id="page-title" class="page-title" tabIndex={-1}>
        Nhóm kiến nghị
      </h1>
      <p class="page-lead">Cùng một câu hỏi từ nhiều xã, phường: gộp lại để trả lời một lần. Chọn các kiến nghị trong hộp kiến nghị rồi bấm “Gộp nhóm”.</p>
      {groups.error ? (
        <ErrorMessage title="Không tải được danh sách nhóm." error={groups.error} onRetry={groups.retry} />
      ) : groups.loading && !groups.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <p class="empty">Đơn vị chưa gộp nhóm kiến nghị nào.</p>
      ) : (
        <ul class="cards" aria-label="Các nhóm kiến nghị">
          {items.map((g) => {
            const waiting = g.issues.filter((i) => INBOX_STATES.includes(i.state)).length;
            return (
              <li key={g.id} class="card-item">
                <Link href={`/kien-nghi/nhom/${g.id}`} class="card-item-title">
                  {g.title}
                </Link>
                <p class="card-item-meta">
                  {formatNumber(g.issues.length)} kiến nghị · tạo {formatDateTime(g.created_at)}
                </p>
                <p class="badges">{waiting > 0 ? <span class="badge state state-work">{formatNumber(waiting)} chờ trả lời</span> : <span class="badge badge-ok">Đã trả lời hết</span>}</p>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

export function GroupScreen({ params }) {
  const [attempt, setAttempt] = useState(0);
  const [notice, setNotice] = useState(null);
  const group = useResource((signal) => getGroup(params.id, { signal }), [params.id, attempt]);
  const refs = useResource(() => loadRefs(), []);
  const g = group.data;
  useTitle(g ? `Nhóm: ${g.title}` : 'Nhóm kiến nghị');

  if (group.error && (!g || group.error.status === 404)) {
    return (
      <>
        <Breadcrumb group />
        {group.error.status === 404 ? (
          <div class="card">
            <h1 id="page-title" class="page-title" tabIndex={-1}>
              Không tìm thấy nhóm kiến nghị
            </h1>
            <p>Nhóm này không tồn tại hoặc không thuộc đơn vị của bạn.</p>
          </div>
        ) : (
          <ErrorMessage title="Không tải được nhóm kiến nghị." error={group.error} onRetry={group.retry} />
        )}
      </>
    );
  }
  if (!g) {
    return (
      <>
        <Breadcrumb group />
        <Loading />
      </>
    );
  }
  const waiting = g.issues.filter((i) => INBOX_STATES.includes(i.state));
  return (
    <>
      <Breadcrumb group />
      <h1 id="page-title" class="page-title" tabIndex={-1}>
        {g.title}
      </h1>
      <p class="page-lead">
        Nhóm {formatNumber(g.issues.length)} kiến nghị, tạo lúc {formatDateTime(g.created_at)}.{' '}
        {waiting.length > 0 ? `${formatNumber(waiting.length)} kiến nghị đang chờ trả lời.` : 'Tất cả kiến nghị trong nhóm đã được trả lời.'}
      </p>
      {group.error && <ErrorMessage title="Không tải lại được nhóm." error={group.error} onRetry={group.retry} />}
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {waiting.length > 0 && (
        <GroupAnswerForm
          group={g}
          count={waiting.length}
          onDone={(message) => {
            setNotice(message);
            setAttempt((n) => n + 1);
          }}
        />
      )}
      <h2 class="section-title block">Các kiến nghị trong nhóm</h2>
      <IssueList issues={g.issues} refs={refs.data} label="Kiến nghị trong nhóm" />
    </>
  );
}

function GroupAnswerForm({ group, count, onDone }) {
  const [v, setV] = useState({ answer: '', legal_basis: '', shareable: true });
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const idem = useIdempotencyKey();
  const set = (name) => (e) => {
    const value = e.currentTarget.type === 'checkbox' ? e.currentTarget.checked : e.currentTarget.value;
    setV((o) => ({ ...o, [name]: value }));
    if (errors[name] || errors.form) setErrors((o) => ({ ...o, [name]: null, form: null }));
  };

  async function submit(event) {
    event.preventDefault();
    if (busy) return;
    if (!v.answer.trim()) {
      setErrors({ answer: 'Nhập nội dung trả lời chung.' });
      return focusFirstError({ answer: true }, { answer: 'group-answer' });
    }
    const body = { answer: v.answer.trim(), shareable: v.shareable };
    if (v.legal_basis.trim()) body.legal_basis = v.legal_basis.trim();
    setBusy(true);
    try {
      await answerGroup(group.id, body, idem.keyFor(body));
      idem.done();
      setBusy(false);
      onDone(`Đã trả lời ${formatNumber(count)} kiến nghị của nhóm; mỗi xã, phường đã nhận câu trả lời.`);
    } catch (err) {
      if (!uncertain(err)) idem.done();
      setBusy(false);
      const e = fieldErrors(err, { answer: 'answer', legal_basis: 'legal_basis' }, { answer: 'Nhập nội dung trả lời chung.' });
      setErrors(e);
      focusFirstError(e, { answer: 'group-answer', legal_basis: 'group-legal-basis' });
    }
  }

  return (
    <form class="form card" onSubmit={submit} noValidate aria-labelledby="group-answer-title">
      <h2 id="group-answer-title" class="section-title">
        Trả lời chung cho {formatNumber(count)} kiến nghị
      </h2>
      {errors.form && (
        <p class="form-error" role="alert" tabIndex={-1}>
          {errors.form}
        </p>
      )}
      <Field id="group-answer" label="Nội dung trả lời, hướng dẫn" error={errors.answer}>
        {(aria) => <textarea class="input textarea" rows={7} maxLength={20000} value={v.answer} onInput={set('answer')} {...aria} />}
      </Field>
      <TextField
        id="group-legal-basis"
        label="Căn cứ / văn bản số… (không bắt buộc)"
        hint="Ví dụ: Khoản 2 Điều 89 Luật Xây dựng năm 2014; Công văn số 123/SXD-QLXD ngày 01/12/2026"
        maxLength={500}
        autocomplete="off"
        value={v.legal_basis}
        error={errors.legal_basis}
        onInput={set('legal_basis')}
      />
      <label class="choice choice-hint">
        <input type="checkbox" checked={v.shareable} onChange={set('shareable')} />
        <span>
          Chia sẻ vào thư viện hỏi đáp
          <span class="field-hint line">Các xã, phường khác xem được câu hỏi và câu trả lời này.</span>
        </span>
      </label>
      <p class="actions">
        <button type="submit" class="button" disabled={busy}>
          {busy ? 'Đang gửi…' : `Gửi trả lời cho ${formatNumber(count)} kiến nghị`}
        </button>
      </p>
    </form>
  );
}
