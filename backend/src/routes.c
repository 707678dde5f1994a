/* The route table: every endpoint, who may call it, and how it uses the database. Adding an
 * endpoint means adding a row here (and to the OpenAPI file and the access matrix tests). */
#include "handlers.h"

const struct route routes[] = {
    {HTTP_GET, "/api/health", health_get, ROLES_PUBLIC},
    {HTTP_GET, "/api/v1/units", units_list, ROLES_PUBLIC},
    {HTTP_GET, "/api/v1/units/{id}", units_get, ROLES_PUBLIC},
    {HTTP_GET, "/api/v1/fields", fields_list, ROLES_PUBLIC},
};

const size_t nroutes = sizeof routes / sizeof routes[0];
