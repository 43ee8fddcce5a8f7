import { hc } from "hono/client";
import type { AppType } from "../../../server/src/app.ts";

/** Where the console API is mounted; the CSV export link needs it as a plain href. */
export const apiBasePath = "/api";

/**
 * The one typed client for the console API, built once. Routes and their
 * request/response types come from the server's chained `AppType`; session
 * cookies ride along because the SPA is served from the same origin.
 */
export const apiClient = hc<AppType>(apiBasePath);
