// The frozen versions of a report, newest first: when each was sent, by whom, on time or
// late, returned or not (with Sở Nội vụ's reason); each readable in full, printable, and
// downloadable as Excel or CSV.
import { useState } from 'preact/hooks';
import { formatNumber } from '../../format.js';
import { Link } from '../../router.js';
import { Badge, Downloads, TimelinessBadge, when } from './parts.jsx';

/**
 * `versions` as the API lists them (oldest first); `renderBody(snapshot)` shows one in full;
 * `printHref(number)` and `download(number, {format, list})` give its print view and files.
 */
export function VersionList({ idPrefix, versions, renderBody, printHref, download, lists, fileBase, openLatest = false }) {
  const list = [...versions].reverse();
  const [openId, setOpenId] = useState(openLatest && list.length ? list[0].number : null);
  if (list.length === 0) return <p class="empty">Chưa có phiên bản nào được gửi.</p>;
  return (
    <ol class="versions" reversed>
      {list.map((v) => {
        const open = openId === v.number;
        const bodyId = `${idPrefix}-v${v.number}`;
        return (
          <li key={v.number} class="version card-item">
            <div class="version-head">
              <h3 class="version-title">Phiên bản {v.number}</h3>
              <TimelinessBadge lateSeconds={v.late_seconds} />
              {v.returned_at && <Badge tone="warn">Bị trả lại</Badge>}
            </div>
            <p class="card-item-meta">
              Gửi lúc {when(v.submitted_at)}
              {v.submitted_by && <> · {v.submitted_by}</>}
              {v.snapshot && v.snapshot.figures && (
                <>
                  {' '}
                  · {formatNumber(v.snapshot.figures.trainings)} hội nghị, {formatNumber(v.snapshot.figures.participants)} học viên
                </>
              )}
            </p>
            {v.returned_at && (
              <div class="returned-box">
                <p>
                  <strong>Sở Nội vụ trả lại lúc {when(v.returned_at)}.</strong>
                </p>
                <p>Lý do: {v.return_reason}</p>
              </div>
            )}
            <div class="version-actions">
              <button
                type="button"
                class="button button-small"
                aria-expanded={open ? 'true' : 'false'}
                aria-controls={bodyId}
                onClick={() => setOpenId(open ? null : v.number)}
              >
                {open ? 'Thu gọn' : 'Xem nội dung đã gửi'}
              </button>
              <Link href={printHref(v.number)} class="button button-small">
                Bản in
              </Link>
            </div>
            <Downloads id={bodyId} lists={lists} base={`${fileBase}-v${v.number}`} load={(q) => download(v.number, q)} />
            <div id={bodyId} class="version-body" hidden={!open}>
              {open && renderBody(v.snapshot, v)}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
