// A department's weekly report for one period. The department writes the narrative under each
// of the six sections (saved as a draft while typing) and its head submits it, which freezes a
// version; Sở Nội vụ reads the draft and the versions and may return a submitted report with
// a reason; leadership and Party readers read the frozen versions only.
import { useState } from 'preact/hooks';
import { getReport, exportReport, returnReport, saveReport, submitReport } from '../../reportsApi.js';
import { ErrorMessage } from '../../components/ErrorMessage.jsx';
import { Loading } from '../../components/Loading.jsx';
import { Notice } from '../../components/Notice.jsx';
import { formatTime } from '../../format.js';
import { Link } from '../../router.js';
import { useTitle } from '../../title.js';
import { useResource } from '../../useResource.js';
import { PeriodMissing, PeriodPicker, usePeriod } from './PeriodPicker.jsx';
import { Deadline, Figures, REPORT_LISTS, ReportStateBadge, SaveStatus, TimelinessBadge, when } from './parts.jsx';
import { ReportSections } from './ReportSections.jsx';
import { ReturnForm } from './ReturnForm.jsx';
import { SubmitDialog } from './SubmitDialog.jsx';
import { durationText } from './time.js';
import { useDraftSaver } from './useDraftSaver.js';
import { VersionList } from './VersionList.jsx';

const DEPARTMENT_ROLES = ['department_officer', 'department_head'];

/** /bao-cao/don-vi/:unit — any department's report (Sở Nội vụ, leadership, Party readers). */
export function DepartmentReportScreen({ user, params }) {
  return <DepartmentReport user={user} unitId={Number(params.unit)} />;
}

/** The report of `unitId` with its period picker. */
export function DepartmentReport({ user, unitId }) {
  const periodState = usePeriod();
  const { period, periods, asked } = periodState;
  const own = DEPARTMENT_ROLES.includes(user.role) && user.unit && user.unit.id === unitId;
  const pid = period && period.id;
  const report = useResource((signal) => (pid ? getReport(pid, unitId, { signal }) : Promise.resolve(null)), [pid, unitId]);
  const data = report.data && report.data.period.id === pid && report.data.unit.id === unitId ? report.data : null;
  const unitName = (data && data.unit.name) || (own && user.unit.name) || '';
  useTitle(unitName ? `Báo cáo tuần – ${unitName}` : 'Báo cáo tuần');

  let content;
  if (periods.data && !period) content = asked ? <PeriodMissing /> : <p class="empty">Chưa có kỳ báo cáo nào.</p>;
  else if (report.error && !data) content = <ErrorMessage title="Không tải được báo cáo." error={report.error} onRetry={report.retry} />;
  else if (!data) content = periods.error ? null : <Loading>Đang tải báo cáo…</Loading>;
  else content = <ReportView key={`${pid}/${unitId}`} initial={data} user={user} own={own} />;

  return (
    <div class="report-page">
      {!own && (
        <p class="breadcrumb">
          <Link href={`/bao-cao${pid ? `?ky=${pid}` : ''}`}>Theo dõi báo cáo</Link> <span aria-hidden="true">›</span>
        </p>
      )}
      <h1 id="page-title" class="page-title" tabIndex={-1}>
        Báo cáo tuần{unitName ? ` – ${unitName}` : ''}
      </h1>
      <div class="report-toolbar">
        <PeriodPicker id="report-period" state={periodState} />
      </div>
      {content}
    </div>
  );
}

