// A load generator in its own process (so it does not share the server's event loop): POSTs one
// add-customer request per email, `concurrency` at a time, and prints latencies and throughput as JSON.
// Usage: node bench/add-load.mjs <file with JSON: {url, cookie, csrf, body, emails, concurrency}>
import { readFileSync } from 'node:fs';

const { url, cookie, csrf, body, emails, concurrency } = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const latencies = [];
let next = 0;
let created = 0;
const failures = {};
const started = performance.now();
async function worker() {
  while (next < emails.length) {
    const email = emails[next++];
    const t = performance.now();
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie,
        'x-csrf-token': csrf,
        'idempotency-key': `bench-${email}`,
      },
      body: JSON.stringify({ ...body, email }),
    });
    await response.arrayBuffer();
    latencies.push(performance.now() - t);
    if (response.status === 201) created++;
    else failures[response.status] = (failures[response.status] ?? 0) + 1;
  }
}
await Promise.all(Array.from({ length: concurrency }, worker));
const seconds = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
console.log(
  JSON.stringify({ created, failures, seconds, perSecond: created / seconds, p50: pct(0.5), p95: pct(0.95) }),
);
