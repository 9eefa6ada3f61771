import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { test, expect, checkScreen } from '../fixtures';
import { setUpAndOpen } from '../pages/auth-pages';
import { CirculationPanel, seedApprovedCase, seedDirectory } from '../pages/circulation-pages';

/*
 * The built app finds its PDF fonts (out/main/fonts) and embeds them: a pack whose Nominating Officers have Polish,
 * Turkish and Vietnamese names is previewed by pdf.js under the app's CSP from the pack's own fonts, and the saved
 * file, read by poppler, holds every name as written, with every font embedded.
 */

const NAMES = ['Agnieszka Wóźniak-Łęcka', 'Şahin Advocacy', 'Nguyễn Thị Ánh', 'Łódź & Kraków Housing'];

let out: string;
test.beforeEach(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'reciprocal-e2e-fonts-'));
});
test.afterEach(() => fs.rmSync(out, { recursive: true, force: true }));

test('a pack with names outside Windows-1252 previews and saves with embedded fonts', async ({ app, harness }) => {
  test.slow();
  await setUpAndOpen(app);
  const d = await seedDirectory(harness);
  const c = await seedApprovedCase(harness, d.landlord, {
    nominatingOfficers: [
      { name: NAMES[0]!, organisation: NAMES[1]!, role: 'IDVA', phone: '020 7946 0123', email: 'agnieszka@example.org', secureEmail: '' },
      { name: NAMES[2]!, organisation: NAMES[3]!, role: 'Social Worker', phone: '020 7946 0124', email: 'anh@example.gov.uk', secureEmail: '' },
    ],
  });
  const circulation = new CirculationPanel(app);
  await circulation.openCase(c.id);
  await circulation.preview();
  await checkScreen(app, 'pack-preview-fonts');

  const file = path.join(out, `${c.reference} property request.pdf`);
  harness.dialogs.saveQueue.push(file);
  await circulation.panel.getByLabel(/Encrypt the pack/).uncheck();
  await circulation.send();
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).normalize('NFC');
  for (const name of NAMES) expect(text).toContain(name);
  const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '');
  expect(fonts.length).toBeGreaterThan(0);
  // Columns from the end: emb sub uni object generation.
  for (const line of fonts) expect(line.trim().split(/\s+/).slice(-5, -2), line).toEqual(['yes', 'yes', 'yes']);
});
