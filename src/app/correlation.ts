import { AsyncLocalStorage } from 'node:async_hooks';

// The correlation id of the error shape (Fastify's request.id) follows the work a request causes: the
// HTTP layer runs each request inside `withCorrelation`, the job queue stamps the current id on every job
// it enqueues, and the worker runs each job inside the id it carries, so one id finds every log line of a
// request and of the jobs it queued.
const current = new AsyncLocalStorage<string>();

export function withCorrelation<T>(id: string, body: () => T): T {
  return current.run(id, body);
}

export function correlationId(): string | undefined {
  return current.getStore();
}
