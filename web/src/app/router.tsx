import { lazy, Suspense } from "react";
import { Route, Switch } from "wouter";
import { Spinner } from "../components/ui/spinner.tsx";
import { FlowRoute } from "./routes/flow-route.tsx";
import { NotFoundRoute } from "./routes/not-found-route.tsx";
import { SignInRoute } from "./routes/sign-in-route.tsx";
import { StartRoute } from "./routes/start-route.tsx";
import { SignedInLayout } from "./signed-in-layout.tsx";

// "My activity" is visited a few times a day: keep it out of the first chunk.
const ActivityRoute = lazy(() =>
  import("./routes/activity-route.tsx").then((module) => ({ default: module.ActivityRoute })),
);

// Admins only, and rarely.
const AgentsRoute = lazy(() =>
  import("./routes/agents-route.tsx").then((module) => ({ default: module.AgentsRoute })),
);

export function AppRouter() {
  return (
    <Switch>
      <Route path="/sign-in">
        <SignInRoute />
      </Route>
      <Route>
        <SignedInLayout>
          <Suspense fallback={<Spinner />}>
            <Switch>
              <Route path="/" component={StartRoute} />
              <Route path="/flow/:flowId/:step?">
                {(params) => <FlowRoute flowId={params.flowId} step={params.step} />}
              </Route>
              <Route path="/activity" component={ActivityRoute} />
              <Route path="/agents" component={AgentsRoute} />
              <Route component={NotFoundRoute} />
            </Switch>
          </Suspense>
        </SignedInLayout>
      </Route>
    </Switch>
  );
}
