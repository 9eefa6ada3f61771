// Runs @doyensec/electronegativity over a folder with no network: the tool fetches translations from the internet
// when it starts (and copes when that fails). `got` is replaced by a stub that refuses at once and counts the
// attempts, so the scan is the same offline and on. Prints the findings as JSON on stdout.
import Module, { createRequire } from 'node:module';

let networkAttempts = 0;
const refuse = () => {
  networkAttempts++;
  return Promise.reject(new Error('network disabled for the scan'));
};
const originalLoad = Module._load;
Module._load = function loadStubbed(request, parent, isMain) {
  if (request === 'got') return Object.assign(refuse, { default: refuse, get: refuse });
  return originalLoad.call(this, request, parent, isMain);
};
// The tool prints a line when translations are unavailable; keep stdout for the JSON.
// eslint-disable-next-line no-console -- redirecting the tool's own output, not logging
console.log = (...args) => process.stderr.write(`${args.join(' ')}\n`);

// The tool is CommonJS and loads `got` with require, which the hook above intercepts.
const load = createRequire(import.meta.url);
const run = load('@doyensec/electronegativity');
const input = process.argv[2];
run({ input, electronVersionOverride: process.argv[3], isRelative: true, severitySet: 'informational', confidenceSet: 'tentative' })
  .then((result) => {
    const issues = result.issues.map((i) => ({
      id: i.id,
      severity: i.severity.name,
      confidence: i.confidence.name,
      file: i.file,
      line: i.location.line,
      manualReview: Boolean(i.manualReview),
    }));
    const errors = result.errors.map((e) => ({ file: e.file, message: String(e.message), tolerable: Boolean(e.tolerable) }));
    process.stdout.write(JSON.stringify({ issues, errors, networkAttempts }));
  })
  .catch((err) => {
    process.stderr.write(String(err && err.stack));
    process.exit(1);
  });
