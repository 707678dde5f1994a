// "Gửi kiến nghị" (commune officers): kind, title, description, the field — which decides the
// department it goes to — the lead department when the field has several, and optional
// supporting departments. Sent with an Idempotency-Key, so pressing "Gửi" again after a lost
// answer never raises it twice; what was typed stays when sending fails.
import { useState } from 'preact/hooks';
import { ErrorMessage } from '../../components/ErrorMessage.jsx';
import { Loading } from '../../components/Loading.jsx';
import { setFlash } from '../../flash.js';
import { createIssue } from '../../issuesApi.js';
import { Link, navigate } from '../../router.js';
import { useTitle } from '../../title.js';
import { useResource } from '../../useResource.js';
import { FieldPicker, fieldDepartments } from './FieldPicker.jsx';
import { IssueTextFields, TEXT_IDS, textProblems } from './IssueTextFields.jsx';
import { loadRefs } from './refs.js';
import { fieldErrors, focusFirstError, uncertain, useIdempotencyKey } from './submit.js';
import { listSetup } from './views.js';
import './issues.css';

const FIELD_OF = { title: 'title', description: 'description', kind: 'kind', field: 'field', lead_unit_id: 'lead', supporting_unit_ids: 'supporting' };
const IDS = { ...TEXT_IDS, field: 'issue-field-search', lead: 'issue-lead-0', supporting: 'issue-supporting', form: 'issue-form-error' };

export function NewIssueScreen({ user }) {
  useTitle('Gửi kiến nghị');
  const refs = useResource(() => loadRefs(), []);
  return (
    <section class="narrow-wide" aria-labelledby="page-title">
      <p class="breadcrumb">
        <Link href="/kien-nghi">{listSetup(user).title}</Link> <span aria-hidden="true">›</span>
      </p>
      <h1 id="page-title" class="page-title" tabIndex={-1}>
        Gửi kiến nghị
      </h1>
      <p class="page-lead">Gửi khó khăn, vướng mắc hoặc kiến nghị, đề xuất của {user.unit ? user.unit.name : 'xã'} đến sở, ngành phụ trách.</p>
      {refs.error ? (
        <ErrorMessage title="Không tải được danh mục lĩnh vực." error={refs.error} onRetry={refs.retry} />
      ) : !refs.data ? (
        <Loading>Đang tải danh mục lĩnh vực…</Loading>
      ) : (
        <IssueForm refs={refs.data} />
      )}
    </section>
  );
}

