// The form of one action on an issue (answer, return, reroute, escalate, forward to a
// ministry…): the inputs the transition table requires, checked here first and again by the
// server (400 missing_input names the field). Sent with the version read (If-Match) and an
// Idempotency-Key reused when the same thing is sent again. When someone else changed the
// issue meanwhile (412) the page reloads it and what was typed here stays.
import { useEffect, useRef, useState } from 'preact/hooks';
import { Field, SelectField, TextField } from '../../components/Field.jsx';
import { compareDates, isoDate, parseDate, showDate, today } from '../../dates.js';
import { applyAction } from '../../issuesApi.js';
import { ACTIONS } from './actions.js';
import { fieldErrors, focusFirstError, uncertain, useIdempotencyKey } from './submit.js';

// In the order the form shows them (the first field with a message gets the focus).
const IDS = {
  answer: 'act-answer',
  legal_basis: 'act-legal-basis',
  unit_id: 'act-unit',
  ministry_id: 'act-ministry',
  dispatch_no: 'act-dispatch-no',
  dispatch_date: 'act-dispatch-date',
  reason: 'act-reason',
};
const FIELD_OF = Object.fromEntries(Object.keys(IDS).map((k) => [k, k]));
const REQUIRED = {
  answer: 'Nhập nội dung trả lời.',
  reason: 'Nhập lý do.',
  unit_id: 'Chọn sở, ngành chuyển đến.',
  ministry_id: 'Chọn Bộ, ngành Trung ương.',
  dispatch_no: 'Nhập số công văn.',
  dispatch_date: 'Nhập ngày công văn.',
};

function check(action, v) {
  const inputs = ACTIONS[action].inputs;
  const found = {};
  for (const name of inputs) {
    if (name === 'shareable' || name === 'legal_basis') continue;
    if (!String(v[name] || '').trim()) found[name] = REQUIRED[name];
  }
  if (inputs.includes('dispatch_date') && v.dispatch_date.trim()) {
    const d = parseDate(v.dispatch_date);
    if (!d) found.dispatch_date = 'Nhập ngày dạng ngày/tháng/năm, ví dụ 05/12/2026.';
    else if (compareDates(d, today()) > 0) found.dispatch_date = 'Ngày công văn không được sau hôm nay.';
  }
  if (v.legal_basis && v.legal_basis.length > 500) found.legal_basis = 'Căn cứ dài tối đa 500 ký tự.';
  return found;
}

// The JSON inputs of the transition.
function inputsOf(action, v) {
  const out = {};
  for (const name of ACTIONS[action].inputs) {
    if (name === 'shareable') out.shareable = Boolean(v.shareable);
    else if (name === 'unit_id' || name === 'ministry_id') out[name] = Number(v[name]);
    else if (name === 'dispatch_date') out.dispatch_date = isoDate(parseDate(v.dispatch_date));
    else if (name === 'legal_basis') {
      if (v.legal_basis.trim()) out.legal_basis = v.legal_basis.trim();
    } else out[name] = v[name].trim();
  }
  return out;
}

