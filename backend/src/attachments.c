/* Attachments: PDF, DOCX, XLSX, JPG and PNG up to the upload limit, the type decided by the
 * content (never the name alone), stored in PostgreSQL so workers stay stateless, and
 * downloaded as attachments. */
#include "handlers.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

struct file_type {
	const char *mime;
	const char *ext1;
	const char *ext2;
};

static const struct file_type file_types[] = {
    {"application/pdf", ".pdf", NULL},
    {"image/png", ".png", NULL},
    {"image/jpeg", ".jpg", ".jpeg"},
    {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", NULL},
    {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", NULL},
};

/* Decides the type from the first bytes (and, for Office files, the ZIP entry names). */
static const struct file_type *sniff(const char *data, size_t len)
{
	if (len >= 5 && memcmp(data, "%PDF-", 5) == 0)
		return &file_types[0];
	if (len >= 8 && memcmp(data, "\x89PNG\r\n\x1a\n", 8) == 0)
		return &file_types[1];
	if (len >= 3 && memcmp(data, "\xFF\xD8\xFF", 3) == 0)
		return &file_types[2];
	if (len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0 &&
	    memmem(data, len, "[Content_Types].xml", 19) != NULL) {
		if (memmem(data, len, "word/document.xml", 17) != NULL)
			return &file_types[3];
		if (memmem(data, len, "xl/workbook.xml", 15) != NULL)
			return &file_types[4];
	}
	return NULL;
}

static bool has_ext(const char *name, const char *ext)
{
	size_t n = strlen(name);
	size_t e = ext ? strlen(ext) : 0;

	return ext != NULL && n > e && strcasecmp(name + n - e, ext) == 0;
}

static bool filename_ok(const char *name)
{
	size_t chars = 0;

	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if (*p < 0x20 || *p == 0x7F || *p == '/' || *p == '\\' || *p == '"')
			return false;
		if ((*p & 0xC0) != 0x80)
			chars++;
	}
	return chars >= 1 && chars <= 200 && name[0] != '.';
}

void attachments_add(struct ctx *ctx)
{
	static const char *const allowed[] = {"filename", NULL};
	const char *filename = http_query_get(ctx->req, "filename");
	const struct file_type *type;
	char user[16];
	char unit[16];
	char role[32];
	const char *p[7];
	int lengths[7] = {0};
	int formats[7] = {0};
	long id;
	PGresult *res;

	if (!http_parse_id(ctx->req->route_params[0], &id)) {
		http_error(ctx->resp, 404, "issue_not_found", "Không tìm thấy kiến nghị.", NULL);
		return;
	}
	if (!http_query_only(ctx->req, allowed, ctx->resp))
		return;
	if (filename == NULL || !filename_ok(filename)) {
		http_error(ctx->resp, 400, "invalid_parameter",
		           "Cần tên tệp (filename) dài 1–200 ký tự, không chứa / \\ \" hay ký tự "
		           "điều khiển.",
		           json_pack("{s:s}", "parameter", "filename"));
		return;
	}
	if (ctx->req->body_len == 0) {
		http_error(ctx->resp, 400, "empty_file", "Tệp đính kèm rỗng.", NULL);
		return;
	}
	type = sniff(ctx->req->body, ctx->req->body_len);
	if (type == NULL) {
		http_error(ctx->resp, 415, "unsupported_file_type",
		           "Chỉ nhận tệp PDF, DOCX, XLSX, JPG hoặc PNG.", NULL);
		return;
	}
	if (!has_ext(filename, type->ext1) && !has_ext(filename, type->ext2)) {
		http_error(ctx->resp, 415, "file_type_mismatch",
		           "Nội dung tệp không khớp với phần mở rộng của tên tệp.",
		           json_pack("{s:s}", "detected", type->mime));
		return;
	}
	snprintf(user, sizeof user, "%d", ctx->who.user_id);
	snprintf(unit, sizeof unit, "%d", ctx->who.unit_id);
	snprintf(role, sizeof role, "%s", auth_role_name(ctx->who.role));
	p[0] = ctx->req->route_params[0];
	p[1] = role;
	p[2] = unit;
	p[3] = filename;
	p[4] = type->mime;
	p[5] = ctx->req->body;
	lengths[5] = (int)ctx->req->body_len;
	formats[5] = 1;
	p[6] = user;
	res = db_run_ex(ctx->db, STMT_ATTACHMENT_ADD, p, lengths, formats, 0, ctx->req->request_id,
	                ctx->resp);
	if (res == NULL)
		return;
	if (PQntuples(res) != 1)
		http_error(ctx->resp, 404, "issue_not_found",
		           "Không tìm thấy kiến nghị để đính kèm, hoặc kiến nghị đã đóng.", NULL);
	else if (audit_write(ctx, 0, 0, "attachment.added", "attachment", PQgetvalue(res, 0, 0),
	                     NULL, PQgetvalue(res, 0, 1)))
		http_json_text(ctx->resp, 201, PQgetvalue(res, 0, 1),
		               (size_t)PQgetlength(res, 0, 1));
	PQclear(res);
}

/* Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266 / 8187). */
static void disposition(const char *name, char *out, size_t size)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t o = 0;
	int n;

	/* size is ample (see attachments_get): at most 100 fallback bytes and 3 per name byte. */
	n = snprintf(out, size, "attachment; filename=\"");
	o = (size_t)n;
	for (const unsigned char *p = (const unsigned char *)name; *p && o < 100 + (size_t)n; p++)
		out[o++] = (*p < 0x80 && *p >= 0x20 && *p != '"' && *p != '\\') ? (char)*p : '_';
	memcpy(out + o, "\"; filename*=UTF-8''", 20);
	o += 20;
	for (const unsigned char *p = (const unsigned char *)name; *p && o + 4 < size; p++) {
		if (isalnum(*p) || strchr("-._~", *p)) {
			out[o++] = (char)*p;
		} else {
			out[o++] = '%';
			out[o++] = hex[*p >> 4];
			out[o++] = hex[*p & 15];
		}
	}
	out[o] = '\0';
}

