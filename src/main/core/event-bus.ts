/** Push events from the core to whichever transports are listening (IPC windows, SSE clients). */
import { consoleEvents, type ConsoleEventPayloads, type EventName } from '../../shared/api.ts';

export type EventListener = <K extends EventName>(name: K, payload: ConsoleEventPayloads[K]) => void;

export class EventBus {
  private readonly listeners = new Set<EventListener>();

  /** Validates against the contract before anything leaves the core. */
  emit<K extends EventName>(name: K, payload: ConsoleEventPayloads[K]): void {
    const parsed = consoleEvents[name].parse(payload) as ConsoleEventPayloads[K];
    for (const listener of this.listeners) listener(name, parsed);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}
