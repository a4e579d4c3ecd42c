import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/server.ts';

describe('the Cloudflare Worker bundle', () => {
  it('is built by npm run build and passes wrangler deploy --dry-run offline', () => {
    expect(existsSync(join(projectRoot, 'dist/server/entry.mjs'))).toBe(true);
    const outdir = mkdtempSync(join(tmpdir(), 'cqo-worker-'));
    const out = execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', outdir], {
      cwd: projectRoot,
      encoding: 'utf8',
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' },
    });
    expect(out).toContain('--dry-run: exiting now.');
    expect(out).toMatch(/env\.FILES/);
    expect(out).toMatch(/env\.ASSETS/);
  });
});