void attachments_get(struct ctx *ctx)
{
	char unit[16];
	char role[32];
	const char *p[3];
	char cd[2600];
	long id;
	PGresult *res;
	const char *mime = NULL;

	if (!http_parse_id(ctx->req->route_params[0], &id)) {
		http_error(ctx->resp, 404, "not_found", "Không tìm thấy tệp.", NULL);
		return;
	}
	if (!http_query_only(ctx->req, (const char *const[]){NULL}, ctx->resp))
		return;
	snprintf(unit, sizeof unit, "%d", ctx->who.unit_id);
	snprintf(role, sizeof role, "%s", auth_role_name(ctx->who.role));
	p[0] = ctx->req->route_params[0];
	p[1] = role;
	p[2] = unit;
	/* Binary result: the file comes back as it was stored. */
	res = db_run_ex(ctx->db, STMT_ATTACHMENT_GET, p, NULL, NULL, 1, ctx->req->request_id,
	                ctx->resp);
	if (res == NULL)
		return;
	if (PQntuples(res) == 1) {
		for (size_t i = 0; i < sizeof file_types / sizeof file_types[0]; i++)
			if (strcmp(file_types[i].mime, PQgetvalue(res, 0, 1)) == 0)
				mime = file_types[i].mime;
	}
	if (mime == NULL) {
		http_error(ctx->resp, 404, "not_found", "Không tìm thấy tệp.", NULL);
	} else {
		http_bytes(ctx->resp, 200, mime, PQgetvalue(res, 0, 2),
		           (size_t)PQgetlength(res, 0, 2));
		disposition(PQgetvalue(res, 0, 0), cd, sizeof cd);
		http_add_header(ctx->resp, "Content-Disposition", cd);
	}
	PQclear(res);
}
