// The home page, different for each role: its heading names the user's unit and role, and it
// shows what is real today — the unit's own information, the fields it handles, the province's
// scope for those who follow the whole province, and links to the screens that exist.
import { getUnit } from '../../api.js';
import { ErrorMessage } from '../../components/ErrorMessage.jsx';
import { lazy } from '../../components/Lazy.jsx';
import { Loading } from '../../components/Loading.jsx';
import { roleLabel } from '../../roles.js';
import { useTitle } from '../../title.js';
import { useResource } from '../../useResource.js';
import { DepartmentList } from './DepartmentList.jsx';
import { FieldDirectory } from './FieldDirectory.jsx';
import { ProvinceOverview } from './ProvinceOverview.jsx';
import { QuickLinks } from './QuickLinks.jsx';
import { UnitFields } from './UnitFields.jsx';
import { UnitInfo } from './UnitInfo.jsx';

// Issue figures come with their own requests anyway: loaded on demand, out of the first download.
const IssueFigures = lazy(() => import('./IssueFigures.jsx').then((m) => m.IssueFigures));
const ReportStatus = lazy(() => import('./ReportStatus.jsx').then((m) => m.ReportStatus));
// The province overview's figures and commune tiles, from the overview chunk.
const HomeOverview = lazy(() => import('../overview/index.jsx').then((m) => m.HomeOverview));
const ISSUE_FIGURE_ROLES = ['commune_officer', 'department_officer', 'department_head', 'province_office', 'home_affairs', 'leadership'];

const LINK_UNITS = { href: '/don-vi', label: 'Danh mục đơn vị', text: 'Xã, phường, sở, ban, ngành và lĩnh vực phụ trách' };
const LINK_PASSWORD = { href: '/doi-mat-khau', label: 'Đổi mật khẩu', text: 'Đặt mật khẩu mới cho tài khoản của bạn' };
const LINK_LIBRARY = { href: '/hoi-dap', label: 'Hỏi đáp – cầm tay chỉ việc', text: 'Câu hỏi các xã đã được sở, ngành trả lời, tra cứu không cần dấu' };
// Trainings and weekly reports, per role (docs/reporting.md).
const LINK_TRAININGS = { href: '/tap-huan', label: 'Hội nghị tập huấn', text: 'Các hội nghị sở, ngành tổ chức cho xã, phường: thời gian, thành phần, nội dung' };
const LINK_OVERVIEW = { href: '/tong-quan', label: 'Tổng quan toàn tỉnh', text: 'Số liệu kiến nghị, tỷ lệ xã thông suốt theo tuần, 166 xã, phường tô màu theo tình hình' };
const LINK_BOARD = { href: '/bao-cao', label: 'Theo dõi báo cáo tuần', text: 'Sở, ngành nào đã gửi, đúng hạn hay trễ hạn; báo cáo từng đơn vị' };
const LINK_CONSOLIDATED = { href: '/bao-cao/tong-hop', label: 'Báo cáo tổng hợp', text: 'Báo cáo tổng hợp của Sở Nội vụ gửi Chủ tịch UBND tỉnh' };
const REPORT_LINKS = {
  department_officer: [
    { href: '/bao-cao', label: 'Báo cáo tuần', text: 'Số liệu tổng hợp tự động, thuyết minh và gửi báo cáo trước 09:00 thứ Năm' },
    { href: '/tap-huan/moi', label: 'Ghi nhận hội nghị tập huấn', text: 'Thời gian, xã, phường tham dự, nội dung hướng dẫn, kiến nghị thu thập' },
    LINK_TRAININGS,
  ],
  home_affairs: [LINK_OVERVIEW, LINK_BOARD, LINK_CONSOLIDATED, { href: '/bao-cao/ky-bao-cao', label: 'Kỳ báo cáo', text: 'Thêm kỳ, dời hạn báo cáo khi có ngày nghỉ' }, LINK_TRAININGS],
  leadership: [LINK_OVERVIEW, LINK_BOARD, LINK_CONSOLIDATED, LINK_TRAININGS],
  commune_officer: [{ ...LINK_TRAININGS, text: 'Các hội nghị tập huấn sở, ngành tổ chức cho xã, phường' }],
  province_office: [LINK_OVERVIEW, LINK_TRAININGS],
  admin: [{ href: '/bao-cao/ky-bao-cao', label: 'Kỳ báo cáo', text: 'Các kỳ báo cáo tuần và hạn gửi' }],
};
REPORT_LINKS.department_head = REPORT_LINKS.department_officer;
REPORT_LINKS.party_reader = REPORT_LINKS.leadership;

