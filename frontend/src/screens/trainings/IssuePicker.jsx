// The issues answered during the conference, picked from the department's own issues
// (GET /issues: what it holds, leads, supports or answered), searched on the server without
// needing diacritics.
import { useEffect, useRef, useState } from 'preact/hooks';
import { searchIssues } from '../../reportsApi.js';
import { ErrorMessage } from '../../components/ErrorMessage.jsx';
import { Loading } from '../../components/Loading.jsx';
import { issueState } from '../reports/labels.js';

export function IssuePicker({ selected, onChange }) {
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [state, setState] = useState({ loading: true, error: null, items: [], total: 0 });
  const [attempt, setAttempt] = useState(0);
  const timer = useRef(null);

  useEffect(() => () => clearTimeout(timer.current), []);
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    searchIssues({ q: query.trim() || undefined, signal: controller.signal }).then(
      (body) => setState({ loading: false, error: null, items: body.items, total: body.total }),
      (error) => {
        if (!controller.signal.aborted) setState((s) => ({ ...s, loading: false, error }));
      },
    );
    return () => controller.abort();
  }, [query, attempt]);

  const chosen = new Set(selected.map((i) => i.id));
  function toggle(issue, on) {
    if (on) onChange([...selected, { id: issue.id, code: issue.code, title: issue.title }]);
    else onChange(selected.filter((i) => i.id !== issue.id));
  }

  return (
    <fieldset class="fieldset issue-picker">
      <legend class="field-label">Kiến nghị đã giải đáp tại hội nghị</legend>
      <p class="field-hint">Chọn các kiến nghị của xã, phường mà đơn vị đã hướng dẫn, giải đáp trong hội nghị.</p>
      {selected.length > 0 && (
        <ul class="chips" aria-label="Kiến nghị đã chọn">
          {selected.map((i) => (
            <li key={i.id} class="chip chip-removable">
              <span class="mono">{i.code}</span> {i.title}
              <button type="button" class="chip-remove" aria-label={`Bỏ chọn ${i.code}`} onClick={() => toggle(i, false)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="field">
        <label for="issue-search" class="field-label-light">
          Tìm kiến nghị của đơn vị
        </label>
        <input
          id="issue-search"
          class="input"
          type="search"
          autocomplete="off"
          spellcheck={false}
          placeholder="Mã hoặc vài chữ trong nội dung, không cần dấu"
          value={q}
          onInput={(e) => {
            const v = e.currentTarget.value;
            setQ(v);
            clearTimeout(timer.current);
            timer.current = setTimeout(() => setQuery(v), 300);
          }}
        />
      </div>
      {state.error ? (
        <ErrorMessage title="Không tải được danh sách kiến nghị." error={state.error} onRetry={() => setAttempt((n) => n + 1)} />
      ) : state.loading && state.items.length === 0 ? (
        <Loading>Đang tải kiến nghị…</Loading>
      ) : state.items.length === 0 ? (
        <p class="muted">{query.trim() ? 'Không có kiến nghị nào khớp.' : 'Đơn vị chưa có kiến nghị nào.'}</p>
      ) : (
        <ul class="issue-choices" aria-label="Kiến nghị của đơn vị" aria-busy={state.loading ? 'true' : 'false'}>
          {state.items.map((issue) => (
            <li key={issue.id}>
              <label class="choice issue-choice">
                <input type="checkbox" checked={chosen.has(issue.id)} onChange={(e) => toggle(issue, e.currentTarget.checked)} />
                <span>
                  <span class="mono">{issue.code}</span> {issue.title}
                  <span class="issue-choice-meta">
                    {issue.commune && issue.commune.name} · {issueState(issue.state)}
                  </span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
      {state.total > state.items.length && <p class="field-hint">Đang hiện {state.items.length} trên {state.total} kiến nghị; gõ để tìm thêm.</p>}
    </fieldset>
  );
}
