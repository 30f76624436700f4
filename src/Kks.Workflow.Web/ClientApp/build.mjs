// Bundles the browser code into ../wwwroot/dist (a build output, git-ignored).
// Run by the web project's MSBuild target after `npm ci`; by hand: `npm run build` (add --dev for readable output).
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const dev = process.argv.includes('--dev');

await esbuild.build({
  absWorkingDir: here,
  entryPoints: {
    designer: 'src/designer.js',
    viewer: 'src/viewer.js',
    'form-editor': 'src/form-editor.js',
    'form-viewer': 'src/form-viewer.js',
    dashboard: 'src/dashboard.js'
  },
  outdir: path.join(here, '..', 'wwwroot', 'dist'),
  bundle: true,
  format: 'iife',
  target: [ 'es2020' ],
  minify: !dev,
  sourcemap: dev ? 'inline' : false,
  legalComments: 'linked',
  // The fonts and images the stylesheets reference are copied beside the bundles.
  loader: {
    '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.eot': 'file', '.svg': 'file', '.png': 'file'
  },
  assetNames: 'assets/[name]-[hash]',
  define: { 'process.env.NODE_ENV': dev ? '"development"' : '"production"' },
  logLevel: 'warning'
});
