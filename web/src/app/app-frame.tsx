/**
 * What the first chunk paints while the app chunk (router, data, i18n)
 * arrives: the header bar and a spinner, no words — the catalogs come with
 * the app. Keeps the first download to React itself (see main.tsx).
 */
export function AppFrame() {
  return (
    <div className="flex min-h-dvh flex-col">
      <div className="h-14 bg-brand-800" />
      <main aria-busy="true" className="grid flex-1 place-items-center">
        <span
          aria-hidden="true"
          className="inline-block size-8 animate-spin rounded-full border-4 border-brand-700 border-r-transparent"
        />
      </main>
    </div>
  );
}
