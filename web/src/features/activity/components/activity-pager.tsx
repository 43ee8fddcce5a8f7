import { useLingui } from "@lingui/react";
import { Button } from "../../../components/ui/button.tsx";

type ActivityPagerProps = {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
};

/** "Page 2 of 7" with Previous / Next: a busy day is hundreds of entries. */
export function ActivityPager({ page, pageSize, total, onPage }: ActivityPagerProps) {
  const { i18n } = useLingui();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages === 1) return null;
  return (
    <nav
      aria-label={i18n._("activity.pages")}
      className="flex flex-wrap items-center justify-between gap-2"
    >
      <Button variant="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {i18n._("activity.page.previous")}
      </Button>
      <p className="text-sm font-semibold">
        {i18n._("activity.page.of", { page: Math.min(page, pages), pages })}
      </p>
      <Button variant="secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {i18n._("activity.page.next")}
      </Button>
    </nav>
  );
}
