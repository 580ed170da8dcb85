import { loadConfig } from './config.ts';

// `mci <command>`: the one entry point for every process type (architecture §1).
const USAGE = `Usage: mci <command>
  start        serve the web app and the API (and run the jobs, unless MCI_ROLE=api)
  worker       run background jobs only (for scaling out on PostgreSQL)
  migrate      apply database migrations
  seed         load the demo data (idempotent)
  backup FILE  embedded database (PGlite): write a consistent backup, also while the server runs
  restore FILE embedded database (PGlite): restore a backup (server stopped; the old data is kept aside)
  bench-data   load large generated data: --tenants N --nominations N --partner-nominations N
  bench        run the benchmarks (see bench/README.md)`;

function arg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index > 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a non-negative integer`);
  return value;
}

async function main(): Promise<void> {
  const command = process.argv[2];
  const config = loadConfig();
  switch (command) {
    case 'start': {
      const started = Date.now();
      const { startServer } = await import('./main/runtime.ts');
      const server = await startServer(config);
      const url = server.address.replace('0.0.0.0', 'localhost');
      const lines = [
        `MCI Customers is running: ${url}  (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
      ];
      lines.push(
        `  Database: ${server.runtime.handle.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`,
      );
      lines.push(`  API reference: ${url}/api/docs`);
      if (server.runtime.demoUsers) {
        lines.push('  Demo sign-ins (password "demo"):');
        for (const u of server.runtime.demoUsers) lines.push(`    ${u.email.padEnd(30)} ${u.role}`);
      }
      console.log(lines.join('\n'));
      const { runUntilSignalled } = await import('./main/shutdown.ts');
      runUntilSignalled(config, (grace) => server.close(grace));
      return;
    }
    case 'worker': {
      const { createRuntime } = await import('./main/runtime.ts');
      const { startWorker } = await import('./jobs/worker.ts');
      const runtime = await createRuntime({ ...config, seedDemo: 'never' });
      await runtime.startQueue({ schedule: true });
      await startWorker(runtime.ctx, runtime.queue);
      console.log('MCI worker running');
      const { runUntilSignalled } = await import('./main/shutdown.ts');
      runUntilSignalled(config, (grace) => runtime.close(grace));
      return;
    }
    case 'migrate': {
      const { openConfiguredDatabase } = await import('./main/runtime.ts');
      const { migrateToLatest } = await import('./adapters/db/migrate.ts');
      const { withStartupLock } = await import('./main/startup-lock.ts');
      const handle = await openConfiguredDatabase(config);
      const applied = await withStartupLock(handle, () => migrateToLatest(handle.db));
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date');
      await handle.close();
      return;
    }
    case 'seed': {
      const { openConfiguredDatabase } = await import('./main/runtime.ts');
      const { migrateToLatest } = await import('./adapters/db/migrate.ts');
      const { seedDemo } = await import('./seed/demo.ts');
      const { withStartupLock } = await import('./main/startup-lock.ts');
      const handle = await openConfiguredDatabase(config);
      const { users } = await withStartupLock(handle, async () => {
        await migrateToLatest(handle.db);
        return seedDemo(handle.db, new Date());
      });
      console.log(`Demo data loaded. Sign-ins (password "demo"): ${users.map((u) => u.email).join(', ')}`);
      await handle.close();
      return;
    }
    case 'backup':
    case 'restore': {
      const file = process.argv[3];
      if (!file) throw new Error(`Usage: mci ${command} <file>`);
      const { backup, restore } = await import('./cli/backup.ts');
      console.log(await (command === 'backup' ? backup : restore)(config, file));
      // PGlite keeps the event loop alive for a while after close (a loaded dump's handles): done is done.
      return process.exit(0);
    }
    case 'bench-data': {
      const { openConfiguredDatabase } = await import('./main/runtime.ts');
      const { migrateToLatest } = await import('./adapters/db/migrate.ts');
      const { generateBenchData } = await import('./seed/bench-data.ts');
      const handle = await openConfiguredDatabase(config);
      await migrateToLatest(handle.db);
      await generateBenchData(handle.db, {
        tenants: arg('tenants', 1_000_000),
        nominations: arg('nominations', 200_000),
        partnerNominations: arg('partner-nominations', 50_000),
        now: new Date(),
        onProgress: (message) => console.log(message),
      });
      await handle.close();
      return;
    }
    case 'bench': {
      const { runBenchmarks } = await import('../bench/run.ts');
      await runBenchmarks(process.argv.slice(3));
      return;
    }
    default:
      console.log(USAGE);
      process.exitCode = command ? 1 : 0;
  }
}

main().catch((error: unknown) => {
  // The bench is a developer's tool: where it failed matters more than a short message.
  const detail = process.argv[2] === 'bench' && error instanceof Error ? `\n${error.stack}` : '';
  console.error(
    error instanceof Error
      ? `${error.message} ${String((error as { cause?: unknown }).cause ?? '')}${detail}`
      : error,
  );
  process.exit(1);
});
