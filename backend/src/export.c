/* Excel and CSV outputs of frozen reports. Each list is described once (columns, headers in
 * Vietnamese, types, widths) and both formats are written from that description. */
#include "export.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "log.h"

enum col_type { COL_TEXT, COL_NUMBER, COL_DATETIME, COL_LABEL };

/* Codes shown to people as Vietnamese words (states, statuses, formats). */
static const struct {
	const char *code;
	const char *label;
} labels[] = {
    {"submitted", "Mới gửi"},
    {"in_progress", "Đang xử lý"},
    {"answered", "Đã trả lời"},
    {"closed", "Đã kết thúc"},
    {"returned", "Trả lại"},
    {"escalated_province", "Trình UBND tỉnh"},
    {"escalated_central", "Kiến nghị Trung ương"},
    {"reopened", "Mở lại"},
    {"withdrawn", "Đã rút"},
    {"on_time", "Đúng hạn"},
    {"late", "Trễ hạn"},
    {"missing", "Chưa gửi (quá hạn)"},
    {"draft", "Đang soạn"},
    {"not_started", "Chưa gửi"},
    {"online", "Trực tuyến"},
    {"in_person", "Trực tiếp"},
    {"department", "Sở, ngành"},
    {"province", "UBND tỉnh"},
    {"central", "Trung ương"},
    {"commune", "Xã, phường"},
};

static const char *label_of(const char *code)
{
	for (size_t i = 0; code != NULL && i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i].code, code) == 0)
			return labels[i].label;
	return code;
}

struct column {
	const char *key; /* member of a row; "a.b" reads a nested member */
	const char *header;
	enum col_type type;
	double width;
};

struct list_def {
	const char *name; /* CSV list name, also the snapshot member */
	const char *sheet; /* sheet name (≤ 31 characters) */
	const struct column *cols;
	int ncols;
};

static const struct column training_cols[] = {
    {"title", "Tên lớp tập huấn", COL_TEXT, 50},   {"round", "Lần", COL_NUMBER, 6},
    {"starts_at", "Thời gian", COL_DATETIME, 18},  {"format", "Hình thức", COL_LABEL, 12},
    {"communes", "Số xã, phường", COL_NUMBER, 14}, {"participants", "Số học viên", COL_NUMBER, 12},
};
static const struct column received_cols[] = {
    {"code", "Mã", COL_TEXT, 17},
    {"title", "Nội dung kiến nghị", COL_TEXT, 60},
    {"commune", "Xã, phường", COL_TEXT, 24},
    {"field", "Lĩnh vực", COL_TEXT, 22},
    {"state", "Trạng thái", COL_LABEL, 16},
    {"created_at", "Ngày nhận", COL_DATETIME, 18},
};
static const struct column resolved_cols[] = {
    {"code", "Mã", COL_TEXT, 17},
    {"title", "Nội dung kiến nghị", COL_TEXT, 50},
    {"commune", "Xã, phường", COL_TEXT, 24},
    {"answer", "Nội dung hướng dẫn, giải quyết", COL_TEXT, 60},
    {"legal_basis", "Căn cứ", COL_TEXT, 24},
    {"answered_at", "Ngày trả lời", COL_DATETIME, 18},
};
static const struct column higher_cols[] = {
    {"code", "Mã", COL_TEXT, 17},
    {"title", "Nội dung kiến nghị", COL_TEXT, 55},
    {"commune", "Xã, phường", COL_TEXT, 24},
    {"holder", "Đang xử lý tại", COL_TEXT, 30},
    {"state", "Trạng thái", COL_LABEL, 18},
    {"escalated_at", "Ngày trình", COL_DATETIME, 18},
};
static const struct column compliance_cols[] = {
    {"unit.name", "Cơ quan, đơn vị", COL_TEXT, 45},
    {"status", "Tình trạng", COL_LABEL, 18},
    {"version", "Lần gửi", COL_NUMBER, 9},
    {"submitted_at", "Thời điểm gửi", COL_DATETIME, 18},
    {"late_seconds", "Trễ (giây)", COL_NUMBER, 11},
    {"return_reason", "Lý do trả lại", COL_TEXT, 40},
};
static const struct column proposal_cols[] = {
    {"unit.name", "Cơ quan, đơn vị", COL_TEXT, 45},
    {"text", "Kiến nghị, đề xuất khác", COL_TEXT, 90},
};

#define LIST(name, sheet, cols)                                        \
	{                                                              \
		name, sheet, cols, (int)(sizeof cols / sizeof cols[0]) \
	}

