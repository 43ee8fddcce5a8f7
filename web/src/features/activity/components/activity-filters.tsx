import { useLingui } from "@lingui/react";
import { useQuery } from "@tanstack/react-query";
import { SelectInput } from "../../../components/ui/select-input.tsx";
import { TextInput } from "../../../components/ui/text-input.tsx";
import type { ActivityFilters as Filters } from "../api/get-activity.ts";
import { getAgentsQueryOptions } from "../api/get-agents.ts";
import { actionLabels, filterOutcomes, outcomeLabels } from "./activity-labels.ts";

type ActivityFiltersProps = {
  filters: Filters;
  onChange: (filters: Filters) => void;
  isAdmin: boolean;
  /** Today in India, the default day (the API counts IST calendar days). */
  today: string;
};

function AgentFilter({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const { i18n } = useLingui();
  const agents = useQuery(getAgentsQueryOptions());
  return (
    <SelectInput
      label={i18n._("activity.filter.agent")}
      value={value}
      onChange={(event) => onChange(event.target.value)}
    >
      <option value="">{i18n._("activity.filter.all_agents")}</option>
      {(agents.data ?? []).map((agent) => (
        <option key={agent.id} value={agent.id}>
          {agent.name} ({agent.login})
        </option>
      ))}
    </SelectInput>
  );
}

/** Filters apply as soon as they change: there is no "Apply" button to forget. */
export function ActivityFilters({ filters, onChange, isAdmin, today }: ActivityFiltersProps) {
  const { i18n } = useLingui();
  const set = (patch: Filters) => onChange({ ...filters, ...patch });
  return (
    <form
      aria-label={i18n._("activity.filter.label")}
      onSubmit={(event) => event.preventDefault()}
      className="grid grid-cols-1 gap-4 min-[480px]:grid-cols-2"
    >
      <TextInput
        label={i18n._("activity.filter.from")}
        type="date"
        max={today}
        value={filters.from ?? today}
        onChange={(event) => set({ from: event.target.value })}
      />
      <TextInput
        label={i18n._("activity.filter.to")}
        type="date"
        max={today}
        value={filters.to ?? today}
        onChange={(event) => set({ to: event.target.value })}
      />
      <SelectInput
        label={i18n._("activity.filter.action")}
        value={filters.action ?? ""}
        onChange={(event) => set({ action: event.target.value })}
      >
        <option value="">{i18n._("activity.filter.any")}</option>
        {Object.entries(actionLabels).map(([action, label]) => (
          <option key={action} value={action}>
            {i18n._(label)}
          </option>
        ))}
      </SelectInput>
      <SelectInput
        label={i18n._("activity.filter.outcome")}
        value={filters.outcome ?? ""}
        onChange={(event) => set({ outcome: event.target.value })}
      >
        <option value="">{i18n._("activity.filter.any")}</option>
        {filterOutcomes.map((outcome) => (
          <option key={outcome} value={outcome}>
            {i18n._(outcomeLabels[outcome] ?? { id: "activity.filter.any" })}
          </option>
        ))}
      </SelectInput>
      {isAdmin ? (
        <AgentFilter value={filters.agentId ?? ""} onChange={(agentId) => set({ agentId })} />
      ) : null}
    </form>
  );
}
