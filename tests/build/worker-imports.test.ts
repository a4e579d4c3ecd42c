import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeOnlyImports } from '../../functions/hosts/check-worker-bundle.ts';
import { projectRoot } from '../support/server.ts';

describe('the Worker bundle check', () => {
  it('finds no Node-only module in the built Worker', () => {
    expect(nodeOnlyImports(join(projectRoot, 'dist/server'))).toEqual([]);
  });

  it('catches the file-system libSQL driver or node:fs sneaking into a bundle', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cqo-bundle-'));
    mkdirSync(join(dir, 'chunks'));
    writeFileSync(
      join(dir, 'entry.mjs'),
      'import { createClient } from "@libsql/client";\nconst scheme = "libsql";\n',
    );
    writeFileSync(join(dir, 'chunks', 'a.mjs'), 'import { readFile } from "node:fs/promises";\n');
    writeFileSync(join(dir, 'chunks', 'ok.mjs'), 'import { scrypt } from "node:crypto";\n');
    const found = nodeOnlyImports(dir);
    expect(found).toHaveLength(2);
    expect(found.join('\n')).toContain('@libsql/client');
    expect(found.join('\n')).toContain('node:fs/promises');
  });
});
