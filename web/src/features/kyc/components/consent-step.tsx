import { zodResolver } from "@hookform/resolvers/zod";
import { useLingui } from "@lingui/react";
import { useId } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import {
  consentAcceptRequestSchema,
  consentLanguageRequestSchema,
} from "#contract/flow-requests.ts";
import type { ConsentLanguage } from "#contract/flow-view.ts";
import { Alert } from "../../../components/ui/alert.tsx";
import { ApiErrorAlert } from "../../../components/ui/api-error-alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Card } from "../../../components/ui/card.tsx";
import { PageHeading } from "../../../components/ui/page-heading.tsx";
import { SelectInput } from "../../../components/ui/select-input.tsx";
import { fieldErrorMessage } from "../../../lib/field-errors.ts";
import { currentLanguage } from "../../../lib/i18n.ts";
import { hasServerFieldErrors, setServerFieldErrors } from "../../../lib/server-field-errors.ts";
import type { StepOf } from "../../flow/components/step-types.ts";
import {
  type ConsentAcceptRequest,
  consentAudioUrl,
  useAcceptConsent,
  useChooseConsentLanguage,
  useReloadConsentLanguages,
} from "../api/consent.ts";

type ConsentText = NonNullable<StepOf<"consent">["text"]>;

/** The agent's UI language, as Eko names it in B.5 ("Hindi"), is the default choice. */
const EKO_NAME = { en: "English", hi: "Hindi" } as const;

function defaultLanguage(languages: ConsentLanguage[], uiLanguage: "en" | "hi"): string {
  const byName = languages.find((language) => language.name === EKO_NAME[uiLanguage]);
  return byName?.id ?? languages[0]?.id ?? "";
}

function LanguageForm({
  flowId,
  languages,
  current,
}: {
  flowId: string;
  languages: ConsentLanguage[];
  current: string | null;
}) {
  const { i18n } = useLingui();
  const choose = useChooseConsentLanguage(flowId);
  const form = useForm<z.input<typeof consentLanguageRequestSchema>>({
    resolver: zodResolver(consentLanguageRequestSchema),
    defaultValues: { languageId: current ?? defaultLanguage(languages, currentLanguage(i18n)) },
  });
  const submit = form.handleSubmit(({ languageId }) => {
    if (languageId === current) return;
    choose.mutate(languageId, {
      onError: (error) => setServerFieldErrors(form.setError, error, ["languageId"]),
    });
  });
  return (
    <form noValidate onSubmit={submit} className="flex flex-wrap items-end gap-3">
      <SelectInput
        label={i18n._("consent.language_label")}
        hint={i18n._("consent.language_hint")}
        error={fieldErrorMessage(i18n, form.formState.errors.languageId?.message)}
        {...form.register("languageId")}
      >
        {languages.map((language) => (
          <option key={language.id} value={language.id}>
            {language.name}
          </option>
        ))}
      </SelectInput>
      <Button type="submit" variant={current ? "secondary" : "primary"} busy={choose.isPending}>
        {i18n._(current ? "consent.change_language" : "consent.show")}
      </Button>
      {choose.error && !hasServerFieldErrors(choose.error, ["languageId"]) ? (
        <div className="basis-full">
          <ApiErrorAlert error={choose.error} />
        </div>
      ) : null}
    </form>
  );
}

function AcceptForm({ flowId, text }: { flowId: string; text: ConsentText }) {
  const { i18n } = useLingui();
  const accept = useAcceptConsent(flowId);
  const checkboxId = useId();
  const errorId = `${checkboxId}-error`;
  const form = useForm<ConsentAcceptRequest, unknown, ConsentAcceptRequest>({
    resolver: zodResolver(consentAcceptRequestSchema),
    defaultValues: {
      accepted: false as unknown as true,
      textSha256: text.textSha256,
      audioPlayed: false,
    },
  });
  const fields = ["accepted", "textSha256"] as const;
  const submit = form.handleSubmit((input) =>
    accept.mutate(input, {
      onError: (error) => setServerFieldErrors(form.setError, error, fields),
    }),
  );
  const error =
    form.formState.errors.accepted?.message ?? form.formState.errors.textSha256?.message;
  const paragraphs = text.content.split(/\r?\n\s*/).filter((paragraph) => paragraph.trim());

  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-4">
      <section
        // The text scrolls when long: a tab stop lets a keyboard scroll it (WCAG 2.1.1).
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region needs one.
        tabIndex={0}
        aria-label={i18n._("consent.text_label", { language: text.language })}
        lang={text.language === "Hindi" ? "hi" : text.language === "English" ? "en" : undefined}
        className="flex max-h-80 flex-col gap-2 overflow-y-auto rounded-lg border-2 border-slate-300 bg-slate-50 p-3"
      >
        {paragraphs.map((paragraph) => (
          <p key={paragraph}>{paragraph}</p>
        ))}
        {text.statement ? <p className="font-semibold">{text.statement}</p> : null}
      </section>
      {text.audio ? (
        <div className="flex flex-col gap-1">
          <p className="font-semibold">{i18n._("consent.audio_label")}</p>
          {/* biome-ignore lint/a11y/useMediaCaption: the recording reads out the text shown above. */}
          <audio
            controls
            preload="none"
            src={consentAudioUrl(flowId)}
            aria-label={i18n._("consent.audio_label")}
            onPlay={() => form.setValue("audioPlayed", true)}
            className="w-full max-w-md"
          />
        </div>
      ) : null}
      <div className="flex flex-col gap-1">
        <label
          htmlFor={checkboxId}
          className="flex min-h-11 cursor-pointer items-start gap-3 font-semibold"
        >
          <input
            id={checkboxId}
            type="checkbox"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            className="mt-1 size-5 shrink-0 accent-brand-700"
            {...form.register("accepted")}
          />
          {i18n._("consent.checkbox")}
        </label>
        {error ? (
          <p id={errorId} role="alert" className="text-sm font-medium text-red-700">
            {fieldErrorMessage(i18n, error)}
          </p>
        ) : null}
      </div>
      {accept.error && !hasServerFieldErrors(accept.error, fields) ? (
        <ApiErrorAlert error={accept.error} />
      ) : null}
      <Button type="submit" busy={accept.isPending} className="self-start">
        {i18n._("consent.agree")}
      </Button>
    </form>
  );
}

/**
 * DigiKhata Aadhaar KYC consent (eko-api.md §9 B.5, B.6): Eko's text in the
 * customer's language, shown in full, its recording playable through our
 * server, then the agent confirms the customer agreed.
 */
export function ConsentStep({ flowId, step }: { flowId: string; step: StepOf<"consent"> }) {
  const { i18n } = useLingui();
  const reload = useReloadConsentLanguages(flowId);
  return (
    <Card>
      <PageHeading>{i18n._("consent.title")}</PageHeading>
      <p>{i18n._("consent.intro")}</p>
      {step.languages.length === 0 ? (
        <>
          <Alert>{i18n._("consent.languages_missing")}</Alert>
          {reload.error ? <ApiErrorAlert error={reload.error} /> : null}
          <Button busy={reload.isPending} onClick={() => reload.mutate()} className="self-start">
            {i18n._("consent.languages_retry")}
          </Button>
        </>
      ) : (
        <LanguageForm
          // A new text (another language) starts the form afresh.
          key={step.text?.languageId ?? "none"}
          flowId={flowId}
          languages={step.languages}
          current={step.text?.languageId ?? null}
        />
      )}
      {step.text ? (
        <AcceptForm key={step.text.textSha256} flowId={flowId} text={step.text} />
      ) : null}
    </Card>
  );
}
