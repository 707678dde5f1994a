// A labelled form control with an optional hint and an error message right under it. The
// control is rendered by `children(aria)`, which receives the id and the aria attributes that
// tie the hint and the error to it, so screen readers announce both with the field.
export function Field({ id, label, hint, error, children, class: extra }) {
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  const aria = { id, 'aria-describedby': describedBy, 'aria-invalid': error ? 'true' : undefined };
  return (
    <div class={extra ? `field ${extra}` : 'field'}>
      <label for={id} class="field-label">
        {label}
      </label>
      {hint && (
        <div id={`${id}-hint`} class="field-hint">
          {hint}
        </div>
      )}
      {children(aria)}
      {error && (
        <p id={`${id}-error`} class="field-error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
    </div>
  );
}

/** A text input inside a Field; other props go to the <input>. */
export function TextField({ id, label, hint, error, inputRef, class: extra, ...input }) {
  return (
    <Field id={id} label={label} hint={hint} error={error} class={extra}>
      {(aria) => <input class="input" ref={inputRef} {...aria} {...input} />}
    </Field>
  );
}

/** A <select> inside a Field; children are the <option>s. */
export function SelectField({ id, label, hint, error, children, class: extra, ...select }) {
  return (
    <Field id={id} label={label} hint={hint} error={error} class={extra}>
      {(aria) => (
        <select class="input select" {...aria} {...select}>
          {children}
        </select>
      )}
    </Field>
  );
}
