// Vietnamese names for what the reporting API sends as codes: the six sections of the
// directive of 21/8/2025, report states, compliance statuses, issue states and levels.

/** The six sections, in the directive's order; `key` is the narrative key and the list name. */
export const SECTIONS = [
  {
    key: 'trainings',
    title: 'Lớp tập huấn đã tổ chức',
    hint: 'Tóm tắt các hội nghị tập huấn trong kỳ: nội dung chính, hình thức, kết quả.',
  },
  {
    key: 'participants',
    title: 'Số lượng học viên tham gia',
    hint: 'Thành phần tham dự, các xã, phường tham gia, nhận xét về mức độ tham gia.',
  },
  {
    key: 'received',
    title: 'Kiến nghị, đề xuất đã tiếp nhận',
    hint: 'Nhận xét về các kiến nghị, đề xuất của xã, phường gửi đến trong kỳ.',
  },
  {
    key: 'resolved',
    title: 'Nội dung đã hướng dẫn, giải quyết theo thẩm quyền',
    hint: 'Những nội dung đã hướng dẫn, trả lời, giải quyết dứt điểm.',
  },
  {
    key: 'higher',
    title: 'Vấn đề thuộc thẩm quyền giải quyết của cấp trên',
    hint: 'Những vấn đề vượt thẩm quyền, cần UBND tỉnh hoặc Trung ương giải quyết.',
  },
  {
    key: 'other',
    title: 'Kiến nghị, đề xuất khác (nếu có)',
    hint: 'Các kiến nghị, đề xuất khác của đơn vị.',
  },
];

export const REPORT_STATES = {
  draft: { label: 'Đang soạn', tone: 'info' },
  submitted: { label: 'Đã gửi', tone: 'ok' },
  returned: { label: 'Bị trả lại', tone: 'warn' },
};

/** Compliance board statuses. */
export const STATUSES = {
  on_time: { label: 'Đúng hạn', tone: 'ok' },
  late: { label: 'Trễ hạn', tone: 'bad' },
  returned: { label: 'Bị trả lại', tone: 'warn' },
  missing: { label: 'Chưa gửi', tone: 'bad' },
  draft: { label: 'Đang soạn', tone: 'info' },
  not_started: { label: 'Chưa soạn', tone: 'none' },
};

export const STATUS_ORDER = ['on_time', 'late', 'returned', 'missing', 'draft', 'not_started'];

export const ISSUE_STATES = {
  submitted: 'Mới gửi',
  in_progress: 'Đang xử lý',
  answered: 'Đã trả lời',
  closed: 'Đã đóng',
  returned: 'Trả lại xã, phường',
  escalated_province: 'Trình UBND tỉnh',
  escalated_central: 'Chuyển Trung ương',
  reopened: 'Mở lại',
  withdrawn: 'Đã rút',
};

export const ISSUE_KINDS = { difficulty: 'Khó khăn, vướng mắc', proposal: 'Đề xuất' };

export const LEVELS = { commune: 'Xã, phường', department: 'Sở, ngành', province: 'UBND tỉnh', central: 'Trung ương' };

export const FORMATS = { online: 'Trực tuyến', in_person: 'Trực tiếp' };

/** The issue state in Vietnamese, or the code itself. */
export const issueState = (s) => ISSUE_STATES[s] || s || '';

/** Figures of a department report (or totals of the consolidated one), labelled. */
export const FIGURES = [
  { key: 'trainings', label: 'Hội nghị tập huấn' },
  { key: 'participants', label: 'Học viên tham gia' },
  { key: 'communes_attended', label: 'Lượt xã, phường tham dự' },
  { key: 'received', label: 'Kiến nghị tiếp nhận' },
  { key: 'resolved', label: 'Đã hướng dẫn, giải quyết' },
  { key: 'higher', label: 'Trình cấp trên' },
];
