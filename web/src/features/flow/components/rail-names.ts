import type { Rail } from "#contract/rails.ts";

/** The names agents know the three services by (start screen, flow header, activity). */
export const railNames: Record<Rail, { id: string }> = {
  "customer-account": { id: "rail.customer-account" },
  digikhata: { id: "rail.digikhata" },
  levin: { id: "rail.levin" },
};

export const railDescriptions: Record<Rail, { id: string }> = {
  "customer-account": { id: "rail.customer-account.description" },
  digikhata: { id: "rail.digikhata.description" },
  levin: { id: "rail.levin.description" },
};
