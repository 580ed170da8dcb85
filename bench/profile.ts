import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/adapters/db/database.ts';
import { migrateToLatest } from '../src/adapters/db/migrate.ts';
import { BENCH_IDS, BENCH_USER_EMAIL, benchTenantDomain, generateBenchData } from '../src/seed/bench-data.ts';
import { seedDemo } from '../src/seed/demo.ts';
import { startPostgres } from '../test/support/postgres-server.ts';
import { importFile } from './imports.ts';
import { loadFromAnotherProcess } from './load.ts';

// Issue 12, "profile first, then change": CPU profiles (node --cpu-prof) of the real server
// (`mci start`, as it ships) under load from a second process, for the session read, the list and the
// add, on PostgreSQL and on PGlite, and of a CSV import (issue 14: what stands between the import and
// its 5,000 rows/s). `npm run bench -- --profile [--label=before] [--workloads=import,add]` prints, for
// each, the 15 functions with the most self time and their share of the busy time, and writes the
// profiles to bench/profiles/<label>/.

const SIZE = { tenants: 100_000, nominations: 20_000, partnerNominations: 5_000 };
const LOAD_SECONDS = 10;
const CONNECTIONS = 20;
const ADDS = 600;
const IMPORTED = 2_000;

type Workload = 'session' | 'list' | 'add' | 'import';
const WORKLOADS: readonly Workload[] = ['session', 'list', 'add', 'import'];
/** Bench tenants each workload uses up (fresh customers nobody knows). */
const TENANTS_USED: Record<Workload, number> = { session: 0, list: 0, add: ADDS, import: IMPORTED };
interface Summary {
  database: string;
  workload: Workload;
  throughput: string;
  top: { fn: string; where: string; share: number }[];
}

function spawnServer(
  env: Record<string, string>,
  profileDir: string,
): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(
    process.execPath,
    [`--cpu-prof`, `--cpu-prof-dir=${profileDir}`, 'bin/mci.mjs', 'start'],
    {
      env: { ...process.env, PORT: '0', MCI_SEED_DEMO: 'never', LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 180_000);
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = /running: (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, base: match[1]!.replace('localhost', '127.0.0.1') });
      }
    });
    child.stderr!.on('data', (chunk) => {
      out += chunk;
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

async function signIn(base: string) {
  const response = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: BENCH_USER_EMAIL, password: 'demo' }),
  });
  if (!response.ok) throw new Error(`sign-in: ${response.status}`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie: response.headers.getSetCookie()[0]!.split(';')[0]!, csrfToken };
}

async function addLoad(base: string, auth: { cookie: string; csrfToken: string }, firstTenant: number) {
  const file = join(mkdtempSync(join(tmpdir(), 'mci-prof-')), 'add-load.json');
  writeFileSync(
    file,
    JSON.stringify({
      url: `${base}/api/v1/nominations`,
      cookie: auth.cookie,
      csrf: auth.csrfToken,
      concurrency: CONNECTIONS,
      emails: Array.from({ length: ADDS }, (_, i) => `it@${benchTenantDomain(firstTenant + i)}`),
      body: { origin: 'add', locationId: BENCH_IDS.location, engagementIds: [BENCH_IDS.engagement] },
    }),
  );
  const child = spawn(process.execPath, ['bench/add-load.mjs', file], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (c) => {
    out += c;
  });
  await new Promise((r) => child.on('close', r));
  return JSON.parse(out) as { created: number; perSecond: number; p95: number };
}

/** Uploads a CSV of `IMPORTED` rows (3 % bad) and waits for the job to complete it. */
async function importLoad(base: string, auth: { cookie: string; csrfToken: string }, firstTenant: number) {
  const { csv, bad } = importFile(firstTenant, IMPORTED);
  const headers = { cookie: auth.cookie, 'x-csrf-token': auth.csrfToken };
  const started = performance.now();
  const upload = await fetch(`${base}/api/v1/nomination-imports`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'text/csv' },
    body: csv,
  });
  if (upload.status !== 202) throw new Error(`import: upload answered ${upload.status}`);
  const { id } = (await upload.json()) as { id: string };
  for (;;) {
    const progress = (await (await fetch(`${base}/api/v1/nomination-imports/${id}`, { headers })).json()) as {
      status: string;
      created: number;
      failed: number;
    };
    if (progress.status === 'completed' || progress.status === 'failed') {
      if (progress.failed !== bad.size) throw new Error(`import: ${JSON.stringify(progress)}`);
      return { ...progress, perSecond: IMPORTED / ((performance.now() - started) / 1000) };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** Self time per function (name, file and line), as shares of the time the thread was busy. */
export function topSelfTime(
  profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] },
  n = 15,
) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(idle)') return;
    const delta = profile.timeDeltas[i] ?? 0;
    busy += delta;
    const url = frame.url
      .replace(/^file:\/\//, '')
      .replace(/^.*\/node_modules\//, '')
      .replace(process.cwd(), '.');
    const key = `${frame.functionName || '(anonymous)'}\u0000${url ? `${url}:${frame.lineNumber + 1}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + delta);
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([key, time]) => {
      const [fn, where] = key.split('\u0000') as [string, string];
      return { fn, where, share: time / busy };
    });
}