static const struct list_def department_lists[] = {
    LIST("trainings", "Lớp tập huấn", training_cols),
    LIST("received", "Kiến nghị tiếp nhận", received_cols),
    LIST("resolved", "Đã hướng dẫn, giải quyết", resolved_cols),
    LIST("higher", "Thuộc thẩm quyền cấp trên", higher_cols),
};
static const struct list_def consolidated_lists[] = {
    LIST("compliance", "Tình hình gửi báo cáo", compliance_cols),
    LIST("higher", "Thuộc thẩm quyền cấp trên", higher_cols),
    LIST("other_proposals", "Kiến nghị, đề xuất khác", proposal_cols),
};

/* Summary rows: label and the member of "figures" or "totals". */
static const struct {
	const char *key;
	const char *label;
} summary_rows[] = {
    {"trainings", "Số lớp tập huấn đã tổ chức"},
    {"participants", "Số học viên tham gia"},
    {"communes_attended", "Số xã, phường tham dự"},
    {"received", "Số kiến nghị, đề xuất tiếp nhận"},
    {"resolved", "Số nội dung đã hướng dẫn, giải quyết theo thẩm quyền"},
    {"higher", "Số vấn đề thuộc thẩm quyền cấp trên"},
    {"departments_reported", "Số sở, ngành đã gửi báo cáo"},
};

static const struct list_def *lists_of(enum export_kind kind, int *n)
{
	if (kind == EXPORT_DEPARTMENT) {
		*n = (int)(sizeof department_lists / sizeof department_lists[0]);
		return department_lists;
	}
	*n = (int)(sizeof consolidated_lists / sizeof consolidated_lists[0]);
	return consolidated_lists;
}

static json_t *member(json_t *row, const char *key)
{
	const char *dot = strchr(key, '.');
	char head[32];

	if (dot == NULL)
		return json_object_get(row, key);
	snprintf(head, sizeof head, "%.*s", (int)(dot - key), key);
	return json_object_get(json_object_get(row, head), dot + 1);
}

/* Parses ISO 8601 with an offset into Vietnam local broken-down time. */
static bool vn_time(const char *iso, struct tm *out)
{
	struct tm tm;
	int y, mo, d, h, mi, s = 0, oh = 0, om = 0;
	char sign = '+';
	const char *p;
	time_t t;

	memset(&tm, 0, sizeof tm);
	if (iso == NULL || sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) < 5)
		return false;
	p = iso + 19;
	while (*p && *p != '+' && *p != '-' && *p != 'Z')
		p++;
	if (*p == '+' || *p == '-') {
		sign = *p;
		if (sscanf(p + 1, "%2d:%2d", &oh, &om) < 1)
			return false;
	}
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	t = timegm(&tm);
	t -= (sign == '-' ? -1 : 1) * (oh * 3600 + om * 60);
	t += 7 * 3600;
	return gmtime_r(&t, out) != NULL;
}

bool export_vn_datetime(const char *iso, char *out, size_t size)
{
	struct tm tm;

	if (!vn_time(iso, &tm))
		return false;
	snprintf(out, size, "%02d/%02d/%04d %02d:%02d", tm.tm_mday, tm.tm_mon + 1,
	         tm.tm_year + 1900, tm.tm_hour, tm.tm_min);
	return true;
}

static json_t *summary_of(enum export_kind kind, json_t *snapshot)
{
	return json_object_get(snapshot, kind == EXPORT_DEPARTMENT ? "figures" : "totals");
}

static json_t *list_rows(enum export_kind kind, json_t *snapshot, const char *name)
{
	(void)kind;
	return json_object_get(snapshot, name);
}

/* ---- CSV ---- */

struct buf {
	char *data;
	size_t len;
	size_t cap;
	bool failed;
};

static void put(struct buf *b, const char *s, size_t n)
{
	if (b->failed)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->cap ? b->cap * 2 : 4096) + n;
		char *d = realloc(b->data, cap);

		if (d == NULL) {
			b->failed = true;
			return;
		}
		b->data = d;
		b->cap = cap;
	}
	memcpy(b->data + b->len, s, n);
	b->len += n;
}

/* One CSV field, quoted when it holds a comma, quote or line break (RFC 4180). */
static void put_field(struct buf *b, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		put(b, s, strlen(s));
		return;
	}
	put(b, "\"", 1);
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			put(b, "\"", 1);
		put(b, p, 1);
	}
	put(b, "\"", 1);
}

