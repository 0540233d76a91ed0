/**
 * `/_emulator/*`: the control surface over HTTP for out-of-process use (CLI emulator, e2e
 * tests). Guarded by the same API key as the API; never rate limited or faulted.
 */
import type { EmulatorControl } from '../control.ts';
import type { WebhookDeliveryOptions } from '../webhooks/dispatcher.ts';
import { ok, routeNotFound, type ApiResponse } from './api-response.ts';

function field(body: unknown, name: string): unknown {
  return body !== null && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
}

function optionalString(body: unknown, name: string): string | undefined {
  const v = field(body, name);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new Error(`"${name}" must be a string.`);
  return v;
}

export function createAdminHandler(control: EmulatorControl) {
  return async (method: string, path: string, query: URLSearchParams, body: unknown): Promise<ApiResponse> => {
    const route = `${method} ${path.replace(/^\/_emulator/, '') || '/'}`;
    switch (route) {
      case 'GET /health':
        return ok({ ok: true });
      case 'GET /scenarios':
        return ok({ scenarios: control.scenarios() });
      case 'POST /step': {
        const scenario = optionalString(body, 'scenario');
        const directoryId = optionalString(body, 'directory_id');
        return ok(control.step(scenario, directoryId !== undefined ? { directoryId } : {}));
      }
      case 'POST /clock': {
        const scenario = optionalString(body, 'scenario') ?? 'demo';
        const interval = field(body, 'interval_ms');
        control.startClock(scenario, typeof interval === 'number' ? interval : 5000);
        return ok({ running: true, scenario });
      }
      case 'DELETE /clock':
        control.stopClock();
        return ok({ running: false });
      case 'GET /faults':
        return ok(control.faults());
      case 'PUT /faults':
      case 'POST /faults': {
        const spec = field(body, 'spec');
        return ok(
          control.setFaults(
            typeof spec === 'string' ? spec : ((body ?? {}) as Parameters<EmulatorControl['setFaults']>[0]),
          ),
        );
      }
      case 'DELETE /faults':
        return ok(control.setFaults(null));
      case 'GET /stats':
        return ok(control.stats());
      case 'DELETE /stats':
        control.resetStats();
        return ok(control.stats());
      case 'GET /truth': {
        const directoryId = query.get('directory') ?? undefined;
        return ok(control.truth(directoryId !== undefined ? { directoryId } : {}));
      }
      case 'GET /counts': {
        const directoryId = query.get('directory') ?? undefined;
        return ok(control.counts(directoryId !== undefined ? { directoryId } : {}));
      }
      case 'GET /events':
        return ok({ events: control.events() });
      case 'GET /webhooks':
        return ok({ endpoints: control.webhooks.endpoints(), deliveries: control.webhooks.deliveries() });
      case 'POST /webhooks': {
        const url = optionalString(body, 'url');
        if (url !== undefined) control.webhooks.add(url);
        const delivery = field(body, 'delivery');
        if (delivery !== undefined) control.webhooks.configure(delivery as WebhookDeliveryOptions);
        return ok({ endpoints: control.webhooks.endpoints() });
      }
      case 'DELETE /webhooks': {
        const url = optionalString(body, 'url') ?? query.get('url') ?? '';
        control.webhooks.remove(url);
        return ok({ endpoints: control.webhooks.endpoints() });
      }
      default:
        return routeNotFound(method, path);
    }
  };
}
