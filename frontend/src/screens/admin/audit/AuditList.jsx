// Audit entries: when (HH:mm dd/mm/yyyy, Vietnam time), who, what, on which object, from
// where; the before/after values folded away.
import { formatDateTime } from '../../../format.js';
import { actionLabel, objectTypeLabel } from './labels.js';

function Json({ label, value }) {
  if (value == null) return null;
  return (
    <div class="json">
      <p class="json-label">{label}</p>
      <pre class="json-value">{JSON.stringify(value, null, 2)}</pre>
    </div>
  );
}

export function AuditList({ entries }) {
  return (
    <ol class="audit" aria-label="Các mục nhật ký">
      {entries.map((e) => {
        const label = actionLabel(e.action);
        return (
          <li key={e.id} class="audit-item">
            <div class="audit-head">
              <time class="audit-time" dateTime={e.at}>
                {formatDateTime(e.at)}
              </time>
              <span class="audit-actor">{e.actor ? e.actor.username : 'Hệ thống'}</span>
            </div>
            <p class="audit-action">
              {label ? (
                <>
                  {label} <span class="mono muted">({e.action})</span>
                </>
              ) : (
                <span class="mono">{e.action}</span>
              )}
              {e.object_type && (
                <span class="audit-object">
                  {' · '}
                  {objectTypeLabel(e.object_type)}
                  {e.object_id != null && <> #{e.object_id}</>}
                </span>
              )}
            </p>
            <p class="audit-meta">
              {e.client_addr && <>Địa chỉ {e.client_addr}</>}
              {e.client_addr && e.request_id && ' · '}
              {e.request_id && <span class="mono">Yêu cầu {e.request_id}</span>}
            </p>
            {(e.before != null || e.after != null) && (
              <details class="audit-details">
                <summary>Chi tiết thay đổi</summary>
                <Json label="Trước" value={e.before} />
                <Json label="Sau" value={e.after} />
              </details>
            )}
          </li>
        );
      })}
    </ol>
  );
}