static void cell_text(json_t *v, enum col_type type, char *out, size_t size)
{
	out[0] = '\0';
	if (json_is_integer(v))
		snprintf(out, size, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		snprintf(out, size, "%g", json_real_value(v));
	else if (json_is_string(v) && type == COL_DATETIME)
		export_vn_datetime(json_string_value(v), out, size);
	else if (json_is_string(v) && type == COL_LABEL)
		snprintf(out, size, "%s", label_of(json_string_value(v)));
	else if (json_is_string(v))
		snprintf(out, size, "%s", json_string_value(v));
}

void export_csv(enum export_kind kind, json_t *snapshot, const char *list, struct response *resp)
{
	struct buf b = {0};
	int n;
	const struct list_def *lists = lists_of(kind, &n);
	const struct list_def *def = NULL;
	char *cell = malloc(100000);

	if (cell == NULL) {
		http_error(resp, 503, "overloaded", "Máy chủ đang quá tải.", NULL);
		return;
	}
	put(&b, "\xEF\xBB\xBF", 3); /* BOM: Excel reads the file as UTF-8 */
	if (strcmp(list, "summary") == 0) {
		json_t *fig = summary_of(kind, snapshot);

		put(&b, "Chỉ tiêu,Số lượng\r\n", strlen("Chỉ tiêu,Số lượng\r\n"));
		for (size_t i = 0; i < sizeof summary_rows / sizeof summary_rows[0]; i++) {
			json_t *v = json_object_get(fig, summary_rows[i].key);

			if (v == NULL)
				continue;
			put_field(&b, summary_rows[i].label);
			cell_text(v, COL_NUMBER, cell, 100000);
			put(&b, ",", 1);
			put_field(&b, cell);
			put(&b, "\r\n", 2);
		}
	} else {
		for (int i = 0; i < n; i++)
			if (strcmp(lists[i].name, list) == 0)
				def = &lists[i];
		if (def == NULL) {
			free(cell);
			free(b.data);
			http_error(resp, 400, "invalid_parameter", "Danh sách không tồn tại.",
			           json_pack("{s:s}", "parameter", "list"));
			return;
		}
		for (int c = 0; c < def->ncols; c++) {
			if (c)
				put(&b, ",", 1);
			put_field(&b, def->cols[c].header);
		}
		put(&b, "\r\n", 2);
		{
			size_t i;
			json_t *row;

			json_array_foreach(list_rows(kind, snapshot, def->name), i, row)
			{
				for (int c = 0; c < def->ncols; c++) {
					if (c)
						put(&b, ",", 1);
					cell_text(member(row, def->cols[c].key), def->cols[c].type,
					          cell, 100000);
					put_field(&b, cell);
				}
				put(&b, "\r\n", 2);
			}
		}
	}
	free(cell);
	if (b.failed) {
		free(b.data);
		http_error(resp, 503, "overloaded", "Máy chủ đang quá tải.", NULL);
		return;
	}
	http_bytes(resp, 200, "text/csv; charset=utf-8", b.data, b.len);
	free(b.data);
}

void export_csv_items(json_t *items, const char *const *columns, struct response *resp)
{
	struct buf b = {0};
	size_t i;
	json_t *row;

	put(&b, "\xEF\xBB\xBF", 3);
	for (const char *const *c = columns; *c != NULL; c++) {
		if (c != columns)
			put(&b, ",", 1);
		put_field(&b, *c);
	}
	put(&b, "\r\n", 2);
	json_array_foreach(items, i, row)
	{
		for (const char *const *c = columns; *c != NULL; c++) {
			json_t *cell = json_object_get(row, *c);
			char num[64];

			if (c != columns)
				put(&b, ",", 1);
			if (json_is_string(cell)) {
				put_field(&b, json_string_value(cell));
			} else if (json_is_integer(cell)) {
				snprintf(num, sizeof num, "%lld",
				         (long long)json_integer_value(cell));
				put(&b, num, strlen(num));
			} else if (json_is_real(cell)) {
				snprintf(num, sizeof num, "%.15g", json_real_value(cell));
				put(&b, num, strlen(num));
			} else if (json_is_boolean(cell)) {
				put(&b, json_is_true(cell) ? "true" : "false",
				    json_is_true(cell) ? 4 : 5);
			} else if (cell != NULL && !json_is_null(cell)) {
				char *text = json_dumps(cell, JSON_COMPACT);

				if (text != NULL)
					put_field(&b, text);
				free(text);
			}
		}
		put(&b, "\r\n", 2);
	}
	if (b.failed) {
		free(b.data);
		http_error(resp, 503, "overloaded", "Máy chủ đang quá tải.", NULL);
		return;
	}
	http_bytes(resp, 200, "text/csv; charset=utf-8", b.data, b.len);
	free(b.data);
}

/* ---- XLSX ---- */

static void write_sheet(lxw_workbook *wb, const struct list_def *def, json_t *rows,
                        lxw_format *head, lxw_format *wrap, lxw_format *when)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, def->sheet);
	size_t i;
	json_t *row;

	for (int c = 0; c < def->ncols; c++) {
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, def->cols[c].width, wrap);
		worksheet_write_string(ws, 0, (lxw_col_t)c, def->cols[c].header, head);
	}
	worksheet_freeze_panes(ws, 1, 0);
	json_array_foreach(rows, i, row)
	{
		lxw_row_t r = (lxw_row_t)(i + 1);

		for (int c = 0; c < def->ncols; c++) {
			json_t *v = member(row, def->cols[c].key);
			lxw_col_t col = (lxw_col_t)c;
			struct tm tm;

			if (def->cols[c].type == COL_NUMBER && json_is_number(v)) {
				worksheet_write_number(ws, r, col, json_number_value(v), NULL);
			} else if (def->cols[c].type == COL_DATETIME && json_is_string(v) &&
			           vn_time(json_string_value(v), &tm)) {
				lxw_datetime dt = {tm.tm_year + 1900, tm.tm_mon + 1,
				                   tm.tm_mday,        tm.tm_hour,
				                   tm.tm_min,         (double)tm.tm_sec};

				worksheet_write_datetime(ws, r, col, &dt, when);
			} else if (json_is_string(v)) {
				const char *text = json_string_value(v);

				if (def->cols[c].type == COL_LABEL)
					text = label_of(text);
				worksheet_write_string(ws, r, col, text, wrap);
			}
		}
	}
	if (json_array_size(rows) > 0)
		worksheet_autofilter(ws, 0, 0, (lxw_row_t)json_array_size(rows),
		                     (lxw_col_t)(def->ncols - 1));
}

