// "Kiến nghị thu thập tại hội nghị": rows of commune + kind + field + title + description,
// raised as issues attributed to their communes in one step when the conference is saved.
import { Field, TextField } from '../../components/Field.jsx';
import { ISSUE_KINDS } from '../reports/labels.js';

let nextRow = 1;

/** An empty row; `field` defaults to the conference's first field. */
export function emptyRecommendation(field = '') {
  return { key: nextRow++, commune_id: null, kind: 'difficulty', field, lead_unit_id: null, title: '', description: '' };
}

/**
 * The departments that may lead an issue of `slug` when the organizer does not handle that
 * field itself (then it leads by default): [] when no choice is needed.
 */
export function leadChoices(slug, refs, organizerId) {
  const field = slug && refs.fields.find((f) => f.slug === slug);
  if (!field || field.units.includes(organizerId)) return [];
  const candidates = refs.departments.filter((d) => field.units.includes(d.id));
  return candidates.length > 1 ? candidates : [];
}

/** {rowKey: {field: message}} for rows that cannot be sent; `attending` is a Set of ids. */
export function checkRecommendations(rows, attending, needsLead = () => false) {
  const out = {};
  for (const r of rows) {
    const e = {};
    if (!r.commune_id) e.commune = 'Chọn xã, phường nêu kiến nghị.';
    else if (!attending.has(r.commune_id)) e.commune = 'Xã, phường này chưa có trong thành phần tham dự.';
    if (!r.field) e.field = 'Chọn lĩnh vực.';
    else if (needsLead(r.field) && !r.lead_unit_id) e.lead = 'Lĩnh vực này do nhiều sở, ngành phụ trách: chọn sở, ngành chủ trì giải quyết.';
    const t = r.title.trim();
    if (t.length < 3 || t.length > 300) e.title = 'Nội dung tóm tắt từ 3 đến 300 ký tự.';
    if (!r.description.trim()) e.description = 'Vui lòng mô tả kiến nghị.';
    if (Object.keys(e).length) out[r.key] = e;
  }
  return out;
}

/** What POST /trainings/{id}/recommendations takes. */
export function recommendationItems(rows) {
  return rows.map((r) => {
    const item = { commune_id: r.commune_id, title: r.title.trim(), description: r.description.trim(), field: r.field, kind: r.kind };
    if (r.lead_unit_id) item.lead_unit_id = r.lead_unit_id;
    return item;
  });
}

export function RecommendationRows({ rows, onChange, attendance, refs, organizerId, errors = {}, defaultField, legend = 'Kiến nghị thu thập tại hội nghị' }) {
  const fields = refs.fields;
  const update = (i, change) => {
    const next = rows.slice();
    next[i] = { ...rows[i], ...change };
    onChange(next, rows[i].key, Object.keys(change)[0]);
  };
  return (
    <fieldset class="fieldset recommendations">
      <legend class="field-label">{legend}</legend>
      <p class="field-hint">
        Mỗi kiến nghị xã, phường nêu tại hội nghị được ghi thành một kiến nghị của xã, phường đó trên hệ thống (xã, phường phải có trong thành phần tham dự).
      </p>
      {rows.map((r, i) => {
        const e = errors[r.key] || {};
        const id = `rec-${r.key}`;
        return (
          <div key={r.key} class="recommendation card-item" role="group" aria-labelledby={`${id}-title`}>
            <div class="recommendation-head">
              <p id={`${id}-title`} class="recommendation-title">
                Kiến nghị {i + 1}
              </p>
              <button type="button" class="button button-small" onClick={() => onChange(rows.filter((x) => x.key !== r.key))} aria-label={`Bỏ kiến nghị ${i + 1}`}>
                Bỏ
              </button>
            </div>
            <div class="form-grid">
              <Field id={`${id}-commune`} label="Xã, phường nêu kiến nghị" error={e.commune}>
                {(aria) => (
                  <select
                    class="input select"
                    {...aria}
                    value={r.commune_id == null ? '' : String(r.commune_id)}
                    onChange={(ev) => update(i, { commune_id: ev.currentTarget.value ? Number(ev.currentTarget.value) : null })}
                  >
                    <option value="">{attendance.length ? '— Chọn xã, phường —' : '— Thêm thành phần tham dự trước —'}</option>
                    {attendance.map((a) => (
                      <option key={a.commune_id} value={String(a.commune_id)}>
                        {a.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field id={`${id}-kind`} label="Loại">
                {(aria) => (
                  <select class="input select" {...aria} value={r.kind} onChange={(ev) => update(i, { kind: ev.currentTarget.value })}>
                    {Object.entries(ISSUE_KINDS).map(([k, label]) => (
                      <option key={k} value={k}>
                        {label}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field id={`${id}-field`} label="Lĩnh vực" error={e.field} class="form-grid-wide">
                {(aria) => (
                  <select class="input select" {...aria} value={r.field} onChange={(ev) => update(i, { field: ev.currentTarget.value, lead_unit_id: null })}>
                    <option value="">— Chọn lĩnh vực —</option>
                    {fields.map((f) => (
                      <option key={f.slug} value={f.slug}>
                        {f.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              {leadChoices(r.field, refs, organizerId).length > 0 && (
                <Field id={`${id}-lead`} label="Sở, ngành chủ trì giải quyết" error={e.lead} class="form-grid-wide">
                  {(aria) => (
                    <select
                      class="input select"
                      {...aria}
                      value={r.lead_unit_id == null ? '' : String(r.lead_unit_id)}
                      onChange={(ev) => update(i, { lead_unit_id: ev.currentTarget.value ? Number(ev.currentTarget.value) : null })}
                    >
                      <option value="">— Chọn sở, ngành —</option>
                      {leadChoices(r.field, refs, organizerId).map((d) => (
                        <option key={d.id} value={String(d.id)}>
                          {d.name}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              )}
            </div>
            <TextField
              id={`${id}-title-input`}
              label="Nội dung tóm tắt"
              maxLength={300}
              value={r.title}
              error={e.title}
              onInput={(ev) => update(i, { title: ev.currentTarget.value })}
            />
            <Field id={`${id}-description`} label="Mô tả chi tiết" error={e.description}>
              {(aria) => (
                <textarea class="input textarea" rows={3} {...aria} value={r.description} onInput={(ev) => update(i, { description: ev.currentTarget.value })} />
              )}
            </Field>
          </div>
        );
      })}
      <p class="actions">
        <button type="button" class="button button-secondary" onClick={() => onChange([...rows, emptyRecommendation(defaultField)])}>
          Thêm kiến nghị
        </button>
      </p>
    </fieldset>
  );
}
