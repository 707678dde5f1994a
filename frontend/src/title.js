// The browser tab's title follows the screen: "Người dùng — Thông suốt".
import { useEffect } from 'preact/hooks';

export function useTitle(title) {
  useEffect(() => {
    document.title = title ? `${title} — Thông suốt` : 'Thông suốt — tỉnh Thanh Hóa';
  }, [title]);
}
