// A short message after something worked ("Đã lưu."), announced politely to screen readers.
export function Notice({ children, tone = 'ok' }) {
  if (!children) return null;
  return (
    <p class={`notice notice-${tone}`} role="status">
      {children}
    </p>
  );
}
