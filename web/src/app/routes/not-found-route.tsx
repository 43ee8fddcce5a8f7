import { useLingui } from "@lingui/react";
import { Link } from "wouter";
import { Card } from "../../components/ui/card.tsx";
import { PageHeading } from "../../components/ui/page-heading.tsx";

/** "Nothing here" with the way back to the start: an unknown page, or a flow that is gone. */
export function NotFoundCard({ title, body }: { title: string; body: string }) {
  const { i18n } = useLingui();
  return (
    <Card>
      <PageHeading level={1}>{title}</PageHeading>
      <p>{body}</p>
      <Link
        href="/"
        className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline"
      >
        {i18n._("notfound.start")}
      </Link>
    </Card>
  );
}

export function NotFoundRoute() {
  const { i18n } = useLingui();
  return <NotFoundCard title={i18n._("notfound.title")} body={i18n._("notfound.body")} />;
}
