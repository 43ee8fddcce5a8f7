import { expect, test } from "vitest";
import { flowReference, flowReferencePattern, parseFlowReference } from "./flow-reference.ts";

test("a short, stable, readable reference per flow id", () => {
  const id = "q3Jx0bJ9m1T0n5YwL2aZ8g";
  const reference = flowReference(id);
  expect(reference).toMatch(flowReferencePattern);
  expect(flowReference(id)).toBe(reference);
  // Pinned: the server and every browser build must keep deriving the same value.
  expect(flowReference("flow-1")).toBe("EK-CGER-F762");
  expect(flowReference("a")).not.toBe(flowReference("b"));
  expect(reference).not.toContain(id);
});

test("different flows get different references (no collisions in 20,000 ids)", () => {
  const seen = new Set<string>();
  for (let i = 0; i < 20_000; i++) seen.add(flowReference(`flow-${i}-${i * 7919}`));
  expect(seen.size).toBe(20_000);
});

test("what the agent types back is read leniently", () => {
  const reference = flowReference("q3Jx0bJ9m1T0n5YwL2aZ8g");
  expect(parseFlowReference(reference)).toBe(reference);
  expect(parseFlowReference(reference.toLowerCase().replaceAll("-", " "))).toBe(reference);
  expect(parseFlowReference(reference.slice(3))).toBe(reference);
  expect(parseFlowReference("ek-oo11-ilil")).toBe("EK-0011-1111");
  expect(parseFlowReference("9000000001")).toBeNull();
  expect(parseFlowReference("EK-12")).toBeNull();
  expect(parseFlowReference("EK-UUUU-UUUU")).toBeNull();
});
