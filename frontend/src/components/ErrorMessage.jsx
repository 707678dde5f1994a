// An error the user can act on: what went wrong, in Vietnamese, and a button to try again.
export function ErrorMessage({ title, error, onRetry }) {
  const message = (error && error.message) || 'Đã xảy ra lỗi không xác định.';
  return (
    <div class="error-box" role="alert">
      <p class="error-title">{title}</p>
      <p class="error-text">{message}</p>
      {onRetry && (
        <button type="button" class="button" onClick={onRetry}>
          Thử lại
        </button>
      )}
    </div>
  );
}
