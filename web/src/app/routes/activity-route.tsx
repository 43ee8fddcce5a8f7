import { useQuery } from "@tanstack/react-query";
import { ActivityPage } from "../../features/activity/components/activity-page.tsx";
import { getMeQueryOptions } from "../../features/sign-in/api/get-me.ts";

export function ActivityRoute() {
  // Already loaded by the signed-in layout.
  const me = useQuery(getMeQueryOptions());
  return <ActivityPage isAdmin={me.data?.role === "admin"} />;
}
