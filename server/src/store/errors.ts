/**
 * Errors the store raises in its own terms; the HTTP edge (middleware/error-handler.ts)
 * decides what they mean to a client.
 */

/** A save lost the optimistic version check: someone else saved the flow since it was read. */
export class FlowConflictError extends Error {
  override name = "FlowConflictError";
  readonly flowId: string;
  constructor(flowId: string) {
    super("The flow changed in the meantime; reload it");
    this.flowId = flowId;
  }
}
