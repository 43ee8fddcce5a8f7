/**
 * What a signed-in agent sees while the app chunk (router, data, the app's
 * catalog) arrives: the header bar and a spinner, no words, so it needs no
 * catalog (see main.tsx).
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
