/* The route table: every endpoint, who may call it, and how it uses the database. Adding an
 * endpoint means adding a row here (and to the OpenAPI file and the access matrix tests). */
#include "handlers.h"

#define ADMIN ROLE_BIT(ROLE_ADMIN)
#define COMMUNE ROLE_BIT(ROLE_COMMUNE_OFFICER)
#define DEPARTMENT (ROLE_BIT(ROLE_DEPARTMENT_OFFICER) | ROLE_BIT(ROLE_DEPARTMENT_HEAD))
#define PROVINCE_OFFICE ROLE_BIT(ROLE_PROVINCE_OFFICE)
/* Who works on issues, and who may read them (party readers read statistics and reports;
 * admins never read content). */
#define ISSUE_ACTORS (COMMUNE | DEPARTMENT | PROVINCE_OFFICE)
#define HOME_AFFAIRS ROLE_BIT(ROLE_HOME_AFFAIRS)
/* Who reads reports: the departments (their own, decided per unit by authz_report), Sở Nội
 * vụ, the leadership and the Party committee readers. */
#define REPORT_READERS \
	(DEPARTMENT | HOME_AFFAIRS | ROLE_BIT(ROLE_LEADERSHIP) | ROLE_BIT(ROLE_PARTY_READER))
#define STATS_READERS (OVERSEERS | PROVINCE_OFFICE)
#define OVERSEERS (HOME_AFFAIRS | ROLE_BIT(ROLE_LEADERSHIP) | ROLE_BIT(ROLE_PARTY_READER))
#define ISSUE_READERS (ISSUE_ACTORS | ROLE_BIT(ROLE_HOME_AFFAIRS) | ROLE_BIT(ROLE_LEADERSHIP))

