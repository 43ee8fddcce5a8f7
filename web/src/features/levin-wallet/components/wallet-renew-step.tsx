import { useLingui } from "@lingui/react";
import { ApiErrorAlert } from "../../../components/ui/api-error-alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Card } from "../../../components/ui/card.tsx";
import { PageHeading } from "../../../components/ui/page-heading.tsx";
import { useRecheckFlow } from "../../flow/api/recheck-flow.ts";

/**
 * Eko no longer accepts the customer's wallet session (Levin 463): a new
 * mobile OTP (the re-check asks Eko for the sender, which sends one) renews
 * it, and the flow goes on where it stood. Never a dead end.
 */
export function WalletRenewStep({ flowId }: { flowId: string }) {
  const { i18n } = useLingui();
  const renew = useRecheckFlow(flowId);
  return (
    <Card>
      <PageHeading>{i18n._("wallet_renew.title")}</PageHeading>
      <p>{i18n._("wallet_renew.body")}</p>
      {renew.error ? <ApiErrorAlert error={renew.error} /> : null}
      <Button busy={renew.isPending} onClick={() => renew.mutate()} className="self-start">
        {i18n._("wallet_renew.send_otp")}
      </Button>
    </Card>
  );
}
