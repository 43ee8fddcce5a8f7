import { type ComponentType, lazy } from "react";
import type { FlowView } from "#contract/flow-view.ts";
import type { Rail } from "#contract/rails.ts";

type RailScreenProps = { flow: FlowView };

// Each rail's UI (forms, zod, react-hook-form, input-otp) is its own chunk,
// fetched when a flow of that rail is opened — or earlier, on "Continue".
const loaders: Record<Rail, () => Promise<{ default: ComponentType<RailScreenProps> }>> = {
  "customer-account": () =>
    import("../features/customer-account/components/customer-account-flow.tsx").then((module) => ({
      default: module.CustomerAccountFlow,
    })),
  digikhata: () =>
    import("../features/digikhata-wallet/components/digikhata-wallet-flow.tsx").then((module) => ({
      default: module.DigikhataWalletFlow,
    })),
  levin: () =>
    import("../features/levin-wallet/components/levin-wallet-flow.tsx").then((module) => ({
      default: module.LevinWalletFlow,
    })),
};

export const railScreens: Record<Rail, ComponentType<RailScreenProps>> = {
  "customer-account": lazy(loaders["customer-account"]),
  digikhata: lazy(loaders.digikhata),
  levin: lazy(loaders.levin),
};

/** Starts downloading a rail's chunk while the flow is being created. */
export function preloadRailScreen(rail: Rail): void {
  void loaders[rail]();
}
