import { apiBasePath, apiClient } from "../../../lib/api-client.ts";
import { type ActivityFilters, compactFilters } from "./get-activity.ts";

/**
 * GET /api/activity/export.csv (admins): a plain link, so the browser
 * downloads the file with the session cookie; the server names it.
 */
export function activityExportHref(filters: ActivityFilters): string {
  return `${apiBasePath}${apiClient.activity["export.csv"].$path({ query: compactFilters(filters) })}`;
}
