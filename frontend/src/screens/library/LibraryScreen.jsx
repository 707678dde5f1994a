// "Hỏi đáp – cầm tay chỉ việc": answered questions the departments chose to share, for every
// commune. Searched on the server (diacritics ignored: "dat dai" finds "đất đai"), filtered by
// field, 20 at a time with "Xem thêm". The search lives in the address.
import { useEffect, useState } from 'preact/hooks';
import { listFields } from '../../api.js';
import { ErrorMessage } from '../../components/ErrorMessage.jsx';
import { Loading } from '../../components/Loading.jsx';
import { formatDate, formatNumber } from '../../format.js';
import { listLibrary } from '../../issuesApi.js';
import { navigate, useLocation } from '../../router.js';
import { useTitle } from '../../title.js';
import { useResource } from '../../useResource.js';
import '../issues/issues.css';

const PAGE = 20;

function readFilters(search) {
  const p = new URLSearchParams(search);
  return { q: p.get('q') || '', field: p.get('field') || '' };
}

function go(f) {
  const p = new URLSearchParams();
  if (f.q) p.set('q', f.q);
  if (f.field) p.set('field', f.field);
  const s = p.toString();
  navigate(`/hoi-dap${s ? `?${s}` : ''}`, { replace: true });
}

export function LibraryScreen() {
  useTitle('Hỏi đáp – cầm tay chỉ việc');
  const { search } = useLocation();
  const filters = readFilters(search);
  const key = `${filters.q}\u0001${filters.field}`;
  const fields = useResource(() => listFields(), []);
  const [q, setQ] = useState(filters.q);
  const [field, setField] = useState(filters.field);
  const [page, setPage] = useState({ key: null, items: [], total: 0, next: null });
  const [state, setState] = useState({ loading: true, error: null, more: false });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    setQ(filters.q);
    setField(filters.field);
  }, [key]);

  const params = { q: filters.q || undefined, field: filters.field || undefined, limit: PAGE };
  useEffect(() => {
    const controller = new AbortController();
    setState({ loading: true, error: null, more: false });
    listLibrary(params, { signal: controller.signal }).then(
      (body) => {
        setPage({ key, items: body.items, total: body.total, next: body.next_cursor });
        setState({ loading: false, error: null, more: false });
      },
      (error) => {
        if (!controller.signal.aborted) setState({ loading: false, error, more: false });
      },
    );
    return () => controller.abort();
  }, [key, attempt]);

  async function loadMore() {
    setState({ loading: true, error: null, more: true });
    try {
      const body = await listLibrary({ ...params, before: page.next });
      setPage((p) => ({ ...p, items: [...p.items, ...body.items], total: body.total, next: body.next_cursor }));
      setState({ loading: false, error: null, more: false });
    } catch (error) {
      setState({ loading: false, error, more: true });
    }
  }

  const shown = page.key === key ? page : { items: [], total: 0, next: null };
  const filtered = Boolean(filters.q || filters.field);
  return (
    <>
      <h1 id="page-title" class="page-title" tabIndex={-1}>
        Hỏi đáp – cầm tay chỉ việc
      </h1>
      <p class="page-lead">Câu hỏi của các xã, phường đã được sở, ngành trả lời và chia sẻ để nơi khác gặp cùng vướng mắc tra cứu, làm theo.</p>
      <form
        class="library-search"
        role="search"
        aria-label="Tìm trong thư viện hỏi đáp"
        onSubmit={(e) => {
          e.preventDefault();
          go({ q: q.trim(), field });
        }}
      >
        <div class="field">
          <label for="library-q" class="field-label">
            Tìm câu hỏi, câu trả lời
          </label>
          <input id="library-q" class="input" type="search" autocomplete="off" spellcheck={false} maxLength={200} placeholder="Ví dụ: cap phep xay dung" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="library-field" class="field-label">
            Lĩnh vực
          </label>
          <select
            id="library-field"
            class="input select"
            value={field}
            onChange={(e) => {
              setField(e.currentTarget.value);
              go({ q: q.trim(), field: e.currentTarget.value });
            }}
          >
            <option value="">Tất cả lĩnh vực</option>
            {((fields.data && fields.data.items) || []).map((f) => (
              <option key={f.slug} value={f.slug}>
                {f.name}
              </option>
            ))}
          </select>
        </div>
        <p class="actions library-actions">
          <button type="submit" class="button">
            Tìm
          </button>
          {filtered && (
            <button
              type="button"
              class="button button-secondary"
              onClick={() => {
                setQ('');
                setField('');
                go({ q: '', field: '' });
              }}
            >
              Xóa tìm kiếm
            </button>
          )}
        </p>
      </form>
      {fields.error && <ErrorMessage title="Không tải được danh mục lĩnh vực." error={fields.error} onRetry={fields.retry} />}
      {state.error && !state.more ? (
        <ErrorMessage title="Không tải được thư viện hỏi đáp." error={state.error} onRetry={() => setAttempt((n) => n + 1)} />
      ) : state.loading && !state.more && page.key !== key ? (
        <Loading>Đang tìm…</Loading>
      ) : (
        <>
          <p class="count" role="status">
            {shown.total === 0
              ? filtered
                ? 'Không tìm thấy câu hỏi nào. Thử từ khóa ngắn hơn hoặc bỏ chọn lĩnh vực.'
                : 'Thư viện chưa có câu hỏi nào được chia sẻ.'
              : `${formatNumber(shown.total)} câu hỏi${shown.items.length < shown.total ? `, đang hiện ${formatNumber(shown.items.length)}` : ''}`}
          </p>
          {shown.items.length > 0 && (
            <ul class="qa-list" aria-label="Câu hỏi và câu trả lời">
              {shown.items.map((item) => (
                <QaItem key={item.id} item={item} />
              ))}
            </ul>
          )}
          {state.error && state.more && <ErrorMessage title="Không tải thêm được." error={state.error} onRetry={loadMore} />}
          {shown.next && !(state.error && state.more) && (
            <p class="more">
              <button type="button" class="button button-secondary" onClick={loadMore} disabled={state.loading}>
                {state.loading ? 'Đang tải…' : 'Xem thêm'}
              </button>
            </p>
          )}
        </>
      )}
    </>
  );
}

function QaItem({ item }) {
  return (
    <li class="qa card">
      <h2 class="qa-question">{item.title}</h2>
      <p class="issue-meta">
        {item.field && <span>{item.field.name}</span>}
        {item.commune && <span>{item.commune.name} hỏi</span>}
        <span class="mono">{item.code}</span>
      </p>
      <details class="qa-detail">
        <summary>Nội dung câu hỏi</summary>
        <div class="prose">{item.description}</div>
      </details>
      <div class="qa-answer">
        <p class="qa-label">
          Trả lời{item.answered_by && <> của {item.answered_by.name}</>}
          {item.answered_at && <span class="muted"> · {formatDate(item.answered_at)}</span>}
        </p>
        <div class="prose">{item.answer}</div>
        {item.legal_basis && (
          <p class="legal-basis">
            <span class="legal-basis-label">Căn cứ: </span>
            {item.legal_basis}
          </p>
        )}
      </div>
    </li>
  );
}
