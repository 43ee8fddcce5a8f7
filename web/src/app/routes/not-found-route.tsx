import { useLingui } from "@lingui/react";
import { Link } from "wouter";
import { Card } from "../../components/ui/card.tsx";
import { PageHeading } from "../../components/ui/page-heading.tsx";

export function NotFoundRoute() {
  const { i18n } = useLingui();
  return (
    <Card>
      <PageHeading level={1}>{i18n._("notfound.title")}</PageHeading>
      <p>{i18n._("notfound.body")}</p>
      <Link
        href="/"
        className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline"
      >
        {i18n._("notfound.start")}
      </Link>
    </Card>
  );
}