const struct route routes[] = {
    {HTTP_GET, "/api/health", health_get, ROLES_PUBLIC, 0},
    {HTTP_GET, "/api/v1/units", units_list, ROLES_PUBLIC, 0},
    {HTTP_GET, "/api/v1/units/{id}", units_get, ROLES_PUBLIC, 0},
    {HTTP_GET, "/api/v1/fields", fields_list, ROLES_PUBLIC, 0},
    {HTTP_POST, "/api/v1/auth/login", session_login, ROLES_PUBLIC, 0},
    {HTTP_POST, "/api/v1/auth/refresh", session_refresh, ROLES_PUBLIC, 0},
    {HTTP_POST, "/api/v1/auth/logout", session_logout, ROLES_PUBLIC, 0},
    {HTTP_GET, "/api/v1/me", me_get, ROLES_ANY, ROUTE_PENDING_OK},
    {HTTP_PUT, "/api/v1/me/password", me_password, ROLES_ANY, ROUTE_PENDING_OK},
    {HTTP_GET, "/api/v1/users", users_list, ADMIN, 0},
    {HTTP_POST, "/api/v1/users", users_create, ADMIN, 0},
    {HTTP_GET, "/api/v1/users/{id}", users_get, ADMIN, 0},
    {HTTP_PATCH, "/api/v1/users/{id}", users_update, ADMIN, 0},
    {HTTP_POST, "/api/v1/users/{id}/password", users_reset_password, ADMIN, 0},
    {HTTP_GET, "/api/v1/api-tokens", api_tokens_list, ADMIN, 0},
    {HTTP_POST, "/api/v1/api-tokens", api_tokens_create, ADMIN, 0},
    {HTTP_DELETE, "/api/v1/api-tokens/{id}", api_tokens_revoke, ADMIN, 0},
    {HTTP_GET, "/api/v1/audit", audit_list, ADMIN, 0},
    {HTTP_GET, "/api/v1/issues", issues_list, ISSUE_READERS, 0},
    {HTTP_POST, "/api/v1/issues", issues_create, COMMUNE, ROUTE_IDEMPOTENT},
    {HTTP_GET, "/api/v1/issues/{id}", issues_get, ISSUE_READERS, 0},
    {HTTP_PATCH, "/api/v1/issues/{id}", issues_update, COMMUNE | DEPARTMENT, 0},
    {HTTP_POST, "/api/v1/issues/{id}/transitions", issues_transition, ISSUE_ACTORS,
     ROUTE_IDEMPOTENT},
    {HTTP_GET, "/api/v1/issues/{id}/events", issues_events, ISSUE_READERS, 0},
    {HTTP_POST, "/api/v1/issues/{id}/comments", issues_comment, ISSUE_READERS, 0},
    {HTTP_POST, "/api/v1/issues/{id}/attachments", attachments_add, ISSUE_ACTORS, ROUTE_RAW_BODY},
    {HTTP_GET, "/api/v1/attachments/{id}", attachments_get, ISSUE_READERS, 0},
    {HTTP_GET, "/api/v1/issue-groups", groups_list, DEPARTMENT, 0},
    {HTTP_POST, "/api/v1/issue-groups", groups_create, DEPARTMENT, 0},
    {HTTP_GET, "/api/v1/issue-groups/{id}", groups_get, DEPARTMENT, 0},
    {HTTP_POST, "/api/v1/issue-groups/{id}/answer", groups_answer, DEPARTMENT, ROUTE_IDEMPOTENT},
    {HTTP_GET, "/api/v1/library", library_list, ROLES_ANY, 0},
    {HTTP_GET, "/api/v1/notifications", notifications_list, ROLES_ANY, 0},
    {HTTP_POST, "/api/v1/notifications/read", notifications_read, ROLES_ANY, 0},
    {HTTP_GET, "/api/v1/trainings", trainings_list, ROLES_ANY & ~ADMIN, 0},
    {HTTP_POST, "/api/v1/trainings", trainings_create, DEPARTMENT, ROUTE_IDEMPOTENT},
    {HTTP_GET, "/api/v1/trainings/{id}", trainings_get, ROLES_ANY & ~ADMIN, 0},
    {HTTP_PATCH, "/api/v1/trainings/{id}", trainings_update, DEPARTMENT, 0},
    {HTTP_POST, "/api/v1/trainings/{id}/recommendations", trainings_recommend, DEPARTMENT,
     ROUTE_IDEMPOTENT},
    {HTTP_GET, "/api/v1/periods", periods_list, ROLES_ANY, 0},
    {HTTP_POST, "/api/v1/periods", periods_create, HOME_AFFAIRS | ADMIN, 0},
    {HTTP_PATCH, "/api/v1/periods/{id}", periods_update, HOME_AFFAIRS | ADMIN, 0},
    {HTTP_GET, "/api/v1/periods/{id}/compliance", compliance_get, OVERSEERS, 0},
    {HTTP_GET, "/api/v1/periods/{id}/reports/{id}", report_get, REPORT_READERS, 0},
    {HTTP_PUT, "/api/v1/periods/{id}/reports/{id}", report_put, DEPARTMENT, 0},
    {HTTP_POST, "/api/v1/periods/{id}/reports/{id}/submit", report_submit,
     ROLE_BIT(ROLE_DEPARTMENT_HEAD), 0},
    {HTTP_POST, "/api/v1/periods/{id}/reports/{id}/return", report_return, HOME_AFFAIRS, 0},
    {HTTP_GET, "/api/v1/periods/{id}/reports/{id}/export", report_export, REPORT_READERS, 0},
    {HTTP_GET, "/api/v1/periods/{id}/consolidated", consolidated_get, OVERSEERS, 0},
    {HTTP_PUT, "/api/v1/periods/{id}/consolidated", consolidated_put, HOME_AFFAIRS, 0},
    {HTTP_POST, "/api/v1/periods/{id}/consolidated/submit", consolidated_submit, HOME_AFFAIRS, 0},
    {HTTP_GET, "/api/v1/periods/{id}/consolidated/export", consolidated_export, OVERSEERS, 0},
    {HTTP_GET, "/api/v1/stats/overview", stats_overview, STATS_READERS, 0},
    {HTTP_GET, "/api/v1/stats/breakdown", stats_breakdown, STATS_READERS, 0},
    {HTTP_GET, "/api/v1/stats/smooth", stats_smooth, STATS_READERS, 0},
    {HTTP_GET, "/api/v1/stats/weekly", stats_weekly, STATS_READERS, 0},
    {HTTP_GET, "/api/v1/stats/compliance", stats_compliance, STATS_READERS, 0},
};

const size_t nroutes = sizeof routes / sizeof routes[0];
