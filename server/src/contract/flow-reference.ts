/**
 * The reference an agent reads out or writes down for a flow: "EK-7KQ2-M9PD".
 * A pure function of the flow id, so the server (audit rows, search) and the
 * browser (the slip) derive the same one without another column in FlowView.
 * It is a label, not a secret and not a lookup key by itself: 40 bits of a
 * 64-bit FNV-1a hash, in Crockford base 32 (no I, L, O, U: nothing to misread).
 */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = (1n << 64n) - 1n;

function fnv1a64(text: string): bigint {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * FNV_PRIME) & MASK_64;
  }
  return hash;
}

export function flowReference(flowId: string): string {
  let bits = fnv1a64(flowId) >> 24n;
  let code = "";
  for (let i = 0; i < 8; i++) {
    code = ALPHABET[Number(bits & 31n)] + code;
    bits >>= 5n;
  }
  return `EK-${code.slice(0, 4)}-${code.slice(4)}`;
}

export const flowReferencePattern = /^EK-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/**
 * What an agent types back: any case, spaces or no dashes, and the letters
 * people confuse with digits (O→0, I/L→1), as Crockford base 32 allows.
 * Null when it cannot be a reference.
 */
export function parseFlowReference(input: string): string | null {
  const compact = input
    .toUpperCase()
    .replace(/[\s-]/g, "")
    .replace(/^EK/, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (!/^[0-9A-HJKMNP-TV-Z]{8}$/.test(compact)) return null;
  return `EK-${compact.slice(0, 4)}-${compact.slice(4)}`;
}
