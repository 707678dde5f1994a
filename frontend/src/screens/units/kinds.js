// The four kinds of unit, in the order the tabs show them, with the words used to count them.
export const KINDS = [
  { id: 'commune', tab: 'Xã, phường', noun: 'xã, phường' },
  { id: 'department', tab: 'Sở, ban, ngành', noun: 'sở, ban, ngành' },
  { id: 'province', tab: 'Cơ quan cấp tỉnh', noun: 'cơ quan cấp tỉnh' },
  { id: 'central', tab: 'Bộ, ngành Trung ương', noun: 'bộ, ngành Trung ương' },
];
