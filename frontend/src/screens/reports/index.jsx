// The reporting screens, loaded together on demand (see routes.js): a department's weekly
// report, the compliance board, the consolidated report and the periods.
import './common.css';
import './reports.css';
import { ComplianceScreen } from './ComplianceScreen.jsx';
import { DepartmentReport } from './DepartmentReport.jsx';

export { ComplianceScreen } from './ComplianceScreen.jsx';
export { ConsolidatedScreen } from './ConsolidatedScreen.jsx';
export { DepartmentReportScreen } from './DepartmentReport.jsx';
export { PeriodsScreen } from './PeriodsScreen.jsx';

const DEPARTMENT_ROLES = ['department_officer', 'department_head'];

/** /bao-cao: a department's own weekly report, or the compliance board for those who follow. */
export function ReportsHome({ user }) {
  if (DEPARTMENT_ROLES.includes(user.role) && user.unit) return <DepartmentReport user={user} unitId={user.unit.id} />;
  return <ComplianceScreen user={user} />;
}
