/**
 * Run after `astro build`: fails the build when a Node-only module reached the Worker bundle (dist/server).
 * Every module specifier in the bundle is collected — static `from`, bare `import "x"`, dynamic `import()`,
 * `require()` and the bundler's `__require()` — and checked against two lists: the Node built-ins workerd
 * provides under nodejs_compat (anything else built in, such as the file system, processes or sockets, is
 * refused), and packages that only run in Node (native drivers, the Node server adapter, test tooling).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve } from 'node:path';

/** Node built-ins that workerd implements with the nodejs_compat flag and that this app may use. */
const workerdBuiltins = new Set([
  'assert',
  'async_hooks',
  'buffer',
  'crypto',
  'diagnostics_channel',
  'events',
  'path',
  'process',
  'stream',
  'string_decoder',
  'timers',
  'url',
  'util',
  'zlib',
]);

/** Packages (and their subpaths) that need Node: file-system drivers, the Node server, test tooling. */
const nodeOnlyPackages = [
  /^@libsql\/client(\/node|\/sqlite3)?$/,
  /^@libsql\/(linux|darwin|win32)-/,
  /^libsql$/,
  /^better-sqlite3$/,
  /^@hono\/node-server/,
  /^drizzle-orm\/libsql(\/node)?$/,
  /^@tursodatabase\//,
  // SMTP needs sockets: the Worker sends e-mail through its send_email binding instead.
  /^nodemailer(\/|$)/,
  /^(vitest|playwright-core|miniflare|wrangler)(\/|$)/,
];

/** Names of the test-only libSQL endpoint, which must never be shipped. */
const testOnly = /tursodb|libsql-endpoint/;

const specifier = /(?:\bfrom\s*|\bimport\s*\(?\s*|\b(?:__)?require\s*\(\s*)["']([^"'\n]+)["']/g;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : /\.[mc]?js$/.test(name) ? [path] : [];
  });
}

/** Why `spec` may not be in a Worker bundle, or undefined when it may. */
function refusal(spec: string): string | undefined {
  const builtin = spec.startsWith('node:') ? spec.slice(5) : builtinModules.includes(spec) ? spec : undefined;
  if (builtin !== undefined) {
    return workerdBuiltins.has(builtin.split('/')[0] as string) ? undefined : 'Node 内置模块，workerd 不提供';
  }
  return nodeOnlyPackages.some((p) => p.test(spec)) ? '只能在 Node 中运行的包' : undefined;
}

/** One line per offending import in the bundle at `serverDir` (prerendering output excluded). */
export function nodeOnlyImports(serverDir: string): string[] {
  const found: string[] = [];
  for (const file of walk(serverDir)) {
    if (file.includes(`${join('.prerender')}`)) continue;
    const text = readFileSync(file, 'utf8');
    const where = relative(serverDir, file);
    for (const [, spec] of text.matchAll(specifier)) {
      const why = spec === undefined ? undefined : refusal(spec);
      if (why) found.push(`${where}: "${spec}"（${why}）`);
    }
    const leak = text.match(testOnly);
    if (leak) found.push(`${where}: ${leak[0]}（测试专用的 libSQL 端点）`);
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
