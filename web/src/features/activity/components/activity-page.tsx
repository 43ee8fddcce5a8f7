import { useLingui } from "@lingui/react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ApiErrorAlert } from "../../../components/ui/api-error-alert.tsx";
import { Card } from "../../../components/ui/card.tsx";
import { PageHeading } from "../../../components/ui/page-heading.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { activityExportHref } from "../api/export-activity.ts";
import { type ActivityFilters as Filters, getActivityQueryOptions } from "../api/get-activity.ts";
import { ActivityFilters } from "./activity-filters.tsx";
import { ActivityList } from "./activity-list.tsx";
import { ActivityPager } from "./activity-pager.tsx";
import { ActivitySearch } from "./activity-search.tsx";

/** Today's calendar day in India (UTC+05:30), as the activity API counts days. */
function todayInIndia(now: Date): string {
  return new Date(now.getTime() + 330 * 60_000).toISOString().slice(0, 10);
}

/**
 * "My activity" ("Activity" for admins, who see every agent and can export
 * CSV): today by default, a page at a time, searchable by customer.
 */
export function ActivityPage({ isAdmin }: { isAdmin: boolean }) {
  const { i18n } = useLingui();
  const [filters, setFilters] = useState<Filters>({});
  const today = todayInIndia(new Date());
  const activity = useQuery(getActivityQueryOptions(filters));
  // Any new filter or search starts again at the first page.
  const filterBy = (next: Filters) => setFilters({ ...next, page: 1 });
  const shown = activity.data
    ? {
        first: (activity.data.page - 1) * activity.data.pageSize + 1,
        last: (activity.data.page - 1) * activity.data.pageSize + activity.data.events.length,
        total: activity.data.total,
      }
    : null;

  return (
    <div className="flex flex-col gap-4">
      <Card>
        <PageHeading level={1}>
          {i18n._(isAdmin ? "activity.title.admin" : "activity.title")}
        </PageHeading>
        <ActivitySearch
          value={filters.search ?? ""}
          onSearch={(search) => filterBy({ ...filters, search })}
        />
        <ActivityFilters filters={filters} onChange={filterBy} isAdmin={isAdmin} today={today} />
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
        {activity.data && shown ? (
          <>
            <p className="font-semibold">
              {shown.total === 0 ? i18n._("activity.count.none") : i18n._("activity.count", shown)}
            </p>
            {activity.data.events.length > 0 ? (
              <ActivityList events={activity.data.events} showAgent={isAdmin} />
            ) : null}
            <ActivityPager
              page={activity.data.page}
              pageSize={activity.data.pageSize}
              total={activity.data.total}
              onPage={(page) => setFilters({ ...filters, page })}
            />
          </>
        ) : null}
      </section>
    </div>
  );
}
