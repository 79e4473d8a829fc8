// Copies the web UI's static files (HTML, CSS) next to its compiled scripts in dist/web.
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const src = 'web';
const out = 'dist/web';
mkdirSync(out, { recursive: true });
for (const name of readdirSync(src)) {
  if (name.endsWith('.html') || name.endsWith('.css') || name.endsWith('.svg')) cpSync(path.join(src, name), path.join(out, name));
}
if (existsSync('web/tsconfig.json')) {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'web/tsconfig.json'], { stdio: 'inherit' });
}
