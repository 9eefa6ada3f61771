import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/*
 * @doyensec/electronegativity over the app's own source (main, preload, contract, renderer), run the way `npm test`
 * runs everything: offline. Every high or medium finding must be fixed or explained in SECURITY.md's table of
 * findings, by its check's id; a new finding fails here until it is one or the other.
 */

const ROOT = path.resolve(import.meta.dirname, '../../..');

interface Finding {
  id: string;
  severity: string;
  confidence: string;
  file: string;
  line: number;
}

function explainedInSecurityMd(): Map<string, string> {
  const text = fs.readFileSync(path.join(ROOT, 'SECURITY.md'), 'utf8');
  const section = text.split(/^## /m).find((s) => s.startsWith('Electronegativity findings')) ?? '';
  const rows = section.split('\n').filter((l) => /^\| `[A-Z_]+` \|/.test(l));
  return new Map(rows.map((l) => [/`([A-Z_]+)`/.exec(l)![1]!, l]));
}

describe('electronegativity', () => {
  const scan = fs.mkdtempSync(path.join(os.tmpdir(), 'reciprocal-electronegativity-'));
  afterAll(() => fs.rmSync(scan, { recursive: true, force: true }));

  it('finds nothing high or medium that SECURITY.md does not explain, without going online', { timeout: 120_000 }, () => {
    // The scan sees the whole app at once: its global checks (CSP, navigation limits, permission handler) look for
    // code in main while scanning the renderer.
    for (const dir of ['main', 'preload', 'contract', 'renderer/src']) fs.cpSync(path.join(ROOT, dir), path.join(scan, dir), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'renderer/index.html'), path.join(scan, 'renderer/index.html'));
    const electron = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies[
      'electron'
    ]!;
    const out = execFileSync(process.execPath, [path.join(import.meta.dirname, 'electronegativity-offline.mjs'), scan, electron.replace(/^[\^~]/, '')], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const result = JSON.parse(out) as { issues: Finding[]; errors: { file: string; message: string }[]; networkAttempts: number };

    // Every file parsed: a file the tool cannot read is a file it did not check.
    expect(result.errors).toEqual([]);
    const explained = explainedInSecurityMd();
    const unexplained = result.issues.filter((i) => (i.severity === 'HIGH' || i.severity === 'MEDIUM') && !explained.has(i.id));
    expect(unexplained, 'explain each in SECURITY.md or fix it').toEqual([]);
    // The ones fixed stay fixed.
    for (const fixed of [
      'AUXCLICK_JS_CHECK',
      'CONTEXT_ISOLATION_JS_CHECK',
      'SANDBOX_JS_CHECK',
      'NODE_INTEGRATION_JS_CHECK',
      'LIMIT_NAVIGATION_GLOBAL_CHECK',
      'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
    ]) {
      expect(result.issues.map((i) => i.id)).not.toContain(fixed);
    }
    // And SECURITY.md does not explain findings that are gone: the table is what the scan finds today.
    for (const id of explained.keys())
      expect(
        result.issues.map((i) => i.id),
        `${id} is explained but no longer found`,
      ).toContain(id);
  });
});
