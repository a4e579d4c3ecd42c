/**
 * Run after `astro build`: fails the build when a Node-only module reached the Worker bundle (dist/server).
 * workerd provides node:crypto and friends under nodejs_compat, but not the file system, processes, sockets,
 * native drivers, the Node server adapter or test tooling.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const forbidden = [
  /from\s*["'](node:)?(fs|fs\/promises|child_process|net|tls|dgram|cluster|worker_threads|http2?)["']/,
  /from\s*["']@libsql\/client["']/,
  /["']@libsql\/(linux|darwin|win32)-[^"']+["']/,
  /(from\s*|require\(\s*|import\(\s*)["']libsql["']/,
  /from\s*["']@hono\/node-server/,
  /from\s*["']drizzle-orm\/libsql["']/,
  /tursodb|libsql-endpoint/,
];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : /\.m?js$/.test(name) ? [path] : [];
  });
}

export function nodeOnlyImports(serverDir: string): string[] {
  const found: string[] = [];
  for (const file of walk(serverDir)) {
    if (file.includes(`${join('.prerender')}`)) continue;
    const text = readFileSync(file, 'utf8');
    for (const pattern of forbidden) {
      const match = text.match(pattern);
      if (match) found.push(`${relative(serverDir, file)}: ${match[0]}`);
    }
  }
  return found;
}

if (import.meta.main) {
  const serverDir = resolve(process.argv[2] ?? 'dist/server');
  const found = nodeOnlyImports(serverDir);
  if (found.length > 0) {
    console.error('Worker 打包结果中出现了只能在 Node 中运行的模块：');
    for (const f of found) console.error(`  ${f}`);
    process.exit(1);
  }
  console.log(`Worker bundle check: ${walk(serverDir).length} files, no Node-only modules.`);
}
