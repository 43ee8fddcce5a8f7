import { lazy, StrictMode, Suspense } from "react";
import { createRoot } from "react-dom/client";
import { AppFrame } from "./app/app-frame.tsx";
import "./styles.css";

// React 19 alone is ~67 KB gzip of the 80 KB budget for the first download,
// so the app (router, react-query, Lingui, API client, start screen) is the
// next chunk. index.html preloads GET /api/auth/me, so the session check runs
// while that chunk downloads instead of after it.
const App = lazy(() => import("./app/app.tsx").then((module) => ({ default: module.App })));

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Suspense fallback={<AppFrame />}>
        <App />
      </Suspense>
    </StrictMode>,
  );
}
