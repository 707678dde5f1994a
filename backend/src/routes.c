/* The route table: every endpoint, who may call it, and how it uses the database. Adding an
 * endpoint means adding a row here (and to the OpenAPI file and the access matrix tests). */
#include "handlers.h"

#define ADMIN ROLE_BIT(ROLE_ADMIN)

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
};

const size_t nroutes = sizeof routes / sizeof routes[0];
