/**
 * Server state lives in react-query. Nothing polls: queries stay fresh until the core says a
 * table changed (`dataChanged`), which invalidates exactly the affected queries.
 */
import { QueryClient } from '@tanstack/react-query';
import { ApiCallError } from '../api/client';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: Infinity,
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
      // Retrying a validation or not-found error only delays the message the user needs.
      retry: (failureCount, error) =>
        failureCount < 2 && error instanceof ApiCallError && (error.code === 'network' || error.code === 'unavailable'),
    },
  },
});
