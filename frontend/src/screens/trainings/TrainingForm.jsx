// Recording a training conference, or editing one: organizer (the user's own department),
// title, round, start in Vietnam time, format and link, fields, contents, minutes, the
// communes that attended (totals computed), the issues answered, and the recommendations
// collected (raised as issues in one step). Nothing typed is lost when a save fails: the form
// stays as it was, with the message next to the field; a conference already created is not
// created twice (Idempotency-Key, then PATCH).
import { useRef, useState } from 'preact/hooks';
import { addRecommendations, createTraining, newKey, updateTraining } from '../../reportsApi.js';
import { Field, TextField } from '../../components/Field.jsx';
import { setFlash } from '../../flash.js';
import { formatDate, formatTime } from '../../format.js';
import { Link, navigate } from '../../router.js';
import { MomentField } from '../reports/MomentField.jsx';
import { FORMATS } from '../reports/labels.js';
import { vnMoment } from '../reports/time.js';
import { AttendanceEditor, COUNT_ERROR, participantsValue } from './AttendanceEditor.jsx';
import { IssuePicker } from './IssuePicker.jsx';
import { RecommendationRows, checkRecommendations, emptyRecommendation, leadChoices, recommendationItems } from './RecommendationRows.jsx';

const REC_FIELD = { commune_id: 'commune', field: 'field', lead_unit_id: 'lead', title: 'title', description: 'description' };
const SERVER_FIELD = {
  title: 'title',
  round: 'round',
  starts_at: 'moment',
  format: 'format',
  link: 'link',
  contents: 'contents',
  minutes: 'minutes',
  fields: 'fields',
  attendance: 'attendance',
  answered_issue_ids: 'answered',
};

function initialValues(training, round) {
  if (!training) {
    return { title: '', round: String(round || 1), date: '', time: '', format: 'online', link: '', contents: '', minutes: '' };
  }
  return {
    title: training.title,
    round: String(training.round),
    date: formatDate(training.starts_at),
    time: formatTime(training.starts_at),
    format: training.format,
    link: training.link || '',
    contents: training.contents || '',
    minutes: training.minutes || '',
  };
}