const ADMIN_LINKS = [
  { href: '/quan-tri/nguoi-dung', label: 'Người dùng', text: 'Tạo tài khoản, phân quyền, khóa tài khoản, cấp lại mật khẩu' },
  { href: '/quan-tri/ma-api', label: 'Mã truy cập API', text: 'Cấp và thu hồi mã cho công cụ báo cáo của Tỉnh ủy, lãnh đạo tỉnh' },
  { href: '/quan-tri/nhat-ky', label: 'Nhật ký hệ thống', text: 'Ai đã làm gì, lúc nào' },
];

// The sections of each role's home page, in order.
function sections(role, unit, user) {
  const commune = unit.kind === 'commune';
  const infoTitle = commune ? `Thông tin ${unit.commune_type === 'phường' ? 'phường' : 'xã'}` : 'Thông tin đơn vị';
  const info = <UnitInfo key="info" unit={unit} title={infoTitle} />;
  const links = (
    <QuickLinks key="links" links={[...(REPORT_LINKS[role] || []), ...(role === 'admin' ? [LINK_UNITS, LINK_PASSWORD] : [LINK_LIBRARY, LINK_UNITS, LINK_PASSWORD])]} />
  );
  switch (role) {
    case 'commune_officer':
      return [info, links, <FieldDirectory key="directory" />];
    case 'department_officer':
    case 'department_head':
      return [<ReportStatus key="report" user={user} />, <UnitFields key="fields" unit={unit} />, info, links];
    case 'province_office':
      return [<UnitFields key="fields" unit={unit} />, info, links];
    case 'home_affairs':
      return [<ReportStatus key="report" user={user} />, <DepartmentList key="departments" />, <UnitFields key="fields" unit={unit} />, info, links];
    case 'leadership':
      return [<HomeOverview key="province" />, <ProvinceOverview key="overview" />, info, links];
    case 'party_reader':
      return [
        <p key="readonly" class="notice notice-info">
          Tài khoản theo dõi: chỉ xem báo cáo và số liệu, không thay đổi dữ liệu.
        </p>,
        <HomeOverview key="province" />,
        <ProvinceOverview key="overview" />,
        info,
        links,
      ];
    case 'admin':
      return [<QuickLinks key="admin" title="Quản trị hệ thống" links={ADMIN_LINKS} />, info, links];
    default:
      return [info, links];
  }
}

export function HomeScreen({ user }) {
  const unitId = user.unit && user.unit.id;
  const unit = useResource(() => getUnit(unitId), [unitId]);
  const name = (unit.data && unit.data.name) || (user.unit && user.unit.name) || '';
  useTitle('Trang chủ');

  return (
    <div class={`home home-${user.role}`}>
      <div class="page-head">
        <h1 id="page-title" class="page-title" tabIndex={-1}>
          Trang chủ – {name}
        </h1>
        <p class="page-subtitle">
          <span class="role-badge">{roleLabel(user.role)}</span>
          <span>Xin chào, {user.full_name}</span>
        </p>
      </div>
      {unit.error ? (
        <ErrorMessage title="Không tải được thông tin đơn vị." error={unit.error} onRetry={unit.retry} />
      ) : unit.loading && !unit.data ? (
        <Loading>Đang tải thông tin đơn vị…</Loading>
      ) : (
        <>
          {ISSUE_FIGURE_ROLES.includes(user.role) && <IssueFigures user={user} />}
          {sections(user.role, unit.data, user)}
        </>
      )}
    </div>
  );
}
