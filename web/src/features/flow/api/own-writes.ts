/**
 * The flow versions this tab wrote itself (a step's answer). Any other new
 * version of the flow that shows up came from elsewhere — another tab or
 * window on the same flow — and the screen says so (issue #15 §4).
 */
const written = new Map<string, Set<string>>();

export function rememberOwnWrite(flowId: string, updatedAt: string): void {
  const versions = written.get(flowId) ?? new Set<string>();
  versions.add(updatedAt);
  written.set(flowId, versions);
}

export function isOwnWrite(flowId: string, updatedAt: string): boolean {
  return written.get(flowId)?.has(updatedAt) ?? false;
}
