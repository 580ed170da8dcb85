// The app's route table, read from Fastify's own registry (`app.printRoutes({ commonPrefix: false })`),
// so that matrix tests enumerate every route instead of a hand-written list (quality §3.1, §3.2).

export interface RouteEntry {
  method: string;
  path: string;
}

/** Parses the tree printed by printRoutes({ commonPrefix: false }) into (method, full path) pairs. */
export function routesFromTree(tree: string): RouteEntry[] {
  const stack: string[] = [];
  const routes: RouteEntry[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:│ {3}| {4})*)[├└]── (\S+)(?: \(([^)]*)\))?\s*$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    stack.push(m[2]!);
    if (!m[3]) continue;
    const path = stack.join('');
    for (const method of m[3].split(',').map((s) => s.trim())) if (method) routes.push({ method, path });
  }
  return routes;
}

/** Every route whose path starts with `prefix`, HEAD left out (Fastify adds it to every GET). */
export function routesUnder(tree: string, prefix: string): RouteEntry[] {
  return routesFromTree(tree).filter((r) => r.path.startsWith(prefix) && r.method !== 'HEAD');
}
