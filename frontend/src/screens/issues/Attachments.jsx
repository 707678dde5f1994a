// Files attached to an issue: download (the API needs the access token, so the file is fetched
// and handed to the browser as a download) and, for the commune that raised it and the unit
// holding it while it is open, upload: PDF, DOCX, XLSX, JPG or PNG up to 10 MB.
import { useRef, useState } from 'preact/hooks';
import { formatDateTime, formatNumber } from '../../format.js';
import { downloadAttachment, uploadAttachment } from '../../issuesApi.js';

const MAX = 10 * 1024 * 1024;
const TYPES = ['pdf', 'docx', 'xlsx', 'jpg', 'jpeg', 'png'];

function size(n) {
  if (n >= 1024 * 1024) return `${formatNumber(Math.round((n / (1024 * 1024)) * 10) / 10)} MB`;
  return `${formatNumber(Math.max(1, Math.round(n / 1024)))} KB`;
}

// The API refuses / \ " and control characters in names; anything else (Vietnamese too) stays.
function cleanName(name) {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\u0000-\u001f\u007f/\\"]/g, '_').replace(/^\.+/, '').slice(-200) || 'tep-dinh-kem';
}

export function canAttach(user, issue) {
  const actor = ['commune_officer', 'department_officer', 'department_head', 'province_office'].includes(user.role);
  const unit = user.unit && user.unit.id;
  const mine = (issue.commune && issue.commune.id === unit) || (issue.holder && issue.holder.id === unit);
  return actor && mine && !['closed', 'withdrawn'].includes(issue.state);
}

export function Attachments({ user, issue, onUploaded }) {
  const [file, setFile] = useState(null);
  const [problem, setProblem] = useState(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(null);
  const [downloading, setDownloading] = useState(null);
  const [downloadError, setDownloadError] = useState(null);
  const inputRef = useRef(null);
  const items = issue.attachments || [];
  const allowed = canAttach(user, issue);

  function pick(e) {
    const f = e.currentTarget.files && e.currentTarget.files[0];
    setDone(null);
    setProblem(null);
    setFile(f || null);
    if (!f) return;
    const ext = (f.name.split('.').pop() || '').toLowerCase();
    if (!TYPES.includes(ext)) setProblem('Chỉ nhận tệp PDF, DOCX, XLSX, JPG hoặc PNG.');
    else if (f.size > MAX) setProblem(`Tệp ${size(f.size)} vượt quá giới hạn 10 MB.`);
    else if (f.size === 0) setProblem('Tệp rỗng.');
  }

  async function upload(event) {
    event.preventDefault();
    if (busy) return;
    if (!file) {
      setProblem('Chọn tệp cần đính kèm.');
      inputRef.current && inputRef.current.focus();
      return;
    }
    if (problem) {
      inputRef.current && inputRef.current.focus();
      return;
    }
    setBusy(true);
    setDone(null);
    try {
      const saved = await uploadAttachment(issue.id, file, cleanName(file.name));
      setBusy(false);
      setFile(null);
      if (inputRef.current) inputRef.current.value = '';
      setDone(`Đã đính kèm “${saved.filename}”.`);
      onUploaded();
    } catch (err) {
      setBusy(false);
      setProblem(err.status === 413 ? 'Tệp vượt quá giới hạn 10 MB.' : err.message);
    }
  }

  async function download(a) {
    setDownloading(a.id);
    setDownloadError(null);
    try {
      const { blob, filename } = await downloadAttachment(a.id);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = filename || a.filename;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      setDownloadError({ id: a.id, message: err.message });
    }
    setDownloading(null);
  }

  return (
    <section class="card" aria-labelledby="files-title">
      <h2 id="files-title" class="section-title">
        Tệp đính kèm {items.length > 0 && <span class="count-detail">({formatNumber(items.length)})</span>}
      </h2>
      {items.length === 0 ? (
        <p class="muted">Chưa có tệp đính kèm.</p>
      ) : (
        <ul class="files">
          {items.map((a) => (
            <li key={a.id} class="file">
              <span class="file-name">{a.filename}</span>
              <span class="file-meta">
                {size(a.size)} · {formatDateTime(a.created_at)}
              </span>
              <button type="button" class="button button-small" disabled={downloading === a.id} onClick={() => download(a)} aria-label={`Tải về ${a.filename}`}>
                {downloading === a.id ? 'Đang tải…' : 'Tải về'}
              </button>
              {downloadError && downloadError.id === a.id && (
                <p class="field-error" role="alert">
                  Không tải về được: {downloadError.message}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {allowed && (
        <form class="upload" onSubmit={upload} noValidate>
          <div class="field">
            <label for="attach-file" class="field-label">
              Đính kèm tệp
            </label>
            <div id="attach-hint" class="field-hint">
              PDF, DOCX, XLSX, JPG hoặc PNG; tối đa 10 MB.
            </div>
            <div class="file-picker">
              <input
                id="attach-file"
                ref={inputRef}
                class="file-input"
                type="file"
                accept=".pdf,.docx,.xlsx,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                aria-describedby={problem ? 'attach-hint attach-chosen attach-error' : 'attach-hint attach-chosen'}
                aria-invalid={problem ? 'true' : undefined}
                onChange={pick}
              />
              <span class="button button-secondary file-button" aria-hidden="true">
                Chọn tệp…
              </span>
              <span id="attach-chosen" class="file-chosen">
                {file ? `${file.name} (${size(file.size)})` : 'Chưa chọn tệp'}
              </span>
            </div>
            {problem && (
              <p id="attach-error" class="field-error" role="alert">
                <span aria-hidden="true">⚠ </span>
                {problem}
              </p>
            )}
          </div>
          <p class="actions">
            <button type="submit" class="button" disabled={busy}>
              {busy ? 'Đang tải lên…' : 'Tải lên'}
            </button>
          </p>
          {done && (
            <p class="notice" role="status">
              {done}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
