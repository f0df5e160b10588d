// One build script, two bundles: the extension (Node, CommonJS, `vscode` external)
// and the chat webview (browser, IIFE). `--production` minifies and drops
// sourcemaps; `--watch` rebuilds and prints the lines VS Code's
// `$esbuild-watch` problem matcher waits for. A one-off build prints only errors.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const metafile = process.argv.includes('--metafile');

/**
 * Prints errors in the format problem matchers read and, in watch mode only,
 * the start/finish markers: they mean nothing to a one-off build, which would
 * print them once per bundle.
 */
const problemMatcherPlugin = {
  name: 'esbuild-problem-matcher',
  setup(build) {
    build.onStart(() => {
      if (watch) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

/** @type {import('esbuild').BuildOptions} */
const shared = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'silent',
  metafile,
  plugins: [problemMatcherPlugin],
};

/** @type {import('esbuild').BuildOptions[]} */
const bundles = [
  {
    ...shared,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    // Loaded on demand by the extension (TokenCounter), never on activation.
    ...shared,
    entryPoints: ['src/generation/exactTokenizer.ts'],
    outfile: 'dist/tokenizer.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...shared,
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];

async function main() {
  const contexts = await Promise.all(bundles.map((options) => esbuild.context(options)));
  if (watch) {
    await Promise.all(contexts.map((ctx) => ctx.watch()));
    return;
  }
  // A failed rebuild rejects with the errors the plugin has already printed;
  // throwing it on would add a stack trace to a plain syntax error.
  const settled = await Promise.allSettled(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
  const failures = settled.filter((outcome) => outcome.status === 'rejected').map((outcome) => outcome.reason);
  if (failures.length > 0) {
    for (const reason of failures) {
      if (!(reason && Array.isArray(reason.errors) && reason.errors.length > 0)) console.error(reason);
    }
    process.exitCode = 1;
    return;
  }
  const results = settled.map((outcome) => outcome.value);
  if (metafile) {
    const fs = require('fs');
    fs.mkdirSync('dist', { recursive: true });
    fs.writeFileSync('dist/meta.json', JSON.stringify(results[0].metafile));
    fs.writeFileSync('dist/meta-webview.json', JSON.stringify(results[results.length - 1].metafile));
  }
  if (results.some((r) => r.errors.length > 0)) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
