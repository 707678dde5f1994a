// "Hướng dẫn dùng API báo cáo": docs/huong-dan-api.md, the analysts' guide, as nginx serves it
// (/api/huong-dan-api.md), shown as a page. Public, like the reference it belongs to.
import { ErrorMessage } from '../../components/ErrorMessage.jsx';
import { Loading } from '../../components/Loading.jsx';
import { Link } from '../../router.js';
import { useTitle } from '../../title.js';
import { useResource } from '../../useResource.js';
import { inline, Markdown } from './markdown.jsx';
import './api-docs.css';

export const GUIDE_URL = '/api/huong-dan-api.md';

async function loadGuide(signal) {
  let res;
  try {
    res = await fetch(GUIDE_URL, { signal, credentials: 'omit' });
  } catch (err) {
    if (err && err.name === 'AbortError') throw err;
    throw new Error('Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.');
  }
  if (!res.ok) throw new Error(`Máy chủ không trả được hướng dẫn (mã ${res.status}).`);
  return res.text();
}

export function ApiGuideScreen({ user }) {
  const { data, error, loading, retry } = useResource(loadGuide, []);
  // The first "# …" line is the page's title; the rest is the guide.
  const m = data ? data.match(/^#\s+(.*)\n/) : null;
  const title = m ? m[1] : 'Hướng dẫn dùng API báo cáo';
  useTitle(title);
  return (
    <>
      <p class="breadcrumb">
        {!user && (
          <>
            <Link href="/dang-nhap">Đăng nhập</Link> ·{' '}
          </>
        )}
        <Link href="/tai-lieu-api">Tài liệu API</Link>
      </p>
      <h1 id="page-title" class="page-title" tabIndex={-1}>
        {inline(title)}
      </h1>
      {loading && !data && <Loading>Đang tải hướng dẫn…</Loading>}
      {error && <ErrorMessage title="Không tải được hướng dẫn." error={error} onRetry={retry} />}
      {data && (
        <article class="card api-guide">
          <Markdown text={m ? data.slice(m[0].length) : data} />
          <p class="muted api-guide-source">
            Bản gốc: <a href={GUIDE_URL}>huong-dan-api.md</a> (docs/huong-dan-api.md trong mã nguồn).
          </p>
        </article>
      )}
    </>
  );
}