/** Fields of the department first (checkboxes), any other field added from a list. */
function FieldChoices({ chosen, onChange, unitFields, refs, error }) {
  const own = new Set(unitFields.map((f) => f.slug));
  const extra = chosen.filter((s) => !own.has(s));
  const toggle = (slug, on) => onChange(on ? [...chosen, slug] : chosen.filter((s) => s !== slug));
  return (
    <fieldset class="fieldset" aria-describedby={error ? 'training-fields-error' : undefined}>
      <legend class="field-label">Lĩnh vực hướng dẫn</legend>
      <div class="choices">
        {[...unitFields, ...extra.map((slug) => ({ slug, name: refs.fieldName(slug) }))].map((f) => (
          <label key={f.slug} class="choice">
            <input type="checkbox" checked={chosen.includes(f.slug)} onChange={(e) => toggle(f.slug, e.currentTarget.checked)} />
            <span>{f.name}</span>
          </label>
        ))}
      </div>
      <div class="field">
        <label for="training-field-extra" class="field-label-light">
          Thêm lĩnh vực khác
        </label>
        <select
          id="training-field-extra"
          class="input select"
          value=""
          onChange={(e) => {
            if (e.currentTarget.value) toggle(e.currentTarget.value, true);
          }}
        >
          <option value="">— Chọn lĩnh vực —</option>
          {refs.fields
            .filter((f) => !chosen.includes(f.slug) && !own.has(f.slug))
            .map((f) => (
              <option key={f.slug} value={f.slug}>
                {f.name}
              </option>
            ))}
        </select>
      </div>
      {error && (
        <p id="training-fields-error" class="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/**
 * `training`: the training to edit, or null to record a new one; `refs` (refs.js);
 * `unit`: the user's department with its fields; `suggestedRound` for a new one.
 */
export function TrainingForm({ training, refs, unit, suggestedRound }) {
  const [v, setV] = useState(() => initialValues(training, suggestedRound));
  const [fields, setFields] = useState(() => (training ? training.fields : []));
  const [attendance, setAttendance] = useState(() =>
    training ? training.attendance.map((a) => ({ commune_id: a.commune_id, name: a.name, participants: String(a.participants) })) : [],
  );
  const [answered, setAnswered] = useState(() => (training ? training.answered_issues.map((i) => ({ id: i.id, code: i.code, title: i.title })) : []));
  const [recs, setRecs] = useState([]);
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  // The saved conference: {id, version} (from the start when editing).
  const [saved, setSaved] = useState(() => (training ? { id: training.id, version: training.version } : null));
  const lastBody = useRef(null);
  const keys = useRef({});
  const form = useRef(null);

  const set = (key, errKey = key) => (value) => {
    setV((old) => ({ ...old, [key]: value }));
    setErrors((e) => (e[errKey] ? { ...e, [errKey]: null } : e));
  };

  // The same payload gets the same Idempotency-Key (a retry), a changed one a new key.
  function keyFor(name, payload) {
    const json = JSON.stringify(payload);
    const k = keys.current[name];
    if (k && k.json === json) return k.key;
    keys.current[name] = { json, key: newKey() };
    return keys.current[name].key;
  }

  function check() {
    const found = {};
    const title = v.title.trim();
    if (title.length < 3 || title.length > 300) found.title = 'Tên hội nghị từ 3 đến 300 ký tự.';
    const round = Number(v.round);
    if (!/^\d+$/.test(v.round.trim()) || round < 1 || round > 1000) found.round = 'Lần tổ chức là số nguyên từ 1 đến 1000.';
    if (!vnMoment(v.date, v.time)) found.moment = 'Nhập ngày dạng dd/mm/yyyy và giờ dạng HH:mm, ví dụ 28/11/2026 và 08:00.';
    const link = v.link.trim();
    if (link && !/^https?:\/\/\S+$/.test(link)) found.link = 'Đường dẫn phải bắt đầu bằng https:// (hoặc http://).';
    const rows = {};
    for (const a of attendance) if (participantsValue(a.participants) === null) rows[a.commune_id] = COUNT_ERROR;
    if (Object.keys(rows).length) found.rows = rows;
    const attending = new Set(attendance.map((a) => a.commune_id));
    const recErrors = checkRecommendations(recs, attending, (slug) => leadChoices(slug, refs, unit.id).length > 0);
    if (Object.keys(recErrors).length) found.recs = recErrors;
    return found;
  }

  function body() {
    const b = {
      title: v.title.trim(),
      round: Number(v.round),
      starts_at: vnMoment(v.date, v.time),
      format: v.format,
      contents: v.contents,
      minutes: v.minutes,
      fields,
      attendance: attendance.map((a) => ({ commune_id: a.commune_id, participants: participantsValue(a.participants) })),
      answered_issue_ids: answered.map((i) => i.id),
    };
    const link = v.link.trim();
    // An emptied link is sent as "" so the old one goes (docs/reporting.md).
    if (link || (training && training.link)) b.link = link;
    return b;
  }

  function focusFirstError() {
    requestAnimationFrame(() => {
      const el = form.current && form.current.querySelector('[aria-invalid="true"], .form-error');
      if (el) el.focus();
    });
  }

  function serverErrors(err) {
    const f = err.details && (err.details.field || err.details.parameter);
    // The API keeps a saved link once set (an empty one is refused): say so plainly.
    if (f === 'link' && !v.link.trim()) return { link: 'Chưa xóa được đường dẫn đã lưu: hệ thống chỉ cho thay bằng đường dẫn khác.' };
    if (f && SERVER_FIELD[f]) return { [SERVER_FIELD[f]]: err.message };
    if (err.code === 'invalid_commune' || err.code === 'commune_not_attending') return { attendance: err.message };
    if (err.code === 'invalid_issue') return { answered: err.message };
    if (err.code === 'unknown_field') return { fields: err.message };
    return { form: err.message || 'Chưa lưu được. Vui lòng thử lại.' };
  }

  async function submit(event) {
    event.preventDefault();
    if (busy) return;
    const found = check();
    setErrors(found);
    if (Object.keys(found).length) {
      focusFirstError();
      return;
    }
    setBusy(true);
    const b = body();
    const json = JSON.stringify(b);
    let current = saved;
    try {
      if (!current) {
        const t = await createTraining(b, keyFor('create', b));
        current = { id: t.id, version: t.version };
      } else if (lastBody.current !== json) {
        const t = await updateTraining(current.id, current.version, b);
        current = { id: t.id, version: t.version };
      }
      lastBody.current = json;
      setSaved(current);
    } catch (err) {
      if (err.status === 412) {
        setErrors({
          form: 'Hội nghị này vừa được người khác sửa. Nội dung bạn nhập vẫn giữ nguyên; bấm "Lưu" lần nữa để ghi đè, hoặc mở lại trang để xem bản mới nhất.',
        });
        // The next save goes over the newer version on purpose.
        if (err.details && err.details.version) setSaved({ ...current, version: err.details.version });
      } else {
        setErrors(serverErrors(err));
      }
      setBusy(false);
      focusFirstError();
      return;
    }

    let raised = 0;
    if (recs.length) {
      const items = recommendationItems(recs);
      try {
        const res = await addRecommendations(current.id, items, keyFor('recs', { id: current.id, items }));
        raised = res.issue_ids.length;
        setRecs([]);
      } catch (err) {
        setErrors({
          recsForm: `Đã lưu hội nghị nhưng chưa ghi được các kiến nghị thu thập: ${err.message} Các kiến nghị bạn nhập vẫn còn; bấm "Lưu" để thử lại.`,
        });
        setBusy(false);
        focusFirstError();
        return;
      }
    }
    const what = training ? 'Đã lưu thay đổi của hội nghị.' : 'Đã ghi nhận hội nghị tập huấn.';
    setFlash(raised ? `${what} Đã tạo ${raised} kiến nghị thu thập tại hội nghị.` : what, `/tap-huan/${current.id}`);
    navigate(`/tap-huan/${current.id}`);
  }

  const recErrors = errors.recs || {};
  return (
    <form class="form card training-form" ref={form} onSubmit={submit} noValidate>
      {errors.form && (
        <p class="form-error" role="alert" tabIndex={-1}>
          {errors.form}
        </p>
      )}
      <p class="organizer">
        <span class="muted">Đơn vị tổ chức:</span> <strong>{unit.name}</strong>
      </p>
      <TextField
        id="training-title"
        label="Tên hội nghị"
        maxLength={300}
        value={v.title}
        error={errors.title}
        placeholder="Ví dụ: Hướng dẫn cấp giấy phép xây dựng cho xã, phường"
        onInput={(e) => set('title')(e.currentTarget.value)}
      />
      <div class="form-grid">
        <TextField
          id="training-round"
          label="Lần tổ chức"
          inputMode="numeric"
          maxLength={4}
          value={v.round}
          error={errors.round}
          onInput={(e) => set('round')(e.currentTarget.value)}
        />
        <Field id="training-format" label="Hình thức" error={errors.format}>
          {(aria) => (
            <select class="input select" {...aria} value={v.format} onChange={(e) => set('format')(e.currentTarget.value)}>
              {Object.entries(FORMATS).map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <MomentField
        id="training-start"
        label="Thời gian bắt đầu (giờ Việt Nam)"
        date={v.date}
        time={v.time}
        onDate={set('date', 'moment')}
        onTime={set('time', 'moment')}
        error={errors.moment}
      />
      <TextField
        id="training-link"
        label={v.format === 'online' ? 'Đường dẫn phòng họp trực tuyến' : 'Đường dẫn (nếu có)'}
        hint="Ví dụ: https://hop.thanhhoa.gov.vn/… Để trống nếu không có."
        type="url"
        inputMode="url"
        autocomplete="off"
        spellcheck={false}
        maxLength={500}
        value={v.link}
        error={errors.link}
        onInput={(e) => set('link')(e.currentTarget.value)}
      />
      <FieldChoices chosen={fields} onChange={(f) => (setFields(f), setErrors((e) => ({ ...e, fields: null })))} unitFields={unit.fields || []} refs={refs} error={errors.fields} />
      <Field id="training-contents" label="Nội dung hướng dẫn" hint="Những nội dung đã hướng dẫn, giải đáp tại hội nghị." error={errors.contents}>
        {(aria) => <textarea class="input textarea" rows={5} maxLength={20000} {...aria} value={v.contents} onInput={(e) => set('contents')(e.currentTarget.value)} />}
      </Field>
      <AttendanceEditor
        rows={attendance}
        onChange={(rows) => {
          setAttendance(rows);
          setErrors((e) => ({ ...e, attendance: null }));
        }}
        onRowError={(id, msg) => setErrors((e) => ({ ...e, rows: { ...(e.rows || {}), [id]: msg } }))}
        communes={refs.communes}
        errors={{ attendance: errors.attendance, rows: errors.rows }}
      />
      <IssuePicker selected={answered} onChange={(list) => (setAnswered(list), setErrors((e) => ({ ...e, answered: null })))} />
      {errors.answered && <p class="field-error">{errors.answered}</p>}
      <RecommendationRows
        rows={recs}
        attendance={attendance}
        refs={refs}
        organizerId={unit.id}
        defaultField={fields[0] || ''}
        errors={recErrors}
        onChange={(rows, key, changed) => {
          setRecs(rows);
          if (key && changed) {
            const name = REC_FIELD[changed];
            setErrors((e) => (e.recs && e.recs[key] && e.recs[key][name] ? { ...e, recs: { ...e.recs, [key]: { ...e.recs[key], [name]: null } } } : e));
          }
        }}
      />
      {errors.recsForm && (
        <p class="form-error" role="alert" tabIndex={-1}>
          {errors.recsForm}
        </p>
      )}
      <Field id="training-minutes" label="Biên bản hội nghị" hint="Tóm tắt diễn biến, ý kiến trao đổi, kết luận." error={errors.minutes}>
        {(aria) => <textarea class="input textarea" rows={6} maxLength={50000} {...aria} value={v.minutes} onInput={(e) => set('minutes')(e.currentTarget.value)} />}
      </Field>
      <p class="actions">
        <button type="submit" class="button" disabled={busy}>
          {busy ? 'Đang lưu…' : training ? 'Lưu thay đổi' : 'Lưu hội nghị'}
        </button>
        <Link href={saved ? `/tap-huan/${saved.id}` : '/tap-huan'} class="button button-secondary">
          Hủy
        </Link>
      </p>
    </form>
  );
}
