import { describe, expect, it } from 'vitest';
import { routesFromTree, routesUnder } from './route-tree.ts';

const TREE = [
  '└── /',
  '    ├── api/v1/operator/claims (GET, HEAD)',
  '    │   └── /:nominationId (GET, HEAD)',
  '    │       ├── /files/:kind (GET, HEAD)',
  '    │       └── /decisions (POST)',
  '    ├── api/v1/operator/engagements (GET, HEAD, POST)',
  '    │   └── /:engagementId (GET, HEAD, PATCH)',
  '    └── api/v1/session (GET, HEAD, POST, DELETE)',
  '',
].join('\n');

describe('route tree', () => {
  it('rebuilds every full path with its methods from the printed tree', () => {
    expect(routesUnder(TREE, '/api/v1/operator/')).toEqual([
      { method: 'GET', path: '/api/v1/operator/claims' },
      { method: 'GET', path: '/api/v1/operator/claims/:nominationId' },
      { method: 'GET', path: '/api/v1/operator/claims/:nominationId/files/:kind' },
      { method: 'POST', path: '/api/v1/operator/claims/:nominationId/decisions' },
      { method: 'GET', path: '/api/v1/operator/engagements' },
      { method: 'POST', path: '/api/v1/operator/engagements' },
      { method: 'GET', path: '/api/v1/operator/engagements/:engagementId' },
      { method: 'PATCH', path: '/api/v1/operator/engagements/:engagementId' },
    ]);
    expect(routesFromTree(TREE).filter((r) => r.path === '/api/v1/session')).toHaveLength(4);
  });
});
