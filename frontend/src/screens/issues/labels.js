// Vietnamese names for the issue API's codes: states (with the badge tone), kinds, actions on
// the timeline, levels. One table each, so a new code shows up in one place.

/** The states of an issue (docs/issues.md) with the badge colour that fits each. */
export const STATES = {
  submitted: { label: 'Mới gửi', tone: 'new' },
  in_progress: { label: 'Đang xử lý', tone: 'work' },
  answered: { label: 'Đã trả lời', tone: 'ok' },
  closed: { label: 'Đã kết thúc', tone: 'done' },
  returned: { label: 'Bị trả lại', tone: 'warn' },
  escalated_province: { label: 'Đã trình UBND tỉnh', tone: 'up' },
  escalated_central: { label: 'Đã kiến nghị Trung ương', tone: 'up' },
  reopened: { label: 'Mở lại', tone: 'warn' },
  withdrawn: { label: 'Đã rút', tone: 'done' },
};

export const STATE_ORDER = Object.keys(STATES);

/** States in which someone still has to act. */
export const OPEN_STATES = ['submitted', 'in_progress', 'returned', 'escalated_province', 'escalated_central', 'reopened'];

/** States in which the department holding an issue acts on it (its inbox). */
export const INBOX_STATES = ['submitted', 'in_progress', 'reopened'];

export function stateLabel(state) {
  return (STATES[state] && STATES[state].label) || state;
}

export const KINDS = {
  difficulty: 'Khó khăn, vướng mắc',
  proposal: 'Kiến nghị, đề xuất',
};

export function kindLabel(kind) {
  return KINDS[kind] || kind;
}

/** What each timeline event says happened. */
const EVENTS = {
  created: 'Gửi kiến nghị',
  accept: 'Tiếp nhận',
  answer: 'Trả lời',
  return: 'Trả lại cho xã',
  reroute: 'Chuyển sở, ngành khác',
  propose_escalation: 'Đề xuất trình UBND tỉnh',
  escalate: 'Trình UBND tỉnh',
  resolve: 'UBND tỉnh giải quyết',
  forward_central: 'Kiến nghị Bộ, ngành Trung ương',
  send_back: 'UBND tỉnh chuyển lại sở chủ trì',
  record_reply: 'Ghi nhận trả lời của Bộ, ngành',
  resubmit: 'Gửi lại',
  confirm: 'Xác nhận đã giải quyết',
  reopen: 'Mở lại',
  withdraw: 'Rút kiến nghị',
  auto_close: 'Tự động kết thúc',
  comment: 'Ý kiến',
  edited: 'Sửa nội dung',
  grouped: 'Gộp nhóm',
};

export function eventLabel(action) {
  return EVENTS[action] || action;
}

/** Who holds an issue, by level. */
export const LEVELS = {
  commune: 'Xã, phường',
  department: 'Sở, ngành',
  province: 'UBND tỉnh',
  central: 'Bộ, ngành Trung ương',
};