void export_xlsx(enum export_kind kind, json_t *snapshot, struct response *resp)
{
	char path[] = "/tmp/thongsuot-xlsx-XXXXXX";
	int fd = mkstemp(path);
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *head, *wrap, *when, *title;
	json_t *fig = summary_of(kind, snapshot);
	json_t *period = json_object_get(snapshot, "period");
	const struct list_def *lists;
	int n;
	lxw_row_t r = 3;
	FILE *f = NULL;
	char *data = NULL;
	long size;

	if (fd < 0) {
		log_error("mkstemp failed: %s", strerror(errno));
		http_error(resp, 503, "overloaded", "Máy chủ đang quá tải.", NULL);
		return;
	}
	close(fd);
	wb = workbook_new(path);
	if (wb == NULL) {
		unlink(path);
		http_error(resp, 503, "overloaded", "Máy chủ đang quá tải.", NULL);
		return;
	}
	head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_bg_color(head, 0xDDEBF7);
	format_set_text_wrap(head);
	format_set_border(head, LXW_BORDER_THIN);
	wrap = workbook_add_format(wb);
	format_set_text_wrap(wrap);
	format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
	when = workbook_add_format(wb);
	format_set_num_format(when, "dd/mm/yyyy hh:mm");
	format_set_align(when, LXW_ALIGN_VERTICAL_TOP);
	title = workbook_add_format(wb);
	format_set_bold(title);
	format_set_font_size(title, 14);

	ws = workbook_add_worksheet(wb, "Tổng hợp");
	worksheet_set_column(ws, 0, 0, 60, NULL);
	worksheet_set_column(ws, 1, 1, 14, NULL);
	worksheet_write_string(
	    ws, 0, 0,
	    kind == EXPORT_DEPARTMENT
	        ? json_string_value(json_object_get(json_object_get(snapshot, "unit"), "name"))
	        : "Báo cáo tổng hợp của Sở Nội vụ",
	    title);
	worksheet_write_string(ws, 1, 0,
	                       json_string_value(json_object_get(period, "name"))
	                           ? json_string_value(json_object_get(period, "name"))
	                           : "",
	                       NULL);
	worksheet_write_string(ws, r, 0, "Chỉ tiêu", head);
	worksheet_write_string(ws, r, 1, "Số lượng", head);
	for (size_t i = 0; i < sizeof summary_rows / sizeof summary_rows[0]; i++) {
		json_t *v = json_object_get(fig, summary_rows[i].key);

		if (v == NULL)
			continue;
		r++;
		worksheet_write_string(ws, r, 0, summary_rows[i].label, wrap);
		worksheet_write_number(ws, r, 1, json_number_value(v), NULL);
	}
	lists = lists_of(kind, &n);
	for (int i = 0; i < n; i++)
		write_sheet(wb, &lists[i], list_rows(kind, snapshot, lists[i].name), head, wrap,
		            when);
	if (workbook_close(wb) != LXW_NO_ERROR)
		goto fail;
	f = fopen(path, "rb");
	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) <= 0 ||
	    fseek(f, 0, SEEK_SET) != 0 || (data = malloc((size_t)size)) == NULL ||
	    fread(data, 1, (size_t)size, f) != (size_t)size)
		goto fail;
	fclose(f);
	unlink(path);
	http_bytes(resp, 200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	           data, (size_t)size);
	free(data);
	return;
fail:
	log_error("writing the workbook %s failed", path);
	if (f != NULL)
		fclose(f);
	free(data);
	unlink(path);
	http_error(resp, 500, "internal", "Không tạo được tệp Excel.", NULL);
}
