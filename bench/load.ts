import { spawn } from 'node:child_process';

// Load from a second process (autocannon's CLI), so the load generator does not share the event
// loop of the server it measures.
export function loadFromAnotherProcess(
  url: string,
  options: { connections: number; seconds: number; headers?: Record<string, string> },
): Promise<{ rps: number; p50: number; p99: number }> {
  const args = [
    'node_modules/autocannon/autocannon.js',
    '-j',
    '-c',
    String(options.connections),
    '-d',
    String(options.seconds),
  ];
  for (const [k, v] of Object.entries(options.headers ?? {})) args.push('-H', `${k}=${v}`);
  args.push(url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        const result = JSON.parse(out);
        if (code !== 0 || result.non2xx > 0 || result.errors > 0)
          throw new Error(`${url}: exit ${code}, ${result.non2xx} non-2xx, ${result.errors} errors`);
        resolve({ rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 });
      } catch (error) {
        reject(error);
      }
    });
  });
}
