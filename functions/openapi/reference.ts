/** A readable HTML reference of the API, rendered from the OpenAPI document: no script, works in any browser. */
import { html, raw } from 'hono/html';
import { openApiDocument } from './document.ts';

type Op = {
  tags: string[];
  summary: string;
  description: string;
  parameters: { name: string; in: string; required: boolean; schema: object }[];
  requestBody?: { content: Record<string, { schema: object }> };
  responses: Record<string, { description: string }>;
};

export function referencePage() {
  const doc = openApiDocument();
  const entries = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods as Record<string, Op>).map(([method, op]) => ({ path, method, op })),
  );
  const tags = [...new Set(entries.map((e) => e.op.tags[0] ?? ''))];
  const anchor = (method: string, path: string) => `${method}-${path.replace(/[^a-z0-9]+/gi, '-')}`;
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>接口说明 - 吉林省旅游行业首席质量官平台</title>
<style>
body{font-family:system-ui,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;max-width:60rem;margin:0 auto;padding:1rem;line-height:1.6;color:#1b1f24}
a{color:#0b4a8b}code,pre{font-family:ui-monospace,monospace;font-size:.9em}pre{background:#f2f5f9;padding:.75rem;overflow-x:auto;max-height:24rem}
.m{display:inline-block;min-width:4.5em;font-weight:700;text-transform:uppercase}table{border-collapse:collapse;width:100%}td,th{border:1px solid #c9d1db;padding:.3rem .5rem;text-align:left;vertical-align:top}
section{border-top:1px solid #c9d1db;margin-top:1.5rem}details{margin:.5rem 0}
</style>
</head>
<body>
<main>
<h1>接口说明</h1>
<p>${doc.info.description}</p>
<p>机器可读版本：<a href="/api/openapi.json">/api/openapi.json</a>（OpenAPI 3.1）。</p>
<nav aria-label="接口目录"><ul>
${tags.map((tag) => html`<li>${tag}<ul>${entries.filter((e) => e.op.tags[0] === tag).map((e) => html`<li><a href="#${anchor(e.method, e.path)}"><span class="m">${e.method}</span> <code>${e.path}</code></a></li>`)}</ul></li>`)}
</ul></nav>
${entries.map(
  ({ path, method, op }) => html`<section aria-labelledby="${anchor(method, path)}">
<h2 id="${anchor(method, path)}"><span class="m">${method}</span> <code>${path}</code></h2>
<p>${op.summary}</p><p>${op.description}</p>
${op.parameters.length ? html`<table><caption>参数</caption><thead><tr><th scope="col">名称</th><th scope="col">位置</th><th scope="col">必填</th><th scope="col">类型</th></tr></thead><tbody>${op.parameters.map((p) => html`<tr><td><code>${p.name}</code></td><td>${p.in}</td><td>${p.required ? '是' : '否'}</td><td><code>${JSON.stringify(p.schema)}</code></td></tr>`)}</tbody></table>` : ''}
${op.requestBody ? Object.entries(op.requestBody.content).map(([type, c]) => html`<details><summary>请求体（${type}）</summary><pre>${raw(escapeHtml(JSON.stringify(c.schema, null, 2)))}</pre></details>`) : ''}
<table><caption>响应</caption><tbody>${Object.entries(op.responses).map(([status, r]) => html`<tr><th scope="row">${status}</th><td>${r.description}</td></tr>`)}</tbody></table>
</section>`,
)}
</main>
</body>
</html>`;
}

function escapeHtml(s: string) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
