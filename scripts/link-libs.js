// Lets compiled code require('@oms/<lib>'): Node finds dist/node_modules/@oms/<lib>, a link to the compiled lib.
const { mkdirSync, readdirSync, rmSync, symlinkSync } = require('node:fs');
const { join } = require('node:path');

const scope = join(__dirname, '..', 'dist', 'node_modules', '@oms');
rmSync(scope, { recursive: true, force: true });
mkdirSync(scope, { recursive: true });
for (const lib of readdirSync(join(__dirname, '..', 'libs'))) symlinkSync(join('..', '..', 'libs', lib, 'src'), join(scope, lib), 'dir');
