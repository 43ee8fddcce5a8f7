import { useLingui } from "@lingui/react";
import { Button } from "../../../components/ui/button.tsx";
import { Card } from "../../../components/ui/card.tsx";
import { PageHeading } from "../../../components/ui/page-heading.tsx";
import { useStartOver } from "./use-start-over.ts";

/** A step this rail's screen has no view for (a newer server): say so, offer a way out. */
export function UnexpectedStepCard({ kind }: { kind: string }) {
  const { i18n } = useLingui();
  const startOver = useStartOver();
  return (
    <Card>
      <PageHeading>{i18n._("unexpected.title")}</PageHeading>
      <p>{i18n._("unexpected.body")}</p>
      <p className="text-sm text-slate-700">{kind}</p>
      <Button onClick={startOver} className="self-start">
        {i18n._("flow.next_customer")}
      </Button>
    </Card>
  );
}
