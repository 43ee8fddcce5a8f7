import type { z } from "zod";
import type { consentAcceptRequestSchema } from "#contract/flow-requests.ts";
import { apiBasePath, apiClient } from "../../../lib/api-client.ts";
import { unwrap } from "../../../lib/api-error.ts";
import { useFlowStepMutation } from "../../flow/api/use-flow-step-mutation.ts";

export type ConsentAcceptRequest = z.input<typeof consentAcceptRequestSchema>;

/** POST /api/flows/{flowId}/consent/languages (DigiKhata B.5 again, after a failed load). */
export function useReloadConsentLanguages(flowId: string) {
  return useFlowStepMutation(flowId, () =>
    unwrap(apiClient.flows[":flowId"].consent.languages.$post({ param: { flowId } })),
  );
}

/** POST /api/flows/{flowId}/consent/language (DigiKhata B.6: the text in this language). */
export function useChooseConsentLanguage(flowId: string) {
  return useFlowStepMutation(flowId, (languageId: string) =>
    unwrap(
      apiClient.flows[":flowId"].consent.language.$post({
        param: { flowId },
        json: { languageId },
      }),
    ),
  );
}

/** POST /api/flows/{flowId}/consent (DigiKhata: the customer agreed to the text shown). */
export function useAcceptConsent(flowId: string) {
  return useFlowStepMutation(flowId, (input: ConsentAcceptRequest) =>
    unwrap(apiClient.flows[":flowId"].consent.$post({ param: { flowId }, json: input })),
  );
}

/**
 * Where the consent recording plays from: our server, which streams Eko's file
 * (GET /api/flows/{flowId}/consent/audio). An <audio> src, not a fetch.
 */
export function consentAudioUrl(flowId: string): string {
  return `${apiBasePath}${apiClient.flows[":flowId"].consent.audio.$path({ param: { flowId } })}`;
}
