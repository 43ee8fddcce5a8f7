import { expect, test } from "vitest";
import { rails } from "../contract/rails.ts";
import { type EkoCallName, ekoCalls, railRefLetters } from "../eko/calls.ts";
import { newClientRefId } from "../eko/client.ts";
import { railModules } from "./rail-registry.ts";

/*
 * A rail is named once, in contract/rails.ts; the registry, the Eko call
 * table and the client_ref_id letters are keyed by that list. The types
 * already refuse a missing entry; these checks cover what types cannot see:
 * a module filed under another rail's name, a letter shared by two rails, a
 * call whose reference does not start with its rail's letter.
 */

test("the registry holds exactly the contract's rails, each module under its own name", () => {
  expect(Object.keys(railModules).sort()).toEqual([...rails].sort());
  for (const rail of rails) expect(railModules[rail].rail).toBe(rail);
});

test("every rail has its own client_ref_id letter", () => {
  expect(Object.keys(railRefLetters).sort()).toEqual([...rails].sort());
  const letters = Object.values(railRefLetters);
  expect(new Set(letters).size).toBe(letters.length);
});

test.each(Object.keys(ekoCalls) as EkoCallName[])(
  "%s belongs to a registered rail and its client_ref_id starts with that rail's letter",
  (name) => {
    const { rail } = ekoCalls[name];
    expect(rails).toContain(rail);
    const ref = newClientRefId(name);
    expect(ref.startsWith(railRefLetters[rail])).toBe(true);
    expect(ref.length).toBeLessThanOrEqual(20);
  },
);
