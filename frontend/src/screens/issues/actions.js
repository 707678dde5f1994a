// The actions of the transition table (docs/issues.md) as the detail page offers them: the
// button, the inputs the form asks for, and what to say once done. Which ones a user sees
// comes from the allowed_actions only.

const ANSWER_INPUTS = ['answer', 'legal_basis', 'shareable'];

export const ACTIONS = {
  confirm: {
    label: 'Xác nhận đã giải quyết',
    primary: true,
    inputs: [],
    done: 'Đã xác nhận: kiến nghị đã kết thúc.',
  },
  accept: { label: 'Tiếp nhận', primary: true, inputs: [], done: 'Đã tiếp nhận kiến nghị; trạng thái chuyển sang Đang xử lý.' },
  answer: {
    label: 'Trả lời',
    primary: true,
    inputs: ANSWER_INPUTS,
    answerLabel: 'Nội dung trả lời, hướng dẫn',
    submit: 'Gửi trả lời',
    done: 'Đã gửi câu trả lời cho xã, phường.',
  },
  resolve: {
    label: 'Giải quyết',
    primary: true,
    inputs: ANSWER_INPUTS,
    answerLabel: 'Ý kiến giải quyết của UBND tỉnh',
    submit: 'Gửi ý kiến giải quyết',
    done: 'Đã gửi ý kiến giải quyết cho xã, phường.',
  },
  record_reply: {
    label: 'Ghi nhận trả lời của Bộ, ngành',
    primary: true,
    inputs: ANSWER_INPUTS,
    answerLabel: 'Nội dung trả lời của Bộ, ngành',
    legalHint: 'Ví dụ: Công văn số 1234/BXD-QLN ngày 15/12/2026 của Bộ Xây dựng',
    submit: 'Ghi nhận và gửi cho xã',
    done: 'Đã ghi nhận trả lời của Bộ, ngành và gửi cho xã, phường.',
  },
  resubmit: { label: 'Gửi lại', primary: true, inputs: [], done: 'Đã gửi lại kiến nghị cho sở chủ trì.' },
  return: {
    label: 'Trả lại xã',
    inputs: ['reason'],
    reasonLabel: 'Lý do trả lại (xã cần bổ sung, làm rõ gì)',
    submit: 'Trả lại',
    done: 'Đã trả lại kiến nghị cho xã, phường.',
  },
  reroute: {
    label: 'Chuyển sở, ngành khác',
    inputs: ['unit_id', 'reason'],
    reasonLabel: 'Lý do chuyển',
    submit: 'Chuyển',
    done: 'Đã chuyển kiến nghị.',
  },
  propose_escalation: {
    label: 'Đề xuất trình UBND tỉnh',
    inputs: ['reason'],
    reasonLabel: 'Lý do (vượt thẩm quyền của sở, ngành)',
    submit: 'Gửi đề xuất tới lãnh đạo sở',
    done: 'Đã gửi đề xuất trình UBND tỉnh tới lãnh đạo sở.',
  },
  escalate: {
    label: 'Trình UBND tỉnh',
    inputs: ['reason'],
    reasonLabel: 'Lý do trình UBND tỉnh (vượt thẩm quyền của sở, ngành)',
    submit: 'Trình UBND tỉnh',
    done: 'Đã trình UBND tỉnh.',
  },
  forward_central: {
    label: 'Kiến nghị Bộ, ngành Trung ương',
    inputs: ['ministry_id', 'dispatch_no', 'dispatch_date'],
    submit: 'Ghi nhận đã gửi Bộ, ngành',
    done: 'Đã ghi nhận kiến nghị gửi Bộ, ngành Trung ương.',
  },
  send_back: {
    label: 'Chuyển lại sở chủ trì',
    inputs: ['reason'],
    reasonLabel: 'Lý do chuyển lại (thuộc thẩm quyền của sở, ngành)',
    submit: 'Chuyển lại',
    done: 'Đã chuyển lại kiến nghị cho sở chủ trì.',
  },
  reopen: {
    label: 'Mở lại',
    inputs: ['reason'],
    reasonLabel: 'Lý do mở lại (câu trả lời chưa giải quyết được gì)',
    submit: 'Mở lại kiến nghị',
    done: 'Đã mở lại kiến nghị; sở chủ trì sẽ xem xét tiếp.',
  },
  withdraw: {
    label: 'Rút kiến nghị',
    danger: true,
    inputs: [],
    question: 'Rút kiến nghị này? Sở, ngành sẽ dừng xử lý và không thể mở lại.',
    done: 'Đã rút kiến nghị.',
  },
};

/** The allowed actions in the order the page shows them: the main ones first. */
export function orderedActions(allowed) {
  const known = (allowed || []).filter((a) => ACTIONS[a]);
  return [...known.filter((a) => ACTIONS[a].primary), ...known.filter((a) => !ACTIONS[a].primary && !ACTIONS[a].danger), ...known.filter((a) => ACTIONS[a].danger)];
}
