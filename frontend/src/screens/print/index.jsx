// The print views of frozen reports (loaded on demand): on screen an A4 sheet with a toolbar,
// on paper (or "Lưu PDF") only the sheet, without the app's header and footer (print.css).
import './print.css';
import { getConsolidated, getReport } from '../../reportsApi.js';
import { ErrorMessage } from '../../components/ErrorMessage.jsx';
import { Loading } from '../../components/Loading.jsx';
import { Link, useLocation } from '../../router.js';
import { useTitle } from '../../title.js';
import { useResource } from '../../useResource.js';
import { ConsolidatedDocument } from './ConsolidatedDocument.jsx';
import { DepartmentDocument } from './DepartmentDocument.jsx';

function useQuery() {
  const { search } = useLocation();
  const q = new URLSearchParams(search);
  return { periodId: Number(q.get('ky')) || null, number: Number(q.get('phien-ban')) || null };
}

// The chosen version, or the latest when none is named.
function pick(versions, number) {
  if (!versions || versions.length === 0) return null;
  return number ? versions.find((v) => v.number === number) || null : versions[versions.length - 1];
}

function Toolbar({ back, backLabel }) {
  return (
    <div class="print-toolbar">
      <Link href={back} class="button button-secondary">
        ‹ {backLabel}
      </Link>
      <button type="button" class="button" onClick={() => window.print()}>
        In hoặc lưu PDF
      </button>
      <p class="print-toolbar-note">Khổ A4, phông Times New Roman 14, căn lề theo Nghị định 30/2020/NĐ-CP.</p>
    </div>
  );
}

function Body({ resource, version, what, children }) {
  if (resource.error && !resource.data) return <ErrorMessage title={`Không tải được ${what}.`} error={resource.error} onRetry={resource.retry} />;
  if (!resource.data) return <Loading>Đang chuẩn bị bản in…</Loading>;
  if (!version) {
    return (
      <p class="empty" role="status">
        Không có phiên bản đã gửi này. Bản in chỉ có cho các phiên bản đã gửi.
      </p>
    );
  }
  return children;
}

/** /in/bao-cao/don-vi/:unit?ky=&phien-ban= */
export function PrintReportScreen({ params }) {
  const { periodId, number } = useQuery();
  const unitId = Number(params.unit);
  const report = useResource((signal) => getReport(periodId, unitId, { signal }), [periodId, unitId]);
  const version = report.data ? pick(report.data.versions, number) : null;
  useTitle(report.data ? `Bản in báo cáo – ${report.data.unit.name}` : 'Bản in báo cáo');
  return (
    <div class="print-page">
      <h1 id="page-title" class="visually-hidden" tabIndex={-1}>
        Bản in báo cáo{report.data ? ` – ${report.data.unit.name}, ${report.data.period.name}` : ''}
      </h1>
      <Toolbar back={`/bao-cao/don-vi/${unitId}?ky=${periodId}`} backLabel="Về báo cáo" />
      <Body resource={report} version={version} what="báo cáo">
        {version && <DepartmentDocument snapshot={version.snapshot} version={version} />}
      </Body>
    </div>
  );
}

/** /in/bao-cao/tong-hop?ky=&phien-ban= */
export function PrintConsolidatedScreen() {
  const { periodId, number } = useQuery();
  const report = useResource((signal) => getConsolidated(periodId, { signal }), [periodId]);
  const version = report.data ? pick(report.data.versions, number) : null;
  useTitle('Bản in báo cáo tổng hợp');
  return (
    <div class="print-page">
      <h1 id="page-title" class="visually-hidden" tabIndex={-1}>
        Bản in báo cáo tổng hợp{report.data ? ` – ${report.data.period.name}` : ''}
      </h1>
      <Toolbar back={`/bao-cao/tong-hop?ky=${periodId}`} backLabel="Về báo cáo tổng hợp" />
      <Body resource={report} version={version} what="báo cáo tổng hợp">
        {version && <ConsolidatedDocument snapshot={version.snapshot} version={version} />}
      </Body>
    </div>
  );
}
