import fc from "fast-check";

/*
 * Arbitraries for hostile input, shared by the console API and sandbox fuzz
 * tests: strings no form would produce, values of the wrong type, bodies
 * that are not JSON, and near-valid values built from a JSON Schema (the
 * OpenAPI document's), so a run gets past the validator often enough to
 * reach the handlers too.
 */

export type JsonSchema = {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  pattern?: string;
  maxLength?: number;
  items?: JsonSchema;
};

/** Code units a browser form never sends: lone surrogates, NUL, bidi overrides, BOM, zero-width. */
const ODD_UNITS = [
  "\uD800",
  "\uDBFF",
  "\uDC00",
  "\uDFFF",
  "\u0000",
  "\u202E",
  "\u200F",
  "\u202A",
  "\uFEFF",
  "\u200B",
  "\u0301",
  "\n",
  "\r",
  "\t",
  '"',
  "\\",
  "%",
  "'",
];
const NASTY = [
  "",
  " ",
  "null",
  "undefined",
  "NaN",
  "0",
  "-1",
  "1e309",
  "[]",
  "{}",
  "' OR 1=1 --",
  "<script>alert(1)</script>",
  "../../etc/passwd",
  "%00",
  "%FF%FE",
  "{{7*7}}",
  "__proto__",
  "constructor",
  "\u202Egnp.exe",
  "مرحبا\u200F123",
  "𝕏𝕐ℤ",
  "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇",
];

/** Odd, but short enough for a URL (Node's parser answers a bare 431 past 16 KB of headers). */
export const shortOddString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom(...ODD_UNITS), maxLength: 12 }) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.string({ maxLength: 8 }),
        fc.constantFrom(...ODD_UNITS),
        fc.string({ maxLength: 8 }),
      )
      .map((parts) => parts.join("")),
  },
  { weight: 2, arbitrary: fc.constantFrom(...NASTY) },
);

export const oddString: fc.Arbitrary<string> = fc.oneof(
  { weight: 10, arbitrary: shortOddString },
  // Huge, yet under the 64 KB body limit, so the validator (not the limit) has to cope.
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 300, max: 30_000 }), fc.constantFrom("x", "9", "é", "\u0000"))
      .map(([length, unit]) => unit.repeat(length)),
  },
);

export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(1e308, -0, Number.MAX_SAFE_INTEGER + 2),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  fc.dictionary(shortOddString, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
);

export type FromSchemaOptions = {
  /** Hostile strings to mix in (short ones for URLs). */
  odd?: fc.Arbitrary<string>;
  /** Valid values by property name, for fields whose schema has no pattern (a transform or refinement). */
  examples?: Record<string, unknown[]>;
};

/** A value the schema (and the examples) would accept. */
function validFor(
  schema: JsonSchema,
  examples: Record<string, unknown[]>,
  name?: string,
): fc.Arbitrary<unknown> {
  const known = name ? examples[name] : undefined;
  if (known) return fc.constantFrom(...known);
  switch (schema.type) {
    case "object":
      return fc.record(
        Object.fromEntries(
          Object.entries(schema.properties ?? {}).map(([key, sub]) => [
            key,
            validFor(sub, examples, key),
          ]),
        ),
      );
    case "string":
      if (schema.enum) return fc.constantFrom(...(schema.enum as string[]));
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
      return fc.string({ maxLength: schema.maxLength ?? 40 });
    case "integer":
    case "number":
      return fc.integer();
    case "boolean":
      return schema.enum ? fc.constantFrom(...(schema.enum as boolean[])) : fc.boolean();
    case "array":
      return fc.array(validFor(schema.items ?? {}, examples), { maxLength: 3 });
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Own property writes, so "__proto__" stays a key and never touches the prototype. */
function withKey(value: Record<string, unknown>, key: string, item: unknown) {
  const copy = { ...value };
  Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true });
  return copy;
}

