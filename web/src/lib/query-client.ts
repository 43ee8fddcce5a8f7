import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { type ApiRequestError, isApiRequestError } from "./api-error.ts";

declare module "@tanstack/react-query" {
  interface Register {
    queryMeta: { skipAuthRedirect?: boolean };
    mutationMeta: { skipAuthRedirect?: boolean };
  }
}

type Options = {
  /** Any API answer of 401 (session ended, idle timeout): the app sends the agent to sign-in. */
  onUnauthenticated: (error: ApiRequestError) => void;
};

function isUnauthenticated(
  error: unknown,
  meta: { skipAuthRedirect?: boolean } | undefined,
): error is ApiRequestError {
  return isApiRequestError(error) && error.status === 401 && !meta?.skipAuthRedirect;
}

export function createQueryClient({ onUnauthenticated }: Options): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (isUnauthenticated(error, query.meta)) onUnauthenticated(error);
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (isUnauthenticated(error, mutation.meta)) onUnauthenticated(error);
      },
    }),
    defaultOptions: {
      queries: {
        // Reads may be retried once on a network blip; an answer from the server is final.
        retry: (failureCount, error) =>
          failureCount < 1 && isApiRequestError(error) && error.status === 0,
        refetchOnWindowFocus: false,
        staleTime: 10_000,
      },
      // Writes to Eko are never repeated behind the agent's back (OTP sends, onboarding).
      mutations: { retry: false },
    },
  });
}
