/* Report outputs: .xlsx (libxlsxwriter) and CSV that Excel opens (UTF-8 with BOM, RFC 4180),
 * built from a frozen snapshot. */
#ifndef TS_EXPORT_H
#define TS_EXPORT_H

#include <stdbool.h>

#include <jansson.h>

#include "http.h"

enum export_kind { EXPORT_DEPARTMENT, EXPORT_CONSOLIDATED, EXPORT_KIND__MAX };

/* Sets resp to the workbook of snapshot (borrowed), or an error. */
void export_xlsx(enum export_kind kind, json_t *snapshot, struct response *resp);

/* Sets resp to one list of snapshot as CSV ("summary" or a list name); 400 on an unknown
 * list. */
void export_csv(enum export_kind kind, json_t *snapshot, const char *list, struct response *resp);

/* Sets resp to the "items" array of a JSON list (borrowed) as CSV: a header row of columns
 * (NULL-terminated: the members of an item, in the JSON's order), then one row per item;
 * nested objects are written as JSON text. An empty list still has its header row. */
void export_csv_items(json_t *items, const char *const *columns, struct response *resp);

/* "2025-08-21T01:00:00+00:00" → "21/08/2025 08:00" in Vietnam time; false if unparseable. */
bool export_vn_datetime(const char *iso, char *out, size_t size);

#endif
