import { zodResolver } from "@hookform/resolvers/zod";
import { useLingui } from "@lingui/react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { activitySearchFormSchema } from "#contract/activity.ts";
import { Button } from "../../../components/ui/button.tsx";
import { TextInput } from "../../../components/ui/text-input.tsx";
import { fieldErrorMessage } from "../../../lib/field-errors.ts";

type SearchForm = z.infer<typeof activitySearchFormSchema>;

/**
 * Find a customer's entries by mobile or by the reference on their slip. It
 * searches on Enter or "Search", not on every key: half a mobile number
 * is not a search, and an empty box shows everything again.
 */
export function ActivitySearch({
  value,
  onSearch,
}: {
  value: string;
  onSearch: (search: string) => void;
}) {
  const { i18n } = useLingui();
  const form = useForm<SearchForm>({
    resolver: zodResolver(activitySearchFormSchema),
    defaultValues: { search: value },
  });
  const error = form.formState.errors.search?.message;
  return (
    <search aria-label={i18n._("activity.search.label")}>
      <form
        noValidate
        onSubmit={form.handleSubmit(({ search }) => onSearch(search))}
        className="flex flex-wrap items-end gap-2"
      >
        <div className="min-w-0 flex-1 basis-56">
          <TextInput
            label={i18n._("activity.search.field")}
            hint={i18n._("activity.search.hint")}
            type="search"
            autoComplete="off"
            error={fieldErrorMessage(i18n, error)}
            {...form.register("search")}
          />
        </div>
        <Button type="submit" variant="secondary" className="mb-0.5">
          {i18n._("activity.search.submit")}
        </Button>
      </form>
    </search>
  );
}
