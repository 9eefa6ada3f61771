#!/usr/bin/env node
// Runs a command with environment variables set, on every platform: `node scripts/with-env.mjs A=1 B=2 -- cmd args`.
// npm scripts run in cmd.exe on Windows, where `A=1 cmd` is not a thing; this avoids a dependency such as cross-env.
import { spawn } from 'node:child_process';

const args = process.argv.slice(2);
const split = args.indexOf('--');
if (split < 1 || split === args.length - 1) {
  console.error('Usage: node scripts/with-env.mjs NAME=value [NAME=value …] -- command [args …]');
  process.exit(2);
}
const env = { ...process.env };
for (const pair of args.slice(0, split)) {
  const eq = pair.indexOf('=');
  if (eq < 1) {
    console.error(`Not NAME=value: ${pair}`);
    process.exit(2);
  }
  env[pair.slice(0, eq)] = pair.slice(eq + 1);
}
const [command, ...rest] = args.slice(split + 1);
// npm puts node_modules/.bin on PATH; on Windows its commands are .cmd shims, which only a shell can start.
const child = spawn(command, rest, { stdio: 'inherit', env, shell: process.platform === 'win32' });
child.on('error', (err) => {
  console.error(`Could not start ${command}: ${err.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
