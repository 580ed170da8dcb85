import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.ts';

/** What a repository runs its SQL on: the pool, or one transaction (the store binds it). */
export type Q = Kysely<Database> | Transaction<Database>;
