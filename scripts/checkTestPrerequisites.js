// The first step of `npm test`: the UI and integration tests drive VS Code in
// Debian's Chromium, and Chinese text renders as empty boxes without a CJK
// font. Without either the run would fail minutes in with a stack trace, so
// this stops it in its first second with one line naming the install command.
// Plain JavaScript, because it runs before anything is compiled.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

/** Whether an executable called `command` is on PATH. */
function onPath(command) {
  return (process.env.PATH || '')
    .split(path.delimiter)
    .filter((dir) => dir !== '')
    .some((dir) => {
      try {
        fs.accessSync(path.join(dir, command), fs.constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}

/** Asks fontconfig, which Chromium uses to pick fonts, for any font covering Chinese. */
function hasCjkFont() {
  const probe = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  return probe.status === 0 && probe.stdout.trim() !== '';
}

function main() {
  const missing = [];
  if (!onPath('chromium')) {
    missing.push({ what: 'chromium is not on PATH', packages: ['chromium'] });
  }
  if (!onPath('fc-list')) {
    missing.push({ what: 'fc-list (fontconfig) is missing, so no CJK font can be found', packages: ['fontconfig', 'fonts-noto-cjk'] });
  } else if (!hasCjkFont()) {
    missing.push({ what: 'fc-list :lang=zh finds no font for Chinese', packages: ['fonts-noto-cjk'] });
  }
  if (missing.length === 0) {
    return 0;
  }
  const packages = missing.flatMap((item) => item.packages);
  const sudo = typeof process.getuid === 'function' && process.getuid() === 0 ? '' : 'sudo ';
  console.error(
    `Inkwell's tests need Chromium and a CJK font; ${missing.map((item) => item.what).join(' and ')}: ${sudo}apt-get install ${packages.join(' ')}`,
  );
  return 1;
}

process.exitCode = main();
