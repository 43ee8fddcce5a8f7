import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { apiClient } from "../../../lib/api-client.ts";
import { type SuccessBody, unwrap } from "../../../lib/api-error.ts";

/** The filters as the API takes them (contract/activity.ts activityQuerySchema); empty = any. */
export type ActivityFilters = {
  from?: string;
  to?: string;
  agentId?: string;
  outcome?: string;
  action?: string;
  /** The customer's mobile or a slip reference (contract/activity.ts parseActivitySearch). */
  search?: string;
  /** 1-based; absent is the first page. */
  page?: number;
};

type ActivityResponse = SuccessBody<Awaited<ReturnType<typeof apiClient.activity.$get>>>;
export type ActivityEvent = ActivityResponse["events"][number];

type QueryOf<F> = { [K in keyof F]: string };

/** Drops empty filters so "any" is simply absent from the query string and the key. */
export function compactFilters(filters: ActivityFilters): QueryOf<ActivityFilters> {
  return Object.fromEntries(
    Object.entries(filters)
      .filter(
        ([key, value]) => value !== undefined && value !== "" && !(key === "page" && value === 1),
      )
      .map(([key, value]) => [key, String(value)]),
  );
}

/** GET /api/activity: today (IST) unless dates are given, one page; agents see only their own. */
export function getActivityQueryOptions(filters: ActivityFilters) {
  const query = compactFilters(filters);
  return queryOptions({
    queryKey: ["activity", query],
    queryFn: () => unwrap(apiClient.activity.$get({ query })),
    placeholderData: keepPreviousData,
  });
}
