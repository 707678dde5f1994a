// A secret shown exactly once (a generated password, a new API token): a read-only field to
// select, a copy button, and a warning that it cannot be shown again.
import { CopyButton } from '../../../components/CopyButton.jsx';

export function SecretReveal({ id, label, value, warning }) {
  return (
    <div class="secret">
      <label for={id} class="field-label">
        {label}
      </label>
      <div class="secret-row">
        <input id={id} class="input secret-value" type="text" readOnly value={value} spellcheck={false} autocomplete="off" onFocus={(e) => e.currentTarget.select()} />
        <CopyButton text={value} targetId={id} />
      </div>
      <p class="secret-warning">
        <strong>Lưu ý:</strong> {warning}
      </p>
    </div>
  );
}
