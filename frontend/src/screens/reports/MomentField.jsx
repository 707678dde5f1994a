// A moment typed as a date (dd/mm/yyyy) and a time (HH:mm), both in Vietnam time, as one
// field group with one error message under it.
export function MomentField({ id, label, hint, date, time, onDate, onTime, error }) {
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset class="fieldset moment-field" aria-describedby={describedBy}>
      <legend class="field-label">{label}</legend>
      {hint && (
        <p id={`${id}-hint`} class="field-hint">
          {hint}
        </p>
      )}
      <div class="moment-inputs">
        <div class="field">
          <label for={`${id}-date`} class="field-label-light">
            Ngày (dd/mm/yyyy)
          </label>
          <input
            id={`${id}-date`}
            class="input"
            inputMode="numeric"
            autocomplete="off"
            placeholder="03/12/2026"
            maxLength={10}
            value={date}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={describedBy}
            onInput={(e) => onDate(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for={`${id}-time`} class="field-label-light">
            Giờ (HH:mm)
          </label>
          <input
            id={`${id}-time`}
            class="input"
            inputMode="numeric"
            autocomplete="off"
            placeholder="09:00"
            maxLength={5}
            value={time}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={describedBy}
            onInput={(e) => onTime(e.currentTarget.value)}
          />
        </div>
      </div>
      {error && (
        <p id={`${id}-error`} class="field-error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
    </fieldset>
  );
}
