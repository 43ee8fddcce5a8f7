/**
 * Reading an Eko request the way Eko's docs allow it (eko-api.md §5.2): GET
 * parameters in the query; POST/PUT bodies as JSON or urlencoded (both are
 * documented), with common parameters also tolerated in the query string for
 * legacy clients. Anything else on a write is 415.
 */
export type Params = Record<string, unknown>;

export type ReadResult =
  | { kind: "ok"; params: Params }
  | { kind: "unsupported-media-type"; contentType: string }
  | { kind: "malformed"; reason: string };

const JSON_TYPE = "application/json";
const FORM_TYPE = "application/x-www-form-urlencoded";

function fromSearchParams(search: URLSearchParams): Params {
  const params: Params = {};
  for (const [rawKey, value] of search) {
    // PHP-style `residence_address[]=…` and repeated keys both make a list.
    const key = rawKey.endsWith("[]") ? rawKey.slice(0, -2) : rawKey;
    const existing = params[key];
    if (existing === undefined) params[key] = rawKey.endsWith("[]") ? [value] : value;
    else params[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return params;
}

export async function readParams(request: {
  method: string;
  url: string;
  header: (name: string) => string | undefined;
  text: () => Promise<string>;
}): Promise<ReadResult> {
  const query = fromSearchParams(new URL(request.url).searchParams);
  if (request.method === "GET") return { kind: "ok", params: query };

  const contentType =
    (request.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const body = await request.text();
  if (contentType === "" && body.trim() === "") return { kind: "ok", params: query };
  if (contentType === FORM_TYPE) {
    return { kind: "ok", params: { ...query, ...fromSearchParams(new URLSearchParams(body)) } };
  }
  if (contentType !== JSON_TYPE) {
    return { kind: "unsupported-media-type", contentType: contentType || "(none)" };
  }
  if (body.trim() === "") return { kind: "ok", params: query };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { kind: "malformed", reason: "Request body is not valid JSON" };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return { kind: "malformed", reason: "Request body must be a JSON object" };
  }
  return { kind: "ok", params: { ...query, ...(parsed as Params) } };
}

/**
 * A scalar parameter as text. Eko documents `otp`, `otp_ref_id`, `intent_id`
 * and `service_code` as integers while real values are strings (§13), so
 * numbers and strings are read alike. Empty text counts as absent.
 */
export function text(params: Params, name: string): string | undefined {
  const value = params[name];
  if (typeof value === "string") return value === "" ? undefined : value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

/**
 * `residence_address`: an array of strings in JSON; in a form, repeated keys
 * or one field holding JSON text ("array of strings … in JSON format", §8
 * A.2). A plain string is a one-line address, in either encoding, so JSON and
 * urlencoded bodies get the same answer.
 */
export function textList(params: Params, name: string): string[] | undefined | "invalid" {
  const value = params[name];
  if (value === undefined || value === "") return undefined;
  let list: unknown = value;
  if (typeof value === "string") {
    if (!value.trim().startsWith("[")) return [value];
    try {
      list = JSON.parse(value);
    } catch {
      return "invalid";
    }
  }
  if (!Array.isArray(list)) return "invalid";
  const lines = list.map((item) => (typeof item === "number" ? String(item) : item));
  return lines.every((line) => typeof line === "string") ? (lines as string[]) : "invalid";
}
