// Who attended: communes (picked without needing diacritics) with the number of participants
// each; the totals are computed on the screen, never typed.
import { useRef, useState } from 'preact/hooks';
import { formatNumber } from '../../format.js';
import { CommunePicker } from './CommunePicker.jsx';

/** A whole number between 1 and 10000 typed as text, or null. */
export function participantsValue(text) {
  const s = String(text).trim();
  if (!/^\d{1,5}$/.test(s)) return null;
  const v = Number(s);
  return v >= 1 && v <= 10000 ? v : null;
}

const COUNT_ERROR = 'Số người là số nguyên từ 1 đến 10000.';

/** Sum of the rows that hold a valid number. */
export function attendanceTotals(rows) {
  let people = 0;
  for (const r of rows) people += participantsValue(r.participants) || 0;
  return { communes: rows.length, people };
}

export function AttendanceEditor({ rows, onChange, communes, errors = {}, onRowError }) {
  const [communeId, setCommuneId] = useState(null);
  const [count, setCount] = useState('');
  const [addErrors, setAddErrors] = useState({});
  // A new picker (empty filter) after each commune added, with the focus in its filter box.
  const [pickerKey, setPickerKey] = useState(0);
  const countRef = useRef(null);
  const taken = new Set(rows.map((r) => r.commune_id));

  function add() {
    const found = {};
    const n = participantsValue(count);
    if (!communeId) found.commune = 'Chọn xã, phường cần thêm.';
    else if (taken.has(communeId)) found.commune = 'Xã, phường này đã có trong danh sách.';
    if (n === null) found.count = COUNT_ERROR;
    setAddErrors(found);
    if (Object.keys(found).length) return;
    const c = communes.find((x) => x.id === communeId);
    onChange([...rows, { commune_id: communeId, name: c ? c.name : String(communeId), participants: String(n) }]);
    setCommuneId(null);
    setCount('');
    setPickerKey((k) => k + 1);
    requestAnimationFrame(() => {
      const el = document.getElementById('attendance-commune-filter');
      if (el) el.focus();
    });
  }

  const totals = attendanceTotals(rows);
  return (
    <fieldset class="fieldset attendance" aria-describedby="attendance-hint">
      <legend class="field-label">Thành phần tham dự</legend>
      <p id="attendance-hint" class="field-hint">
        Thêm từng xã, phường với số người tham dự. Tổng số được tính tự động.
      </p>
      <div class="attendance-add">
        <CommunePicker
          key={pickerKey}
          id="attendance-commune"
          label="Xã, phường tham dự"
          communes={communes}
          exclude={taken}
          value={communeId}
          error={addErrors.commune}
          onChange={(id) => {
            setCommuneId(id);
            setAddErrors((e) => ({ ...e, commune: null }));
          }}
        />
        <div class="field attendance-count">
          <label for="attendance-count" class="field-label">
            Số người tham dự
          </label>
          <input
            id="attendance-count"
            ref={countRef}
            class="input"
            inputMode="numeric"
            autocomplete="off"
            maxLength={5}
            value={count}
            aria-invalid={addErrors.count ? 'true' : undefined}
            aria-describedby={addErrors.count ? 'attendance-count-error' : undefined}
            onInput={(e) => {
              setCount(e.currentTarget.value);
              setAddErrors((er) => ({ ...er, count: null }));
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              }
            }}
          />
          {addErrors.count && (
            <p id="attendance-count-error" class="field-error">
              <span aria-hidden="true">⚠ </span>
              {addErrors.count}
            </p>
          )}
        </div>
        <div class="attendance-add-button">
          <button type="button" class="button button-secondary" onClick={add}>
            Thêm vào danh sách
          </button>
        </div>
      </div>
      {errors.attendance && (
        <p class="field-error" id="attendance-error">
          <span aria-hidden="true">⚠ </span>
          {errors.attendance}
        </p>
      )}
      {rows.length > 0 && (
        <table class="data-table attendance-table">
          <caption class="visually-hidden">Các xã, phường tham dự</caption>
          <thead>
            <tr>
              <th scope="col">Xã, phường</th>
              <th scope="col" class="num">
                Số người
              </th>
              <th scope="col">
                <span class="visually-hidden">Thao tác</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => {
              const err = (errors.rows || {})[r.commune_id];
              const inputId = `attendance-row-${r.commune_id}`;
              return (
                <tr key={r.commune_id}>
                  <th scope="row">{r.name}</th>
                  <td class="num">
                    <label for={inputId} class="visually-hidden">
                      Số người tham dự – {r.name}
                    </label>
                    <input
                      id={inputId}
                      class="input input-count"
                      inputMode="numeric"
                      autocomplete="off"
                      maxLength={5}
                      value={r.participants}
                      aria-invalid={err ? 'true' : undefined}
                      aria-describedby={err ? `${inputId}-error` : undefined}
                      onInput={(e) => {
                        const next = rows.slice();
                        next[i] = { ...r, participants: e.currentTarget.value };
                        onChange(next);
                        if (onRowError) onRowError(r.commune_id, participantsValue(e.currentTarget.value) === null ? COUNT_ERROR : null);
                      }}
                    />
                    {err && (
                      <p id={`${inputId}-error`} class="field-error">
                        {err}
                      </p>
                    )}
                  </td>
                  <td>
                    <button
                      type="button"
                      class="button button-small"
                      aria-label={`Bỏ ${r.name} khỏi danh sách`}
                      onClick={() => onChange(rows.filter((x) => x.commune_id !== r.commune_id))}
                    >
                      Bỏ
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <p class="attendance-total" aria-live="polite">
        Tổng cộng: <strong>{formatNumber(totals.communes)}</strong> xã, phường · <strong>{formatNumber(totals.people)}</strong> người tham dự
      </p>
    </fieldset>
  );
}

export { COUNT_ERROR };
