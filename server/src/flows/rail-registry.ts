import type { Rail } from "../contract/rails.ts";
import { customerAccountRail } from "./customer-account.ts";
import { digikhataRail } from "./digikhata.ts";
import { levinRail } from "./levin.ts";
import type { RailModule } from "./rail-module.ts";

/**
 * Every rail the console runs, keyed by the contract's rail names
 * (contract/rails.ts, the one list of them): a name without its module, or a
 * module under a name the contract does not know, is a type error here, and
 * rail-registry.test.ts checks each module sits under its own name.
 */
export const railModules = {
  "customer-account": customerAccountRail,
  digikhata: digikhataRail,
  levin: levinRail,
} as const satisfies Record<Rail, RailModule>;
