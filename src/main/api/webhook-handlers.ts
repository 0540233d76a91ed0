/**
 * Handlers for the webhook workbench methods. Secrets arrive in the inputs and stay here:
 * nothing returned or logged contains them (verdicts name the matching secret by index).
 */
import { ConsoleError, type ConsoleHandlers } from '../../shared/api.ts';
import type { CoreContext } from '../core/context.ts';
import { previewWebhookApply } from '../webhooks/apply-to-cache.ts';
import { bodyBytesFrom } from '../webhooks/body.ts';
import { parseWebhookPaste } from '../webhooks/paste-parser.ts';
import { diffPayloads } from '../webhooks/payload-diff.ts';
import { resignAndSend } from '../webhooks/resign-send.ts';
import { verifyWebhookDelivery } from '../webhooks/verify.ts';

type WebhookHandlers = Pick<
  ConsoleHandlers,
  | 'verifyWebhook'
  | 'parseWebhookPaste'
  | 'getWebhookReceiverStatus'
  | 'startWebhookReceiver'
  | 'stopWebhookReceiver'
  | 'listInbox'
  | 'getInboxItem'
  | 'diffPayloads'
  | 'resignAndSend'
  | 'replayInbox'
  | 'exportInboxItem'
  | 'previewWebhookApply'
>;

const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

export function webhookHandlers(ctx: CoreContext): WebhookHandlers {
  const service = ctx.webhooks;
  return {
    verifyWebhook: (input) => {
      if (input.bodyEncoding === 'base64' && !BASE64.test(input.body)) {
        throw new ConsoleError(
          'invalid_input',
          'body: not valid base64; send the exact bytes base64-encoded, or use bodyEncoding "text".',
        );
      }
      return verifyWebhookDelivery({
        body: bodyBytesFrom(input.body, input.bodyEncoding),
        header: input.header,
        secrets: input.secrets,
        toleranceMs: input.toleranceS * 1000,
        nowMs: input.nowMs ?? Date.now(),
      });
    },
    parseWebhookPaste: ({ text }) => parseWebhookPaste(text),
    getWebhookReceiverStatus: () => service.status(),
    startWebhookReceiver: (input) => service.start(input),
    stopWebhookReceiver: () => service.stop(),
    listInbox: ({ cursor, limit, ...filters }) => service.list(filters, limit, cursor),
    getInboxItem: ({ id }) => service.get(id),
    diffPayloads: ({ a, b }) => diffPayloads(a, b),
    resignAndSend: (input) => resignAndSend(input),
    replayInbox: (input) => service.replay(input),
    exportInboxItem: ({ id, format, url }) => service.export(id, format, url),
    previewWebhookApply: ({ body }) => previewWebhookApply(ctx.store.writer, body),
  };
}
