/**
 * Server state of the webhook workbench. The inbox and the receiver status are queries kept
 * fresh by the core's `webhookReceived` push (no polling); one-shot actions are mutations.
 */
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { ListInboxInput } from '../../../../shared/api';
import { callApi, useApiQuery, type ApiInput } from '../../api/queries';

export function useReceiverStatus() {
  return useApiQuery('getWebhookReceiverStatus');
}

export function useInboxItem(id: number | null) {
  return useApiQuery('getInboxItem', { id: id ?? 1 }, { enabled: id !== null });
}

export function useReceiverControl() {
  const client = useQueryClient();
  const onSuccess = (status: unknown) => {
    client.setQueryData(['getWebhookReceiverStatus', null], status);
  };
  const start = useMutation({
    mutationFn: (input: ApiInput<'startWebhookReceiver'>) => callApi('startWebhookReceiver', input),
    onSuccess,
  });
  const stop = useMutation({ mutationFn: () => callApi('stopWebhookReceiver'), onSuccess });
  return { start, stop };
}

export function useVerifyWebhook() {
  return useMutation({ mutationFn: (input: ApiInput<'verifyWebhook'>) => callApi('verifyWebhook', input) });
}

export function useParsePaste() {
  return useMutation({ mutationFn: (text: string) => callApi('parseWebhookPaste', { text }) });
}

export function useDiffPayloads() {
  return useMutation({ mutationFn: (input: ApiInput<'diffPayloads'>) => callApi('diffPayloads', input) });
}

export function useResignAndSend() {
  return useMutation({ mutationFn: (input: ApiInput<'resignAndSend'>) => callApi('resignAndSend', input) });
}

export function useExportInboxItem() {
  return useMutation({ mutationFn: (input: ApiInput<'exportInboxItem'>) => callApi('exportInboxItem', input) });
}

/** The inbox as keyset pages; "load more" fetches the next page with the cursor. */
export function useInboxPages(filters: Omit<ListInboxInput, 'cursor'>) {
  return useInfiniteQuery({
    queryKey: ['listInbox', filters, 'pages'],
    queryFn: ({ pageParam }) => callApi('listInbox', { ...filters, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: (previous) => previous,
  });
}
