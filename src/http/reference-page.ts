// A readable API reference without any third-party script or CDN: the page fetches the OpenAPI
// document and lists every operation with its parameters, request body and responses.
export function apiReferencePage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>MCI Customers API reference</title>
<link rel="icon" href="/favicon.svg">
<link rel="stylesheet" href="/api/docs/reference.css">
</head><body><main id="main"><h1>MCI Customers API reference</h1>
<p>OpenAPI document: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a></p>
<div id="ops" aria-live="polite">Loading…</div></main>
<script src="/api/docs/reference.js"></script></body></html>`;
}

export const REFERENCE_CSS = `body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fff}
main{max-width:60rem;margin:0 auto;padding:1rem}h2{margin-top:2rem;border-bottom:1px solid #ccc}
.op{border:1px solid #ddd;border-radius:6px;padding:.5rem 1rem;margin:.75rem 0}
.m{font-weight:700;display:inline-block;min-width:4.5rem}code,pre{font-family:ui-monospace,monospace;font-size:13px}
pre{background:#f5f5f5;padding:.5rem;overflow:auto;max-height:20rem}a{color:#0f5ea8}
@media (prefers-color-scheme: dark){body{background:#1b1b1b;color:#eee}pre{background:#2b2b2b}.op{border-color:#444}a{color:#8cc4ff}}`;

export const REFERENCE_JS = `(async function () {
  var box = document.getElementById('ops');
  var doc = await (await fetch('/api/v1/openapi.json')).json();
  var byTag = {};
  Object.keys(doc.paths).forEach(function (path) {
    Object.keys(doc.paths[path]).forEach(function (method) {
      var op = doc.paths[path][method];
      var tag = (op.tags && op.tags[0]) || 'other';
      (byTag[tag] = byTag[tag] || []).push({ path: path, method: method.toUpperCase(), op: op });
    });
  });
  box.textContent = '';
  Object.keys(byTag).sort().forEach(function (tag) {
    var h = document.createElement('h2'); h.textContent = tag; box.appendChild(h);
    byTag[tag].forEach(function (e) {
      var d = document.createElement('details'); d.className = 'op';
      var s = document.createElement('summary');
      var m = document.createElement('span'); m.className = 'm'; m.textContent = e.method;
      var p = document.createElement('code'); p.textContent = e.path;
      s.appendChild(m); s.appendChild(p); s.appendChild(document.createTextNode(' ' + (e.op.summary || '')));
      d.appendChild(s);
      var pre = document.createElement('pre');
      pre.textContent = JSON.stringify({ parameters: e.op.parameters, requestBody: e.op.requestBody, responses: e.op.responses }, null, 2);
      d.appendChild(pre); box.appendChild(d);
    });
  });
})();`;