export function ActionForm({ action, issue, refs, stillAllowed, onDone, onStale, onCancel }) {
  const meta = ACTIONS[action];
  const [v, setV] = useState({
    answer: '',
    legal_basis: '',
    shareable: false,
    reason: '',
    unit_id: '',
    ministry_id: '',
    dispatch_no: '',
    dispatch_date: showDate(today()),
  });
  const [errors, setErrors] = useState({});
  const [stale, setStale] = useState(null);
  const [busy, setBusy] = useState(false);
  const idem = useIdempotencyKey();
  const firstRef = useRef(null);

  useEffect(() => {
    const el = firstRef.current && firstRef.current.querySelector('textarea, input, select');
    if (el) el.focus();
  }, []);

  const set = (name) => (e) => {
    const value = e.currentTarget.type === 'checkbox' ? e.currentTarget.checked : e.currentTarget.value;
    setV((old) => ({ ...old, [name]: value }));
    if (errors[name] || errors.form) setErrors((old) => ({ ...old, [name]: null, form: null }));
  };

  async function submit(event) {
    event.preventDefault();
    if (busy || !stillAllowed) return;
    const found = check(action, v);
    setErrors(found);
    if (Object.keys(found).length) return focusFirstError(found, IDS);
    const inputs = inputsOf(action, v);
    setBusy(true);
    setStale(null);
    try {
      const updated = await applyAction(issue.id, issue.version, action, inputs, idem.keyFor({ action, inputs, version: issue.version }));
      idem.done();
      onDone(updated, meta.done);
    } catch (err) {
      if (!uncertain(err)) idem.done();
      setBusy(false);
      if (err.code === 'stale_version' || err.code === 'transition_not_allowed') {
        setStale(
          err.code === 'stale_version'
            ? 'Kiến nghị vừa được người khác cập nhật. Trang đã tải lại thông tin mới nhất; nội dung bạn nhập vẫn còn. Hãy xem lại rồi gửi lại.'
            : 'Thao tác này không còn thực hiện được vì kiến nghị đã chuyển sang trạng thái khác. Trang đã tải lại thông tin mới nhất.',
        );
        onStale();
        return;
      }
      const e =
        err.code === 'invalid_reroute'
          ? { unit_id: err.message }
          : err.code === 'invalid_ministry'
            ? { ministry_id: err.message }
            : fieldErrors(err, FIELD_OF, REQUIRED);
      setErrors(e);
      focusFirstError(e, IDS);
    }
  }

  const has = (name) => meta.inputs.includes(name);
  const targets = refs ? refs.departments.filter((u) => u.id !== issue.holder.id) : [];
  return (
    <form class="form action-form" onSubmit={submit} noValidate aria-label={meta.label} ref={firstRef}>
      <h3 class="action-form-title">{meta.label}</h3>
      {stale && (
        <p class="notice notice-info" role="alert">
          {stale}
        </p>
      )}
      {!stillAllowed && !stale && (
        <p class="notice notice-info" role="alert">
          Thao tác này không còn thực hiện được ở trạng thái hiện tại của kiến nghị.
        </p>
      )}
      {errors.form && (
        <p class="form-error" role="alert" tabIndex={-1}>
          {errors.form}
        </p>
      )}
      {has('answer') && (
        <Field id={IDS.answer} label={meta.answerLabel} error={errors.answer}>
          {(aria) => <textarea class="input textarea" rows={7} maxLength={20000} value={v.answer} onInput={set('answer')} {...aria} />}
        </Field>
      )}
      {has('legal_basis') && (
        <TextField
          id={IDS.legal_basis}
          label="Căn cứ / văn bản số… (không bắt buộc)"
          hint={meta.legalHint || 'Ví dụ: Khoản 2 Điều 89 Luật Xây dựng năm 2014; Công văn số 123/SXD-QLXD ngày 01/12/2026'}
          maxLength={500}
          autocomplete="off"
          value={v.legal_basis}
          error={errors.legal_basis}
          onInput={set('legal_basis')}
        />
      )}
      {has('shareable') && (
        <label class="choice choice-hint">
          <input type="checkbox" checked={v.shareable} onChange={set('shareable')} />
          <span>
            Chia sẻ vào thư viện hỏi đáp
            <span class="field-hint line">Các xã, phường khác xem được câu hỏi và câu trả lời này.</span>
          </span>
        </label>
      )}
      {has('unit_id') && (
        <SelectField id={IDS.unit_id} label="Chuyển đến sở, ngành" value={v.unit_id} error={errors.unit_id} onChange={set('unit_id')}>
          <option value="">— Chọn sở, ngành —</option>
          {targets.map((u) => (
            <option key={u.id} value={String(u.id)}>
              {u.name}
            </option>
          ))}
        </SelectField>
      )}
      {has('ministry_id') && (
        <SelectField id={IDS.ministry_id} label="Bộ, ngành Trung ương" value={v.ministry_id} error={errors.ministry_id} onChange={set('ministry_id')}>
          <option value="">— Chọn Bộ, ngành —</option>
          {(refs ? refs.ministries : []).map((u) => (
            <option key={u.id} value={String(u.id)}>
              {u.name}
            </option>
          ))}
        </SelectField>
      )}
      {has('dispatch_no') && (
        <div class="form-row">
          <TextField id={IDS.dispatch_no} label="Số công văn" placeholder="Ví dụ: 1234/UBND-KTTC" maxLength={100} autocomplete="off" value={v.dispatch_no} error={errors.dispatch_no} onInput={set('dispatch_no')} />
          <TextField
            id={IDS.dispatch_date}
            label="Ngày công văn"
            placeholder="dd/mm/yyyy"
            inputMode="numeric"
            maxLength={10}
            autocomplete="off"
            value={v.dispatch_date}
            error={errors.dispatch_date}
            onInput={set('dispatch_date')}
          />
        </div>
      )}
      {has('reason') && (
        <Field id={IDS.reason} label={meta.reasonLabel} error={errors.reason}>
          {(aria) => <textarea class="input textarea" rows={4} maxLength={5000} value={v.reason} onInput={set('reason')} {...aria} />}
        </Field>
      )}
      <p class="actions">
        <button type="submit" class={meta.danger ? 'button button-danger' : 'button'} disabled={busy || !stillAllowed}>
          {busy ? 'Đang gửi…' : meta.submit || meta.label}
        </button>
        <button type="button" class="button button-secondary" disabled={busy} onClick={onCancel}>
          {stillAllowed ? 'Hủy' : 'Đóng'}
        </button>
      </p>
    </form>
  );
}