function IssueForm({ refs }) {
  const [text, setText] = useState({ kind: 'difficulty', title: '', description: '' });
  const [field, setField] = useState('');
  const [lead, setLead] = useState(null);
  const [supporting, setSupporting] = useState([]);
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const idem = useIdempotencyKey();

  const departments = fieldDepartments(refs, field);
  const leadId = departments.length === 1 ? departments[0].id : lead;

  function clearError(name) {
    setErrors((e) => (e[name] || e.form ? { ...e, [name]: null, form: null } : e));
  }

  function chooseField(slug) {
    setField(slug);
    setLead(null);
    clearError('field');
    clearError('lead');
  }

  function chooseLead(id) {
    setLead(id);
    setSupporting((s) => s.filter((x) => x !== id));
    clearError('lead');
  }

  async function submit(event) {
    event.preventDefault();
    if (busy) return;
    const found = textProblems(text);
    if (!field) found.field = 'Chọn lĩnh vực của kiến nghị.';
    else if (departments.length === 0) found.field = 'Lĩnh vực này chưa có sở, ngành phụ trách; vui lòng chọn lĩnh vực khác.';
    else if (!leadId) found.lead = 'Lĩnh vực này do nhiều sở phụ trách: chọn sở chủ trì.';
    setErrors(found);
    if (Object.keys(found).length) return focusFirstError(found, IDS);

    const body = {
      kind: text.kind,
      title: text.title.trim(),
      description: text.description,
      field,
      lead_unit_id: leadId,
      supporting_unit_ids: supporting.filter((id) => id !== leadId),
    };
    setBusy(true);
    try {
      const issue = await createIssue(body, idem.keyFor(body));
      idem.done();
      setFlash(`Đã gửi kiến nghị ${issue.code} đến ${issue.lead ? issue.lead.name : 'sở, ngành phụ trách'}.`, `/kien-nghi/${issue.id}`);
      navigate(`/kien-nghi/${issue.id}`);
    } catch (err) {
      if (!uncertain(err)) idem.done();
      setBusy(false);
      let e;
      if (err.code === 'lead_required' || err.code === 'lead_not_candidate') e = { lead: err.message };
      else if (err.code === 'invalid_supporting_unit') e = { supporting: err.message };
      else if (err.code === 'unknown_field') e = { field: err.message };
      else e = fieldErrors(err, FIELD_OF, { title: 'Nhập tiêu đề.', description: 'Nhập nội dung.', field: 'Chọn lĩnh vực.' });
      setErrors(e);
      focusFirstError(e, IDS);
    }
  }

  const others = refs.departments.filter((u) => u.id !== leadId);
  return (
    <form class="form card" onSubmit={submit} noValidate aria-label="Gửi kiến nghị">
      {errors.form && (
        <p id="issue-form-error" class="form-error" role="alert" tabIndex={-1}>
          {errors.form}
        </p>
      )}
      <IssueTextFields
        value={text}
        errors={errors}
        onChange={(name, v) => {
          setText((t) => ({ ...t, [name]: v }));
          clearError(name);
        }}
      />
      <FieldPicker refs={refs} value={field} onChange={chooseField} error={errors.field} />
      {departments.length === 1 && (
        <p class="route-to" role="status">
          Kiến nghị sẽ gửi đến: <strong>{departments[0].name}</strong> (sở chủ trì)
        </p>
      )}
      {departments.length > 1 && (
        <fieldset class="fieldset" aria-describedby={errors.lead ? 'issue-lead-error' : 'issue-lead-hint'}>
          <legend class="field-label">Sở chủ trì</legend>
          <div id="issue-lead-hint" class="field-hint">
            Lĩnh vực này do {departments.length} sở, ngành phụ trách. Chọn sở chủ trì giải quyết; sở khác có thể chọn phối hợp ở dưới.
          </div>
          <div class="choices">
            {departments.map((u, i) => (
              <label key={u.id} class="choice">
                <input type="radio" id={`issue-lead-${i}`} name="issue-lead" checked={lead === u.id} onChange={() => chooseLead(u.id)} />
                {u.name}
              </label>
            ))}
          </div>
          {errors.lead && (
            <p id="issue-lead-error" class="field-error">
              <span aria-hidden="true">⚠ </span>
              {errors.lead}
            </p>
          )}
        </fieldset>
      )}
      {leadId && (
        <details class="supporting" open={supporting.length > 0 || Boolean(errors.supporting)}>
          <summary id="issue-supporting">
            Sở, ngành phối hợp (không bắt buộc){supporting.length > 0 && ` — đã chọn ${supporting.length}`}
          </summary>
          <div class="choices supporting-list">
            {others.map((u) => (
              <label key={u.id} class="choice">
                <input
                  type="checkbox"
                  checked={supporting.includes(u.id)}
                  onChange={(e) => {
                    const on = e.currentTarget.checked;
                    setSupporting((s) => (on ? [...s, u.id] : s.filter((x) => x !== u.id)));
                    clearError('supporting');
                  }}
                />
                {u.name}
              </label>
            ))}
          </div>
          {errors.supporting && (
            <p class="field-error">
              <span aria-hidden="true">⚠ </span>
              {errors.supporting}
            </p>
          )}
        </details>
      )}
      <p class="field-hint">Sau khi gửi, bạn có thể đính kèm văn bản, hình ảnh (PDF, DOCX, XLSX, JPG, PNG; tối đa 10 MB mỗi tệp) ở trang của kiến nghị.</p>
      <p class="actions">
        <button type="submit" class="button" disabled={busy}>
          {busy ? 'Đang gửi…' : 'Gửi kiến nghị'}
        </button>
        <Link href="/kien-nghi" class="button button-secondary">
          Hủy
        </Link>
      </p>
    </form>
  );
}
