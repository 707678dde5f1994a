// "Tài liệu API": the reference of the whole API, rendered here from the OpenAPI document that
// nginx serves at /api/openapi.json (docs/openapi.json in the repository) — nothing loaded from
// another site. Operations are grouped by tag, searchable (diacritics ignored) and open on
// demand: who may call, parameters, request and response fields, errors, a curl example.
// Public: the login page links here, and anonymous visitors may read it.
import { useMemo, useState } from 'preact/hooks';
import { ErrorMessage } from '../../components/ErrorMessage.jsx';
import { Loading } from '../../components/Loading.jsx';
import { Link } from '../../router.js';
import { makeMatcher } from '../../text.js';
import { useTitle } from '../../title.js';
import { useResource } from '../../useResource.js';
import { Markdown, inline } from './markdown.jsx';
import { Disclosure, SchemaView, resolve, typeLabel } from './schema.jsx';
import './api-docs.css';

export const DOC_URL = '/api/openapi.json';
export const GUIDE_PATH = '/tai-lieu-api/huong-dan';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const REPORTING_TAG_PREFIX = 'API báo cáo';

// The document is a static file from nginx, not a backend call: fetched directly, without a token.
async function loadDoc(signal) {
  let res;
  try {
    res = await fetch(DOC_URL, { signal, headers: { Accept: 'application/json' }, credentials: 'omit' });
  } catch (err) {
    if (err && err.name === 'AbortError') throw err;
    throw new Error('Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.');
  }
  if (!res.ok) throw new Error(`Máy chủ không trả được tài liệu (mã ${res.status}).`);
  return res.json();
}

function operationsOf(doc) {
  const out = [];
  for (const [path, item] of Object.entries(doc.paths || {})) {
    const server = ((item.servers || doc.servers || [])[0] || { url: '' }).url.replace(/\/$/, '');
    for (const method of METHODS) {
      if (item[method]) out.push({ method, path, full: server + path, op: item[method] });
    }
  }
  return out;
}

