import { useLingui } from "@lingui/react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "../../../components/ui/alert.tsx";
import { ApiErrorAlert } from "../../../components/ui/api-error-alert.tsx";
import { Card } from "../../../components/ui/card.tsx";
import { PageHeading } from "../../../components/ui/page-heading.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { activityExportHref } from "../api/export-activity.ts";
import { type ActivityFilters as Filters, getActivityQueryOptions } from "../api/get-activity.ts";
import { ActivityFilters } from "./activity-filters.tsx";
import { ActivityList } from "./activity-list.tsx";

/** Today's calendar day in India (UTC+05:30), as the activity API counts days. */
function todayInIndia(now: Date): string {
  return new Date(now.getTime() + 330 * 60_000).toISOString().slice(0, 10);
}

/** "My activity": today by default; admins see every agent and can export CSV. */
export function ActivityPage({ isAdmin }: { isAdmin: boolean }) {
  const { i18n } = useLingui();
  const [filters, setFilters] = useState<Filters>({});
  const today = todayInIndia(new Date());
  const activity = useQuery(getActivityQueryOptions(filters));

  return (
    <div className="flex flex-col gap-4">
      <Card>
        <PageHeading level={1}>
          {i18n._(isAdmin ? "activity.title.admin" : "activity.title")}
        </PageHeading>
        <ActivityFilters filters={filters} onChange={setFilters} isAdmin={isAdmin} today={today} />
        {isAdmin ? (
          <a
            href={activityExportHref(filters)}
            download
            className="inline-flex min-h-11 items-center self-start rounded-lg border-2 border-brand-700 px-4 font-semibold text-brand-800 hover:bg-brand-50"
          >
            {i18n._("activity.export_csv")}
          </a>
        ) : null}
      </Card>
      <section aria-live="polite" aria-busy={activity.isFetching} className="flex flex-col gap-3">
        {activity.isFetching ? <Spinner /> : null}
        {activity.isError ? (
          <ApiErrorAlert error={activity.error} onRetry={() => void activity.refetch()} />
        ) : null}
        {activity.data ? (
          <>
            <p className="font-semibold">
              {i18n._("activity.count", { count: activity.data.events.length })}
            </p>
            {activity.data.truncated ? (
              <Alert tone="warning">{i18n._("activity.truncated")}</Alert>
            ) : null}
            {activity.data.events.length > 0 ? (
              <ActivityList events={activity.data.events} showAgent={isAdmin} />
            ) : null}
          </>
        ) : null}
      </section>
    </div>
  );
}
