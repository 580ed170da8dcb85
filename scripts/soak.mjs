#!/usr/bin/env node
// `npm run soak -- --db pglite|postgres --iterations N`: kill -9 soak of the real server (quality §3.8).
// PostgreSQL: a throw-away PostgreSQL 15 server is started like the tests do (postgresql-15 needed).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../test/soak/soak-main.ts');
process.exitCode = await main(process.argv.slice(2));
