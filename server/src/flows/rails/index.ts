import type { Rail } from "../../contract/rails.ts";
import { customerAccountRail } from "./customer-account.ts";
import { digikhataRail } from "./digikhata.ts";
import { levinRail } from "./levin.ts";
import type { RailModule } from "./rail-module.ts";

/** Every rail the console runs; adding one is one module here plus its mappings and Eko calls. */
export const railModules: Record<Rail, RailModule> = {
  "customer-account": customerAccountRail,
  digikhata: digikhataRail,
  levin: levinRail,
};
