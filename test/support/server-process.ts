import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

// Runs the product as it ships (`bin/mci.mjs start` or `worker`) in a child process, for the tests of
// operations: crash safety, graceful stop, start-up races, database restarts, logs.

const ROOT = resolve(import.meta.dirname, '../..');

export interface MciProcess {
  proc: ChildProcess;
  /** Resolves with the base URL (`start`) or '' (`worker`) once it says it is running; rejects if it exits first. */
  ready: Promise<string>;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
}

export function spawnMci(command: 'start' | 'worker', env: Record<string, string | undefined>): MciProcess {
  const proc = spawn(process.execPath, ['bin/mci.mjs', command], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      LOG_LEVEL: 'silent',
      MCI_SEED_DEMO: 'never',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (chunk) => {
    out += chunk;
  });
  proc.stderr!.on('data', (chunk) => {
    out += chunk;
  });
  const exited = new Promise<number | string>((done) =>
    proc.once('exit', (code, signal) => done(code ?? signal ?? 'unknown')),
  );
  const ready = new Promise<string>((resolveReady, reject) => {
    const check = () => {
      const match = /running: (http:\/\/\S+)/.exec(out);
      if (match) return resolveReady(match[1]!.replace('localhost', '127.0.0.1'));
      if (command === 'worker' && /MCI worker running/.test(out)) return resolveReady('');
    };
    proc.stdout!.on('data', check);
    void exited.then((code) =>
      reject(new Error(`mci ${command} exited (${code}) before it was running:\n${out}`)),
    );
  });
  ready.catch(() => {});
  return { proc, ready, output: () => out, exited };
}

/** Kills with SIGKILL (if still running) and waits for the exit. */
export async function kill(p: MciProcess): Promise<void> {
  if (p.proc.exitCode === null && p.proc.signalCode === null) p.proc.kill('SIGKILL');
  await p.exited;
}
