// "Báo cáo tổng hợp" of a period. Sở Nội vụ works on the live compilation (every department's
// latest submitted version), writes its narrative (saved as a draft while typing) and submits,
// which freezes a version; leadership and Party readers read the frozen versions.
import { useState } from 'preact/hooks';
import { exportConsolidated, getConsolidated, saveConsolidated, submitConsolidated } from '../../reportsApi.js';
import { ErrorMessage } from '../../components/ErrorMessage.jsx';
import { Loading } from '../../components/Loading.jsx';
import { Notice } from '../../components/Notice.jsx';
import { formatTime } from '../../format.js';
import { Link } from '../../router.js';
import { useTitle } from '../../title.js';
import { useResource } from '../../useResource.js';
import { ConsolidatedSections } from './ConsolidatedSections.jsx';
import { CONSOLIDATED_LISTS, Deadline, SaveStatus, TimelinessBadge, when } from './parts.jsx';
import { PeriodMissing, PeriodPicker, usePeriod } from './PeriodPicker.jsx';
import { SubmitDialog } from './SubmitDialog.jsx';
import { durationText } from './time.js';
import { useDraftSaver } from './useDraftSaver.js';
import { VersionList } from './VersionList.jsx';

export function ConsolidatedScreen({ user }) {
  useTitle('Báo cáo tổng hợp');
  const periodState = usePeriod();
  const { period, periods, asked } = periodState;
  const pid = period && period.id;
  const report = useResource((signal) => (pid ? getConsolidated(pid, { signal }) : Promise.resolve(null)), [pid]);
  const data = report.data && report.data.period.id === pid ? report.data : null;

  let content;
  if (periods.data && !period) content = asked ? <PeriodMissing /> : <p class="empty">Chưa có kỳ báo cáo nào.</p>;
  else if (report.error && !data) content = <ErrorMessage title="Không tải được báo cáo tổng hợp." error={report.error} onRetry={report.retry} />;
  else if (!data) content = periods.error ? null : <Loading>Đang tải báo cáo tổng hợp…</Loading>;
  else content = <ConsolidatedView key={pid} initial={data} user={user} />;

  return (
    <div class="report-page">
      <p class="breadcrumb">
        <Link href={`/bao-cao${pid ? `?ky=${pid}` : ''}`}>Theo dõi báo cáo</Link> <span aria-hidden="true">›</span>
      </p>
      <h1 id="page-title" class="page-title" tabIndex={-1}>
        Báo cáo tổng hợp
      </h1>
      <div class="report-toolbar">
        <PeriodPicker id="consolidated-period" state={periodState} />
      </div>
      {content}
    </div>
  );
}

function ConsolidatedView({ initial, user }) {
  const [report, setReport] = useState(initial);
  const [dialog, setDialog] = useState(false);
  const [busy, setBusy] = useState(false);
  const [submitError, setSubmitError] = useState(null);
  const [notice, setNotice] = useState(null);
  const pid = report.period.id;
  const editor = useDraftSaver({
    initial,
    save: (narrative, version) => saveConsolidated(pid, narrative, version),
    reload: () => getConsolidated(pid),
    onReport: setReport,
  });
  const live = user.role === 'home_affairs' && Boolean(report.compiled);
  const latest = report.versions.length ? report.versions[report.versions.length - 1] : null;

  async function confirmSubmit() {
    setBusy(true);
    setSubmitError(null);
    if (!(await editor.flush())) {
      setSubmitError({ message: 'Phần nhận xét chưa lưu được nên chưa gửi. Vui lòng xem thông báo lưu nháp rồi thử lại.' });
      setBusy(false);
      return;
    }
    try {
      const next = await submitConsolidated(pid);
      setReport(next);
      const v = next.versions[next.versions.length - 1];
      setDialog(false);
      setNotice(
        `Đã gửi báo cáo tổng hợp (phiên bản ${v.number}) lúc ${formatTime(v.submitted_at)} – ${v.late_seconds > 0 ? `trễ hạn ${durationText(v.late_seconds)}` : 'đúng hạn'}.`,
      );
    } catch (err) {
      setSubmitError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Notice>{notice}</Notice>
      <section class="card report-state" aria-label="Tình trạng báo cáo tổng hợp">
        <p class="report-state-line">
          {latest ? (
            <span>
              Đã gửi phiên bản {latest.number} lúc {when(latest.submitted_at)} <TimelinessBadge lateSeconds={latest.late_seconds} />
            </span>
          ) : (
            <span>Chưa gửi phiên bản nào.</span>
          )}
        </p>
        <Deadline label="Hạn tổng hợp" at={report.period.consolidation_deadline} done={Boolean(latest)} />
        <Deadline label="Hạn sở, ngành gửi" at={report.period.report_deadline} done />
      </section>

      {live ? (
        <section class="block" aria-labelledby="consolidated-live-title">
          <h2 id="consolidated-live-title" class="section-title">
            Bản tổng hợp hiện tại
          </h2>
          <p class="section-lead">
            Tổng hợp từ phiên bản mới nhất mà mỗi sở, ngành đã gửi; số liệu cập nhật khi có báo cáo mới. Khi gửi, nội dung được lưu cố định thành một phiên bản.
          </p>
          <ConsolidatedSections idPrefix="consolidated" compiled={report.compiled} editor={editor} />
          <div class="report-bar">
            <SaveStatus status={editor.status} onRetry={() => editor.flush()} />
            <p class="actions">
              {editor.status.kind === 'conflict' ? (
                <button type="button" class="button" onClick={() => editor.saveMine()}>
                  Lưu nội dung của tôi
                </button>
              ) : (
                <button type="button" class="button" onClick={() => (setSubmitError(null), setDialog(true))}>
                  {latest ? 'Gửi phiên bản mới' : 'Gửi báo cáo tổng hợp'}
                </button>
              )}
            </p>
          </div>
        </section>
      ) : (
        <p class="notice notice-info block">Bạn xem các phiên bản báo cáo tổng hợp Sở Nội vụ đã gửi.</p>
      )}

      <section class="block" aria-labelledby="consolidated-versions-title">
        <h2 id="consolidated-versions-title" class="section-title">
          Các phiên bản đã gửi
        </h2>
        <VersionList
          idPrefix="consolidated-version"
          versions={report.versions}
          openLatest={!live}
          lists={CONSOLIDATED_LISTS}
          fileBase={`bao-cao-tong-hop-${report.period.code}`}
          printHref={(n) => `/in/bao-cao/tong-hop?ky=${pid}&phien-ban=${n}`}
          download={(n, q) => exportConsolidated(pid, { ...q, version: n })}
          renderBody={(snap) => <ConsolidatedSections idPrefix={`csnap-${snap.version}`} compiled={snap} narrative={snap.narrative} level={4} />}
        />
      </section>

      {live && (
        <SubmitDialog
          open={dialog}
          title="Gửi báo cáo tổng hợp?"
          deadline={report.period.consolidation_deadline}
          deadlineLabel="tổng hợp"
          confirmLabel="Gửi báo cáo tổng hợp"
          busy={busy}
          error={submitError}
          onConfirm={confirmSubmit}
          onClose={() => setDialog(false)}
        >
          <p>
            Báo cáo tổng hợp {report.period.name} ({report.compiled.totals.departments_reported} sở, ngành đã gửi) sẽ được lưu cố định và gửi Ban Thường vụ Đảng ủy
            UBND tỉnh, Chủ tịch UBND tỉnh.
          </p>
        </SubmitDialog>
      )}
    </>
  );
}