function ReportView({ initial, user, own }) {
  const [report, setReport] = useState(initial);
  const [dialog, setDialog] = useState(false);
  const [busy, setBusy] = useState(false);
  const [submitError, setSubmitError] = useState(null);
  const [notice, setNotice] = useState(null);
  const pid = report.period.id;
  const uid = report.unit.id;
  const editor = useDraftSaver({
    initial,
    save: (narrative, version) => saveReport(pid, uid, narrative, version),
    reload: () => getReport(pid, uid),
    onReport: setReport,
  });

  const submitted = report.state === 'submitted';
  const canEdit = own && Boolean(report.compiled) && !submitted;
  const canSubmit = canEdit && user.role === 'department_head';
  const latest = report.versions.length ? report.versions[report.versions.length - 1] : null;
  const period = report.period;

  async function confirmSubmit() {
    setBusy(true);
    setSubmitError(null);
    const saved = await editor.flush();
    if (!saved) {
      setSubmitError({ message: 'Nội dung thuyết minh chưa lưu được nên chưa gửi. Vui lòng xem thông báo lưu nháp rồi thử lại.' });
      setBusy(false);
      return;
    }
    try {
      const next = await submitReport(pid, uid);
      setReport(next);
      const v = next.versions[next.versions.length - 1];
      setDialog(false);
      setNotice(
        `Đã gửi báo cáo (phiên bản ${v.number}) lúc ${formatTime(v.submitted_at)} – ${v.late_seconds > 0 ? `trễ hạn ${durationText(v.late_seconds)}` : 'đúng hạn'}.`,
      );
    } catch (err) {
      setSubmitError(err);
      if (err.code === 'report_submitted') getReport(pid, uid).then(setReport, () => {});
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Notice>{notice}</Notice>
      <section class="card report-state" aria-label="Tình trạng báo cáo">
        <p class="report-state-line">
          <ReportStateBadge state={report.state} />
          {latest && (
            <span>
              Phiên bản {latest.number} gửi lúc {when(latest.submitted_at)} <TimelinessBadge lateSeconds={latest.late_seconds} />
            </span>
          )}
        </p>
        <Deadline label="Hạn gửi" at={period.report_deadline} done={submitted} />
        {report.state === 'returned' && latest && latest.return_reason && (
          <div class="returned-box" role="note">
            <p>
              <strong>Sở Nội vụ trả lại báo cáo lúc {when(latest.returned_at)}.</strong>
            </p>
            <p>Lý do: {latest.return_reason}</p>
            {own && <p>Vui lòng chỉnh sửa theo yêu cầu rồi gửi lại; phiên bản cũ vẫn được lưu.</p>}
          </div>
        )}
        {user.role === 'home_affairs' && submitted && (
          <ReturnForm onReturn={(reason) => returnReport(pid, uid, reason).then((r) => (setReport(r), setNotice('Đã trả lại báo cáo cho sở, ngành.')))} />
        )}
      </section>

      {report.compiled ? (
        <section class="block" aria-labelledby="report-body-title">
          <h2 id="report-body-title" class="section-title">
            {own ? (submitted ? 'Nội dung đã gửi' : 'Nội dung báo cáo') : submitted ? 'Nội dung hiện tại (đã gửi)' : 'Bản nháp hiện tại của sở, ngành (chưa gửi)'}
          </h2>
          <p class="section-lead">Số liệu và danh sách được tổng hợp tự động từ dữ liệu của kỳ; chỉ phần thuyết minh do đơn vị viết.</p>
          <Figures figures={report.compiled.figures} labels={{ communes_attended: 'Xã, phường tham dự' }} />
          <ReportSections
            idPrefix="report"
            compiled={report.compiled}
            narrative={report.narrative}
            editor={canEdit ? { ...editor, readOnly: false } : null}
            role={user.role}
          />
          {canEdit && (
            <div class="report-bar">
              <SaveStatus status={editor.status} onRetry={() => editor.flush()} />
              <p class="actions">
                {editor.status.kind === 'conflict' ? (
                  <button type="button" class="button" onClick={() => editor.saveMine()}>
                    Lưu nội dung của tôi
                  </button>
                ) : canSubmit ? (
                  <button type="button" class="button" onClick={() => (setSubmitError(null), setDialog(true))}>
                    {report.state === 'returned' ? 'Gửi lại báo cáo' : 'Gửi báo cáo'}
                  </button>
                ) : (
                  <span class="muted">Lãnh đạo sở, ngành gửi báo cáo sau khi hoàn thiện.</span>
                )}
              </p>
            </div>
          )}
        </section>
      ) : (
        <p class="notice notice-info block">Bạn xem các phiên bản báo cáo đã gửi; bản nháp chỉ đơn vị và Sở Nội vụ xem được.</p>
      )}

      <section class="block" aria-labelledby="versions-title">
        <h2 id="versions-title" class="section-title">
          Các phiên bản đã gửi
        </h2>
        <VersionList
          idPrefix="report-version"
          versions={report.versions}
          openLatest={!report.compiled}
          lists={REPORT_LISTS}
          fileBase={`bao-cao-${report.unit.code || uid}-${report.period.code}`}
          printHref={(n) => `/in/bao-cao/don-vi/${uid}?ky=${pid}&phien-ban=${n}`}
          download={(n, q) => exportReport(pid, uid, { ...q, version: n })}
          renderBody={(snap) => (
            <>
              <Figures figures={snap.figures} labels={{ communes_attended: 'Xã, phường tham dự' }} />
              <ReportSections idPrefix={`snap-${snap.version}`} compiled={snap} narrative={snap.narrative} role={user.role} level={4} />
            </>
          )}
        />
      </section>

      {canSubmit && (
        <SubmitDialog
          open={dialog}
          title={report.state === 'returned' ? 'Gửi lại báo cáo?' : 'Gửi báo cáo?'}
          deadline={period.report_deadline}
          deadlineLabel="gửi báo cáo"
          confirmLabel="Gửi báo cáo"
          busy={busy}
          error={submitError}
          onConfirm={confirmSubmit}
          onClose={() => setDialog(false)}
        >
          <p>
            Báo cáo {period.name} của {report.unit.name} sẽ được gửi Sở Nội vụ tổng hợp, báo cáo Chủ tịch UBND tỉnh. Nội dung gửi đi được lưu cố định; muốn sửa
            phải chờ Sở Nội vụ trả lại.
          </p>
        </SubmitDialog>
      )}
    </>
  );
}
