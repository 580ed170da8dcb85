import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

// The SPA's route table (web/routes/routes.ts), read from its source: the module itself cannot be
// imported here (it pulls in React pages and a router that touches `window` when it loads). The
// parse is strict, so a row it cannot read fails the tests instead of being silently left out.

export type Access = 'signedOut' | 'signedIn' | 'public' | 'operator';

export interface RouteRow {
  path: string;
  access: Access;
}

const ACCESS: readonly Access[] = ['signedOut', 'signedIn', 'public', 'operator'];
export const ROUTES_FILE = join(process.cwd(), 'web/routes/routes.ts');

function stringProperty(row: ts.ObjectLiteralExpression, name: string, file: ts.SourceFile): string {
  const property = row.properties.find(
    (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(file) === name,
  );
  if (!property || !ts.isStringLiteralLike(property.initializer))
    throw new Error(`a route row without a literal '${name}': ${row.getText(file)}`);
  return property.initializer.text;
}

export function routeTable(): RouteRow[] {
  const file = ts.createSourceFile(
    ROUTES_FILE,
    readFileSync(ROUTES_FILE, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TS,
  );
  let table: ts.ArrayLiteralExpression | undefined;
  const visit = (node: ts.Node) => {
    if (
      ts.isVariableDeclaration(node) &&
      node.name.getText(file) === 'routes' &&
      node.initializer &&
      ts.isArrayLiteralExpression(node.initializer)
    )
      table = node.initializer;
    else ts.forEachChild(node, visit);
  };
  visit(file);
  if (!table) throw new Error(`no 'routes' array in ${ROUTES_FILE}`);
  return table.elements.map((element) => {
    if (!ts.isObjectLiteralExpression(element))
      throw new Error(`a route row that is not an object literal: ${element.getText(file)}`);
    const path = stringProperty(element, 'path', file);
    const access = stringProperty(element, 'access', file) as Access;
    if (!ACCESS.includes(access)) throw new Error(`route ${path}: unknown access '${access}'`);
    return { path, access };
  });
}
