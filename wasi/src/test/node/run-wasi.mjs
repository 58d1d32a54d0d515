// Runs a WASI command under node's own WASI (node:wasi, preview1), for differential tests:
//   node run-wasi.mjs [--dir HOST::GUEST]... [--env K=V]... MODULE.wasm [ARGS...]
// The guest's argv[0] is the module's base name; stdin, stdout and stderr are the process's; the
// exit status is the guest's.
import { WASI } from 'node:wasi';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { argv, exit } from 'node:process';

const preopens = {};
const env = {};
let i = 2;
for (; i < argv.length; i++) {
  if (argv[i] === '--dir') {
    const [host, guest] = argv[++i].split('::');
    preopens[guest ?? host] = host;
  } else if (argv[i] === '--env') {
    const kv = argv[++i];
    const eq = kv.indexOf('=');
    env[kv.slice(0, eq)] = kv.slice(eq + 1);
  } else {
    break;
  }
}
const module = argv[i];
// The guest's argv[0] is the module's name without .wasm, as the Java tests pass it.
const args = [basename(module, '.wasm'), ...argv.slice(i + 1)];
const wasi = new WASI({ version: 'preview1', args, env, preopens, returnOnExit: true });
const compiled = await WebAssembly.compile(readFileSync(module));
const instance = await WebAssembly.instantiate(compiled, wasi.getImportObject());
exit(wasi.start(instance));
