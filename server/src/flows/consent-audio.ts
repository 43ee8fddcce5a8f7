import type { Env } from "../env.ts";
import { ApiProblem } from "../http/problem.ts";

/*
 * Eko's consent recording (§9 B.6 `audioUrl`) reaches the browser only
 * through our server: the page's CSP stays `media-src 'self'` and the
 * customer's browser never contacts a third party. Only allow-listed origins
 * are fetched, redirects are refused (they could leave the list), and the
 * download is bounded in time and size.
 */

export const CONSENT_AUDIO_LIMITS = { maxBytes: 8 * 1024 * 1024, timeoutMs: 15_000 } as const;

/** PayPoint's host from Eko's sample; in sandbox mode also the sandbox's own origin. */
export function consentAudioOrigins(env: Pick<Env, "sandbox" | "eko">): string[] {
  const origins = ["https://paypointindia.co.in", "https://www.paypointindia.co.in"];
  if (env.sandbox && env.eko.baseUrl) origins.push(new URL(env.eko.baseUrl).origin);
  return origins;
}

function refused(message: string): ApiProblem {
  return new ApiProblem("upstream_bad_response", `Consent audio refused: ${message}`);
}

/** The audio as a streamed response, or an ApiProblem saying why not. */
export async function fetchConsentAudio(
  audioUrl: string,
  options: { allowedOrigins: string[]; maxBytes: number; timeoutMs: number },
): Promise<Response> {
  let url: URL;
  try {
    url = new URL(audioUrl);
  } catch {
    throw refused("not a URL");
  }
  if (!options.allowedOrigins.includes(url.origin)) throw refused(`${url.host} is not allowed`);
  let upstream: Response;
  try {
    upstream = await fetch(url, {
      redirect: "manual",
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const timeout = error instanceof Error && error.name === "TimeoutError";
    throw new ApiProblem(
      timeout ? "upstream_timeout" : "upstream_unavailable",
      "The consent audio could not be fetched",
    );
  }
  const type = upstream.headers.get("content-type") ?? "";
  const length = Number(upstream.headers.get("content-length") ?? "0");
  if (upstream.status !== 200 || !upstream.body) {
    await upstream.body?.cancel();
    throw refused(`HTTP ${upstream.status}`);
  }
  if (!/^audio\/[\w.+-]+/i.test(type) || length > options.maxBytes) {
    await upstream.body.cancel();
    throw refused(length > options.maxBytes ? "too large" : `content type ${type || "missing"}`);
  }
  let seen = 0;
  const capped = upstream.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > options.maxBytes) controller.error(new Error("consent audio too large"));
        else controller.enqueue(chunk);
      },
    }),
  );
  return new Response(capped, {
    status: 200,
    headers: {
      "content-type": type,
      ...(length > 0 ? { "content-length": String(length) } : {}),
      "cache-control": "private, no-store",
    },
  });
}
