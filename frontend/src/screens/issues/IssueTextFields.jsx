// The commune's own words in an issue — kind, title, description — shared by the "Gửi kiến
// nghị" form and the edit form (while the issue is submitted or returned).
import { Field, TextField } from '../../components/Field.jsx';
import { KINDS } from './labels.js';

export const TEXT_IDS = { kind: 'issue-kind-difficulty', title: 'issue-title', description: 'issue-description' };

/** Messages for what the commune typed, checked before sending. */
export function textProblems({ kind, title, description }) {
  const found = {};
  if (!kind) found.kind = 'Chọn loại: khó khăn, vướng mắc hay kiến nghị, đề xuất.';
  const t = title.trim();
  if (t.length < 3) found.title = 'Nhập tiêu đề, ít nhất 3 ký tự.';
  else if (t.length > 300) found.title = 'Tiêu đề dài tối đa 300 ký tự.';
  if (!description.trim()) found.description = 'Nhập nội dung cụ thể của khó khăn, vướng mắc hoặc kiến nghị.';
  else if (description.length > 20000) found.description = 'Nội dung dài tối đa 20.000 ký tự.';
  return found;
}

export function IssueTextFields({ value, onChange, errors }) {
  const set = (name) => (e) => onChange(name, e.currentTarget.value);
  return (
    <>
      <fieldset class="fieldset" aria-describedby={errors.kind ? 'issue-kind-error' : undefined}>
        <legend class="field-label">Loại</legend>
        <div class="choices choices-row">
          {Object.entries(KINDS).map(([code, label]) => (
            <label key={code} class="choice">
              <input type="radio" id={`issue-kind-${code}`} name="issue-kind" value={code} checked={value.kind === code} onChange={set('kind')} />
              {label}
            </label>
          ))}
        </div>
        {errors.kind && (
          <p id="issue-kind-error" class="field-error">
            <span aria-hidden="true">⚠ </span>
            {errors.kind}
          </p>
        )}
      </fieldset>
      <TextField
        id="issue-title"
        label="Tiêu đề"
        hint="Một câu ngắn nêu vấn đề, ví dụ: Vướng mắc cấp phép xây dựng nhà ở riêng lẻ trong khu dân cư hiện hữu."
        maxLength={300}
        autocomplete="off"
        value={value.title}
        error={errors.title}
        onInput={set('title')}
      />
      <Field id="issue-description" label="Nội dung" hint="Nêu cụ thể: việc gì, vướng ở đâu, văn bản liên quan, đề xuất của xã (nếu có)." error={errors.description}>
        {(aria) => <textarea class="input textarea" rows={7} maxLength={20000} value={value.description} onInput={set('description')} {...aria} />}
      </Field>
    </>
  );
}
