// What the issue list shows for each role: its title, the tabs ("views") with the API
// parameters each one adds, the order, and which filters make sense.
import { INBOX_STATES, OPEN_STATES } from './labels.js';

const ALL_FILTERS = ['q', 'state', 'field', 'commune', 'overdue', 'from', 'to'];

/** {title, lead, views: [{id, label, params, sort, states?, select?}], filters, canRaise}. */
export function listSetup(user) {
  const unit = user.unit || {};
  switch (user.role) {
    case 'commune_officer': {
      const xa = /^phường/i.test(unit.name || '') ? 'phường' : 'xã';
      return {
        title: `Kiến nghị của ${xa}`,
        lead: `Các khó khăn, vướng mắc, kiến nghị ${unit.name || ''} đã gửi và tình trạng giải quyết.`,
        views: [
          { id: 'all', label: 'Tất cả', params: {}, sort: 'created_desc' },
          { id: 'open', label: 'Đang giải quyết', params: { state: 'submitted,in_progress,escalated_province,escalated_central,reopened' }, sort: 'created_desc' },
          { id: 'answered', label: 'Chờ xác nhận', params: { state: 'answered' }, sort: 'due_asc' },
          { id: 'returned', label: 'Bị trả lại', params: { state: 'returned' }, sort: 'due_asc' },
        ],
        filters: ['q', 'state', 'field', 'from', 'to'],
        canRaise: true,
      };
    }
    case 'department_officer':
    case 'department_head':
      return {
        title: 'Hộp kiến nghị',
        lead: `Kiến nghị của xã, phường gửi đến ${unit.name || 'đơn vị'}: việc quá hạn và sắp đến hạn ở trên cùng.`,
        views: [
          { id: 'inbox', label: 'Cần xử lý', params: { holder_unit_id: unit.id, state: INBOX_STATES.join(',') }, sort: 'due_asc', states: INBOX_STATES, select: true },
          { id: 'all', label: 'Tất cả liên quan', params: {}, sort: 'created_desc' },
        ],
        filters: ALL_FILTERS,
        groups: true,
      };
    case 'province_office':
      return {
        title: 'Vấn đề trình UBND tỉnh',
        lead: 'Kiến nghị vượt thẩm quyền sở, ngành đã trình UBND tỉnh, và những kiến nghị đã gửi Bộ, ngành Trung ương.',
        views: [
          { id: 'province', label: 'Chờ UBND tỉnh', params: { level: 'province' }, sort: 'due_asc' },
          { id: 'central', label: 'Đã kiến nghị Trung ương', params: { level: 'central' }, sort: 'due_asc' },
          { id: 'all', label: 'Tất cả kiến nghị', params: {}, sort: 'created_desc' },
        ],
        filters: ALL_FILTERS,
      };
    default:
      return {
        title: 'Kiến nghị toàn tỉnh',
        lead: 'Theo dõi khó khăn, vướng mắc của xã, phường và việc giải quyết của sở, ngành (chỉ xem và cho ý kiến).',
        views: [
          { id: 'all', label: 'Tất cả', params: {}, sort: 'created_desc' },
          { id: 'open', label: 'Đang giải quyết', params: { state: OPEN_STATES.join(',') }, sort: 'due_asc' },
          { id: 'overdue', label: 'Quá hạn', params: { overdue: 'true' }, sort: 'due_asc' },
        ],
        filters: ALL_FILTERS,
      };
  }
}
