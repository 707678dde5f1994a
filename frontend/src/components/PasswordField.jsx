// A password input with a "Hiện / Ẩn" button: typing a long password on a phone is easier
// when you can check it. The button is a toggle (aria-pressed) that keeps focus where it is.
import { useState } from 'preact/hooks';
import { Field } from './Field.jsx';

export function PasswordField({ id, label, hint, error, inputRef, ...input }) {
  const [shown, setShown] = useState(false);
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(aria) => (
        <div class="password-input">
          <input
            class="input"
            type={shown ? 'text' : 'password'}
            ref={inputRef}
            autocapitalize="none"
            autocorrect="off"
            spellcheck={false}
            {...aria}
            {...input}
          />
          <button
            type="button"
            class="password-toggle"
            aria-pressed={shown ? 'true' : 'false'}
            aria-controls={id}
            aria-label={shown ? 'Ẩn mật khẩu' : 'Hiện mật khẩu'}
            onClick={() => setShown((s) => !s)}
          >
            {shown ? 'Ẩn' : 'Hiện'}
          </button>
        </div>
      )}
    </Field>
  );
}
