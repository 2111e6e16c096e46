// Builds the web UI into target/dist: one bundle (app.js, app.css) from src/, index.html, and
// Label Studio's prebuilt editor copied as it ships (loaded only by the screens that show it).
// Nothing is fetched at run time: every script and style is served by the platform.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, rmSync } from 'node:fs';

const out = 'target/dist';
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await esbuild.build({
  entryPoints: { app: 'src/app.jsx' },
  bundle: true,
  minify: true,
  sourcemap: true,
  format: 'esm',
  target: ['chrome110', 'firefox110', 'safari16'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  outdir: out,
  logLevel: 'warning',
});
cpSync('src/index.html', `${out}/index.html`);
const editor = 'node_modules/@heartexlabs/label-studio/build/static';
cpSync(`${editor}/js/main.js`, `${out}/vendor/label-studio/main.js`);
cpSync(`${editor}/js/main.js.LICENSE.txt`, `${out}/vendor/label-studio/main.js.LICENSE.txt`);
cpSync(`${editor}/css/main.css`, `${out}/vendor/label-studio/main.css`);
console.log(`web UI built into ${out}`);
