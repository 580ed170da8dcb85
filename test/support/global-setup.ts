import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/adapters/db/database.ts';
import { migrateToLatest } from '../../src/adapters/db/migrate.ts';
import { startPostgres } from './postgres-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplateUrl: string;
    pgAdminUrl: string;
    pgliteDump: string;
  }
}

// Once per run: start PostgreSQL 15 and migrate a template database; migrate one PGlite and dump its
// data dir (creating a PGlite data dir costs seconds; loading a dump is fast). Test files then clone.
export default async function setup(project: TestProject) {
  const server = await startPostgres();
  const admin = await openDatabase({ kind: 'postgres', url: server.url('postgres'), poolSize: 1 });
  await admin.executor.executeSql('create database mci_template');
  await admin.close();
  const template = await openDatabase({ kind: 'postgres', url: server.url('mci_template'), poolSize: 1 });
  await migrateToLatest(template.db);
  await template.close();

  const lite = await openDatabase({ kind: 'pglite' });
  await migrateToLatest(lite.db);
  const dump = await lite.pglite!.dumpDataDir('none');
  const dumpPath = join(tmpdir(), `mci-pglite-${process.pid}.tar`);
  writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
  await lite.close();

  project.provide('pgTemplateUrl', server.url('mci_template'));
  project.provide('pgAdminUrl', server.url('postgres'));
  project.provide('pgliteDump', dumpPath);
  return () => server.stop();
}
