import fastJson from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { z } from 'zod';

// Responses are written by fast-json-stringify, compiled once per route and status from the JSON
// Schema of the route's zod contract (issue 12: parsing every response with zod at run time cost more
// than the database). What leaves the server is still exactly the contract's shape: only declared
// properties are written, and a missing required one is an error, as with zod.
export const contractSerializerCompiler: FastifySerializerCompiler<unknown> = ({ schema }) => {
  const json: Parameters<typeof fastJson>[0] =
    schema instanceof z.ZodType
      ? (z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as Parameters<typeof fastJson>[0])
      : (schema as Parameters<typeof fastJson>[0]);
  return fastJson(json) as (data: unknown) => string;
};
