import type { FastifyReply } from 'fastify';
import type { Stored } from '../app/idempotency.ts';

/**
 * Answers a request made with an Idempotency-Key (quality §1, Stripe semantics): the first result, or
 * the stored one with `Idempotent-Replayed: true`, with the status it had.
 */
export function sendIdempotent<T>(reply: FastifyReply, result: Stored<T>) {
  if (result.replayed) reply.header('idempotent-replayed', 'true');
  return reply.code(result.status).send(result.body);
}