/**
 * Mostly a valid value with exactly one thing wrong: one field hostile
 * (recursively, for nested objects), one field missing, or an unknown key
 * added — one fault at a time gets past everything else to the check that has
 * to catch it. Sometimes wholly valid, sometimes wholly hostile.
 */
export function fromSchema(
  schema: JsonSchema | undefined,
  options: FromSchemaOptions = {},
): fc.Arbitrary<unknown> {
  const { odd = oddString, examples = {} } = options;
  if (!schema) return fc.jsonValue({ maxDepth: 2 });
  const valid = validFor(schema, examples);
  const hostile = fc.oneof({ weight: 2, arbitrary: odd }, { weight: 1, arbitrary: wrongType });
  const keys = Object.keys(schema.properties ?? {});
  if (schema.type !== "object" || keys.length === 0) {
    return fc.oneof({ weight: 1, arbitrary: valid }, { weight: 1, arbitrary: hostile });
  }
  const base = valid as fc.Arbitrary<Record<string, unknown>>;
  const broken = keys.map((key) =>
    fc
      .tuple(base, fromSchema(schema.properties?.[key], options))
      .map(([value, item]) => withKey(value, key, item)),
  );
  const missing = keys.map((key) =>
    base.map((value) => Object.fromEntries(Object.entries(value).filter(([k]) => k !== key))),
  );
  const extraKey = fc.oneof(
    shortOddString,
    fc.constantFrom("__proto__", "constructor", "role", "agentId", "userCode"),
  );
  const extra = fc
    .tuple(base, extraKey, fc.jsonValue({ maxDepth: 2 }))
    .map(([value, key, item]) => withKey(value, key, item));
  return fc.oneof(
    { weight: 1, arbitrary: valid },
    { weight: 4, arbitrary: fc.oneof(...broken) },
    { weight: 1, arbitrary: fc.oneof(...missing) },
    { weight: 1, arbitrary: extra },
    { weight: 1, arbitrary: hostile },
  );
}

export type RawBody = { contentType: string | null; body: string | Uint8Array | undefined };

const CONTENT_TYPES = [
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=xyz",
  "application/xml",
  "application/json; charset=utf-16",
  "APPLICATION/JSON",
  "application/vnd.api+json",
  "*/*",
  "application/json, text/plain",
  "garbage",
];

/** A request body: mostly JSON of `value`, else malformed JSON, invalid UTF-8, no body, or another content type. */
export function rawBody(value: fc.Arbitrary<unknown>): fc.Arbitrary<RawBody> {
  const json = value.map((item) => JSON.stringify(item) ?? "null");
  return fc.oneof(
    { weight: 6, arbitrary: json.map((body) => ({ contentType: "application/json", body })) },
    {
      weight: 1,
      arbitrary: fc.tuple(json, fc.nat()).map(([body, cut]) => ({
        contentType: "application/json",
        body: body.slice(0, cut % (body.length + 1)),
      })),
    },
    { weight: 1, arbitrary: oddString.map((body) => ({ contentType: "application/json", body })) },
    {
      weight: 1,
      arbitrary: fc
        .uint8Array({ minLength: 1, maxLength: 64 })
        .map((body) => ({ contentType: "application/json", body })),
    },
    { weight: 1, arbitrary: fc.constant({ contentType: null, body: undefined }) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...CONTENT_TYPES), json)
        .map(([contentType, body]) => ({ contentType, body })),
    },
  );
}

/** Any generated value as URL text (JSON for non-strings; fast-check's dictionaries have no prototype). */
export function asText(value: unknown): string {
  return typeof value === "string" ? value : (JSON.stringify(value) ?? "undefined");
}

/** Percent-encodes every byte (lone surrogates become U+FFFD, as a browser would send them). */
export function encodeSegment(value: string): string {
  return [...Buffer.from(value, "utf8")]
    .map((byte) => `%${byte.toString(16).padStart(2, "0").toUpperCase()}`)
    .join("");
}
