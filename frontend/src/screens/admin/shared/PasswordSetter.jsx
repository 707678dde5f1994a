// How an administrator sets a password for someone else: generated (recommended, shown once
// after saving) or typed. The user must change it at the next login either way.
import { PasswordField } from '../../../components/PasswordField.jsx';

export function PasswordSetter({ idPrefix, mode, onMode, password, onPassword, error, legend = 'Mật khẩu ban đầu' }) {
  return (
    <fieldset class="fieldset">
      <legend class="field-label">{legend}</legend>
      <div class="choices">
        <label class="choice">
          <input type="radio" name={`${idPrefix}-mode`} value="generate" checked={mode === 'generate'} onChange={() => onMode('generate')} />
          Tạo mật khẩu ngẫu nhiên (khuyến nghị)
        </label>
        <label class="choice">
          <input type="radio" name={`${idPrefix}-mode`} value="manual" checked={mode === 'manual'} onChange={() => onMode('manual')} />
          Tự nhập mật khẩu
        </label>
      </div>
      {mode === 'generate' ? (
        <p class="field-hint">Mật khẩu mạnh sẽ được tạo khi lưu và hiển thị một lần để bạn chuyển cho người dùng.</p>
      ) : (
        <PasswordField
          id={`${idPrefix}-password`}
          label="Mật khẩu"
          hint="Từ 10 đến 128 ký tự, không trùng tên đăng nhập, không dùng mật khẩu phổ biến."
          autocomplete="new-password"
          value={password}
          error={error}
          onInput={(e) => onPassword(e.currentTarget.value)}
        />
      )}
      {mode === 'generate' && error && (
        <p class="field-error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
      <p class="field-hint">Người dùng sẽ phải đổi mật khẩu này ở lần đăng nhập tiếp theo.</p>
    </fieldset>
  );
}