async function profileWorkload(
  database: string,
  env: Record<string, string>,
  workload: Workload,
  dir: string,
  firstTenant: number,
): Promise<Summary> {
  const profileDir = join(dir, `${database}-${workload}`);
  // A profile left by an earlier run under the same label must not be read as this one's.
  rmSync(profileDir, { recursive: true, force: true });
  mkdirSync(profileDir, { recursive: true });
  const { child, base } = await spawnServer(env, profileDir);
  try {
    const auth = await signIn(base);
    let throughput: string;
    if (workload === 'add') {
      const result = await addLoad(base, auth, firstTenant);
      throughput = `${Math.round(result.perSecond)} adds/s, p95 ${Math.round(result.p95)} ms (${result.created} created)`;
    } else if (workload === 'import') {
      const result = await importLoad(base, auth, firstTenant);
      throughput = `${Math.round(result.perSecond)} rows/s (${IMPORTED} rows: ${result.created} created, ${result.failed} failed)`;
    } else {
      const url =
        workload === 'session'
          ? `${base}/api/v1/session`
          : `${base}/api/v1/engagements/${BENCH_IDS.engagement}/customers?tab=eligible&maxpagesize=50`;
      const result = await loadFromAnotherProcess(url, {
        connections: CONNECTIONS,
        seconds: LOAD_SECONDS,
        headers: { cookie: auth.cookie },
      });
      throughput = `${Math.round(result.rps)} req/s, p50 ${result.p50} ms`;
    }
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error(`no profile in ${profileDir}`);
    const top = topSelfTime(JSON.parse(readFileSync(join(profileDir, file), 'utf8')));
    return { database, workload, throughput, top };
  } finally {
    child.kill('SIGKILL');
  }
}

export async function runProfiles(args: string[]): Promise<void> {
  const label = args.find((a) => a.startsWith('--label='))?.slice('--label='.length) ?? 'latest';
  const dir = join(process.cwd(), 'bench/profiles', label);
  mkdirSync(dir, { recursive: true });
  const summaries: Summary[] = [];
  const chosen = args.find((a) => a.startsWith('--workloads='))?.slice('--workloads='.length);
  const workloads = chosen ? WORKLOADS.filter((w) => chosen.split(',').includes(w)) : WORKLOADS;

  const server = await startPostgres();
  try {
    const admin = await openDatabase({ kind: 'postgres', url: server.url('postgres'), poolSize: 1 });
    await admin.executor.executeSql('create database profile');
    await admin.close();
    const url = server.url('profile');
    const pg = await openDatabase({ kind: 'postgres', url, poolSize: 4 });
    await migrateToLatest(pg.db);
    await seedDemo(pg.db, new Date());
    await generateBenchData(pg.db, { ...SIZE, now: new Date() });
    await pg.close();
    let first = SIZE.nominations + 1;
    for (const workload of workloads) {
      summaries.push(await profileWorkload('postgres', { DATABASE_URL: url }, workload, dir, first));
      first += TENANTS_USED[workload];
    }
  } finally {
    server.stop();
  }

  const dataDir = mkdtempSync(join(tmpdir(), 'mci-prof-lite-'));
  const lite = await openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pglite') });
  await migrateToLatest(lite.db);
  await seedDemo(lite.db, new Date());
  await generateBenchData(lite.db, { ...SIZE, now: new Date() });
  await lite.close();
  let first = SIZE.nominations + 1;
  for (const workload of workloads) {
    summaries.push(await profileWorkload('pglite', { MCI_DATA_DIR: dataDir }, workload, dir, first));
    first += TENANTS_USED[workload];
  }

  const lines = [`## Profiles: ${label} (${new Date().toISOString().slice(0, 10)})`, ''];
  for (const s of summaries) {
    lines.push(
      `### ${s.database}, ${s.workload}: ${s.throughput}`,
      '',
      '| # | self time | function | where |',
      '|---|---|---|---|',
    );
    for (const [i, t] of s.top.entries()) {
      lines.push(
        `| ${i + 1} | ${(t.share * 100).toFixed(1)} % | \`${t.fn}\` | ${t.where ? `\`${t.where}\`` : ''} |`,
      );
    }
    lines.push('');
  }
  const text = lines.join('\n');
  writeFileSync(join(dir, 'summary.md'), text);
  console.log(text);
}