const slug = (s) => `tag-${s.split(' / ')[0].normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;

export function ApiDocsScreen({ user }) {
  useTitle('Tài liệu API');
  const { data: doc, error, loading, retry } = useResource(loadDoc, []);
  const [query, setQuery] = useState('');
  const [tag, setTag] = useState('');
  const ops = useMemo(() => (doc ? operationsOf(doc) : []), [doc]);
  const reportingTag = doc && (doc.tags || []).map((t) => t.name).find((n) => n.startsWith(REPORTING_TAG_PREFIX));

  const shown = useMemo(() => {
    const match = makeMatcher(query);
    return ops.filter(
      (o) => (!tag || o.op.tags.includes(tag)) && match(o.method, o.full, o.op.summary, o.op.operationId, ...o.op.tags),
    );
  }, [ops, query, tag]);

  // Grouped by the chosen tag, or by each operation's first tag, in the document's tag order.
  const groups = useMemo(() => {
    if (!doc) return [];
    const order = (doc.tags || []).map((t) => t.name);
    const by = new Map(order.map((n) => [n, []]));
    for (const o of shown) {
      const t = tag || o.op.tags[0];
      if (!by.has(t)) by.set(t, []);
      by.get(t).push(o);
    }
    return [...by].filter(([, list]) => list.length > 0);
  }, [doc, shown, tag]);

  return (
    <>
      <div class="page-head">
        {!user && (
          <p class="breadcrumb">
            <Link href="/dang-nhap">Đăng nhập</Link>
          </p>
        )}
        <h1 id="page-title" class="page-title" tabIndex={-1}>
          Tài liệu API
        </h1>
        <p class="page-lead">
          Mô tả đầy đủ mọi đường dẫn của API hệ thống Thông suốt: tham số, dữ liệu gửi lên, dữ liệu trả về, lỗi. Cán bộ
          phân tích của Tỉnh ủy xem trước <Link href={GUIDE_PATH}>Hướng dẫn dùng API báo cáo</Link> (cách xin mã truy
          cập, ví dụ <code>curl</code>, CSV, giới hạn số lần gọi).
        </p>
      </div>
      {loading && !doc && <Loading>Đang tải tài liệu API…</Loading>}
      {error && <ErrorMessage title="Không tải được tài liệu API." error={error} onRetry={retry} />}
      {doc && (
        <>
          <section class="card api-intro" aria-labelledby="api-intro-title">
            <h2 id="api-intro-title" class="section-title">
              {doc.info.title} <span class="muted">· phiên bản {doc.info.version} · OpenAPI {doc.openapi}</span>
            </h2>
            <dl class="facts facts-compact api-facts">
              <div>
                <dt>Địa chỉ gốc</dt>
                <dd>
                  <code>{window.location.origin + ((doc.servers || [])[0] || { url: '' }).url}</code>
                </dd>
              </div>
              <div>
                <dt>Tài liệu máy đọc được</dt>
                <dd>
                  <a href={DOC_URL} download="openapi.json">
                    openapi.json
                  </a>
                </dd>
              </div>
              <div>
                <dt>Số thao tác</dt>
                <dd>{ops.length}</dd>
              </div>
            </dl>
            <Markdown text={doc.info.description} class="api-description" />
          </section>

          <div class="api-filters" role="search">
            <label class="filter">
              <span class="filter-label">Tìm đường dẫn, thao tác</span>
              <input
                class="filter-input"
                type="search"
                value={query}
                placeholder="ví dụ: thong ke, periods, bao cao"
                onInput={(e) => setQuery(e.currentTarget.value)}
              />
            </label>
            <label class="filter">
              <span class="filter-label">Nhóm</span>
              <select class="filter-input" value={tag} onChange={(e) => setTag(e.currentTarget.value)}>
                <option value="">Tất cả các nhóm</option>
                {(doc.tags || []).map((t) => (
                  <option value={t.name}>{t.name}</option>
                ))}
              </select>
            </label>
            {reportingTag && tag !== reportingTag && (
              <button type="button" class="button button-secondary api-reporting" onClick={() => setTag(reportingTag)}>
                Chỉ xem API báo cáo (mã truy cập)
              </button>
            )}
          </div>
          <p class="count" role="status">
            {shown.length} thao tác
            {shown.length !== ops.length && <span class="count-detail"> (trong {ops.length})</span>}
          </p>
          {groups.length === 0 && <p class="empty">Không có thao tác nào khớp với điều kiện tìm.</p>}
          {groups.map(([name, list]) => {
            const t = (doc.tags || []).find((x) => x.name === name);
            return (
              <section class="api-group" aria-labelledby={slug(name)}>
                <h2 id={slug(name)} class="section-title">
                  {name}
                </h2>
                {t && t.description && <p class="section-lead">{inline(t.description)}</p>}
                <ul class="api-ops">
                  {list.map((o) => (
                    <li key={`${o.method} ${o.full}`}>
                      <Operation doc={doc} o={o} />
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
        </>
      )}
    </>
  );
}

function Operation({ doc, o }) {
  return (
    <Disclosure
      class="api-op"
      id={`op-${o.op.operationId}`}
      summary={
        <>
          <span class={`api-method api-method-${o.method}`}>{o.method.toUpperCase()}</span>{' '}
          <code class="api-path">{o.full}</code> <span class="api-summary">{o.op.summary}</span>
        </>
      }
    >
      {() => <OperationBody doc={doc} o={o} />}
    </Disclosure>
  );
}

function curlOf(doc, o) {
  const isPublic = Array.isArray(o.op.security) && o.op.security.length === 0;
  const required = (o.op.parameters || [])
    .map((p) => resolve(doc, p).schema)
    .filter((p) => p.in === 'query' && p.required)
    .map((p) => `${p.name}=${p.schema && p.schema.enum ? p.schema.enum[0] : '…'}`);
  const url = `${window.location.origin}${o.full}${required.length ? `?${required.join('&')}` : ''}`;
  const parts = ['curl -s'];
  if (o.method !== 'get') parts.push(`-X ${o.method.toUpperCase()}`);
  if (!isPublic) parts.push(`-H "Authorization: Bearer $TS_TOKEN"`);
  if (o.op.requestBody && o.op.requestBody.content['application/json'] && o.op.requestBody.required) {
    parts.push(`-H 'Content-Type: application/json' -d '{…}'`);
  }
  parts.push(`"${url}"`);
  return parts.join(' ');
}

function OperationBody({ doc, o }) {
  const { op } = o;
  const params = (op.parameters || []).map((p) => resolve(doc, p).schema);
  const schemes = (op.security || doc.security || []).flatMap((s) => Object.keys(s));
  const isPublic = Array.isArray(op.security) && op.security.length === 0;
  return (
    <div class="api-op-body">
      {op.description && <Markdown text={op.description} />}
      <p class="api-access">
        {isPublic && <span class="api-badge">Công khai</span>}
        {schemes.includes('apiToken') && <span class="api-badge api-badge-token">Đọc được bằng mã truy cập API</span>}
      </p>
      <pre class="md-code api-curl" tabIndex={0}>
        <code>{curlOf(doc, o)}</code>
      </pre>
      {params.length > 0 && (
        <>
          <h3 class="api-h3">Tham số</h3>
          <div class="md-table" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Tên</th>
                  <th scope="col">Ở</th>
                  <th scope="col">Kiểu</th>
                  <th scope="col">Ý nghĩa</th>
                </tr>
              </thead>
              <tbody>
                {params.map((p) => (
                  <tr>
                    <td>
                      <code>{p.name}</code>
                      {p.required && (
                        <span class="schema-required" title="bắt buộc">
                          *
                        </span>
                      )}
                    </td>
                    <td>{{ path: 'đường dẫn', query: 'truy vấn', header: 'header', cookie: 'cookie' }[p.in] || p.in}</td>
                    <td>
                      <code>{typeLabel(doc, p.schema)}</code>
                    </td>
                    <td>{p.description && inline(p.description)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {op.requestBody && (
        <>
          <h3 class="api-h3">Dữ liệu gửi lên{op.requestBody.required ? '' : ' (không bắt buộc)'}</h3>
          {Object.entries(op.requestBody.content).map(([type, media]) => (
            <div class="api-media">
              <p class="muted">
                <code>{type}</code>
              </p>
              {type === 'application/json' ? <SchemaView doc={doc} schema={media.schema} /> : <p>Thân yêu cầu là chính tệp.</p>}
            </div>
          ))}
        </>
      )}
      <h3 class="api-h3">Kết quả</h3>
      <ul class="api-responses">
        {Object.entries(op.responses).map(([status, r]) => (
          <li>
            <Response doc={doc} status={status} response={resolve(doc, r).schema} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function Response({ doc, status, response }) {
  const ok = Number(status) < 400;
  const head = (
    <>
      <span class={`api-status ${ok ? 'api-status-ok' : 'api-status-bad'}`}>{status}</span> {inline(response.description || '')}
    </>
  );
  const content = Object.entries(response.content || {});
  const headers = Object.keys(response.headers || {}).filter((h) => h !== 'X-Request-Id');
  if (content.length === 0 && headers.length === 0) return <div class="api-response">{head}</div>;
  return (
    <Disclosure class="api-response" summary={head}>
      {() => (
        <div class="api-response-body">
          {headers.length > 0 && (
            <p class="muted">
              Header: {headers.map((h) => <code class="api-header">{h}</code>)}
            </p>
          )}
          {content.map(([type, media]) => (
            <div class="api-media">
              <p class="muted">
                <code>{type}</code>
              </p>
              {type === 'application/json' ? (
                <SchemaView doc={doc} schema={media.schema} />
              ) : (
                <p>{type === 'text/csv' ? 'Tệp CSV (UTF-8 có BOM, mở bằng Excel).' : 'Tệp tải về.'}</p>
              )}
            </div>
          ))}
        </div>
      )}
    </Disclosure>
  );
}
