import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeOnlyImports } from '../../functions/hosts/check-worker-bundle.ts';
import { projectRoot } from '../support/server.ts';

function bundle(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cqo-bundle-'));
  mkdirSync(join(dir, 'chunks'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('the Worker bundle check', () => {
  it('finds no Node-only module in the built Worker', () => {
    expect(nodeOnlyImports(join(projectRoot, 'dist/server'))).toEqual([]);
  });

  it('catches every way a Node-only module can be imported', () => {
    const offenders = {
      'entry.mjs': 'import { createClient } from "@libsql/client";\n',
      'chunks/a.mjs': 'import { readFile } from "node:fs/promises";\n',
      'chunks/b.mjs': 'import "fs";\n',
      'chunks/c.mjs': 'const m = await import("node:child_process");\n',
      'chunks/d.cjs': 'const net = require("net");\n',
      'chunks/e.mjs': 'var os = __require("node:os");\n',
      'chunks/f.mjs': 'import Database from "better-sqlite3";\n',
      'chunks/g.mjs': 'import { serve } from "@hono/node-server";\n',
      'chunks/h.mjs': 'import { drizzle } from "drizzle-orm/libsql/node";\n',
      'chunks/i.mjs': 'const endpoint = "libsql-endpoint";\n',
      'chunks/j.js': 'import { x } from "@libsql/linux-x64-gnu";\n',
    };
    const found = nodeOnlyImports(bundle(offenders));
    expect(found).toHaveLength(Object.keys(offenders).length);
    for (const name of Object.keys(offenders)) expect(found.join('\n')).toContain(join(name));
  });

  it('lets through what workerd provides and the HTTP libSQL client', () => {
    const found = nodeOnlyImports(
      bundle({
        'entry.mjs': [
          'import { scrypt } from "node:crypto";',
          'import { Buffer } from "node:buffer";',
          'import { AsyncLocalStorage } from "node:async_hooks";',
          'import { createClient } from "@libsql/client/web";',
          'import { drizzle } from "drizzle-orm/libsql/web";',
          'import { env } from "cloudflare:workers";',
        ].join('\n'),
      }),
    );
    expect(found).toEqual([]);
  });
});
