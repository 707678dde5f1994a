// A polite "loading" line for screen readers and a spinner for sighted users.
export function Loading({ children = 'Đang tải…' }) {
  return (
    <p class="loading" role="status">
      <span class="spinner" aria-hidden="true" />
      {children}
    </p>
  );
}
