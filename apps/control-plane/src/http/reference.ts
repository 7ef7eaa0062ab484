/**
 * A readable reference of the OpenAPI document: a self-contained page (no CDN, nothing fetched but
 * /openapi.json from this server) listing every operation with its parameters, body and answers.
 */
export const referencePage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>planes control plane API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.6rem}h2{font-size:1.1rem;margin:1.6rem 0 .4rem;font-family:ui-monospace,monospace}
.m{display:inline-block;min-width:4.2em;padding:0 .4em;border-radius:4px;color:#fff;font-weight:600;text-align:center}
.get{background:#2b6cb0}.post{background:#2f855a}.delete{background:#c53030}
details{margin:.3rem 0 .3rem 1rem}pre{background:#f5f5f5;padding:.6rem;overflow:auto;font-size:12px}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:2px 8px;text-align:left;font-size:13px}
</style></head><body>
<h1>planes control plane API</h1><p id="intro">Loading <a href="/openapi.json">/openapi.json</a>…</p><div id="ops"></div>
<script>
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({"&":"&amp;","<":"&lt;",">":"&gt;",'"':"&quot;"})[c]);
fetch("/openapi.json").then((r) => r.json()).then((doc) => {
  document.getElementById("intro").innerHTML = esc(doc.info.description) + ' <a href="/openapi.json">(OpenAPI ' + esc(doc.openapi) + ')</a>';
  const ops = document.getElementById("ops");
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      let html = '<h2><span class="m ' + method + '">' + method.toUpperCase() + '</span> ' + esc(path) + '</h2><p>' + esc(op.summary || "") + '</p>';
      if (op.parameters && op.parameters.length) {
        html += '<table><tr><th>parameter</th><th>in</th><th>schema</th><th>notes</th></tr>' + op.parameters.map((p) =>
          '<tr><td>' + esc(p.name) + '</td><td>' + esc(p.in) + '</td><td>' + esc(JSON.stringify(p.schema)) + '</td><td>' + esc(p.description || "") + '</td></tr>').join("") + '</table>';
      }
      if (op.requestBody) {
        const ref = op.requestBody.content["application/json"].schema.$ref.split("/").pop();
        html += '<details><summary>request body: ' + esc(ref) + '</summary><pre>' + esc(JSON.stringify(doc.components.schemas[ref], null, 2)) + '</pre></details>';
      }
      html += '<details><summary>responses</summary><table>' + Object.entries(op.responses).map(([code, r]) =>
        '<tr><td>' + esc(code) + '</td><td>' + esc(r.description) + '</td></tr>').join("") + '</table></details>';
      ops.insertAdjacentHTML("beforeend", html);
    }
  }
}).catch((e) => { document.getElementById("intro").textContent = "Could not load /openapi.json: " + e; });
</script></body></html>`
