// `node --import <this file>` (or a worker's execArgv) installs ts-hooks.mjs.
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
