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
};

type ActivityResponse = SuccessBody<Awaited<ReturnType<typeof apiClient.activity.$get>>>;
export type ActivityEvent = ActivityResponse["events"][number];

/** Drops empty filters so "any" is simply absent from the query string and the key. */
export function compactFilters(filters: ActivityFilters): ActivityFilters {
  return Object.fromEntries(
    Object.entries(filters).filter(([, value]) => value !== undefined && value !== ""),
  );
}

/** GET /api/activity: today (IST) unless dates are given; agents see only their own events. */
export function getActivityQueryOptions(filters: ActivityFilters) {
  const query = compactFilters(filters);
  return queryOptions({
    queryKey: ["activity", query],
    queryFn: () => unwrap(apiClient.activity.$get({ query })),
    placeholderData: keepPreviousData,
  });
}
