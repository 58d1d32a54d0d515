// Runs one WASI command module on node (V8) several times in one process: the node counterpart of
// the Java harness dev.cortado.bench.InProcess, with the same options and the same output.
//
//   node wasi-run.mjs [--warmup W] [--runs R] [--max-seconds S] [--check REGEX] FILE.wasm [ARGS...]
//
// The module is compiled once; each run instantiates it afresh with a new WASI and runs _start.
// The guest's stdout of the first run goes to stdout (later runs must print the same, else exit 3;
// with --check, the same lines matching REGEX, for programs that also print their own timings);
// times go to stderr as "BENCH-WARMUP ns ..." and "BENCH-TIMES ns ...". --max-seconds stops warming
// up, and measuring, once that kind of run has taken that long (after one run of each at least).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { WASI } from 'node:wasi';

let warmup = 0;
let runs = 1;
let maxSeconds = Infinity;
let check = null;
const args = process.argv.slice(2);
while (args.length > 0 && args[0].startsWith('--')) {
  const option = args.shift();
  if (option === '--warmup') warmup = Number(args.shift());
  else if (option === '--runs') runs = Number(args.shift());
  else if (option === '--max-seconds') maxSeconds = Number(args.shift());
  else if (option === '--check') check = new RegExp(args.shift());
  else {
    console.error(`wasi-run: unknown option ${option}`);
    process.exit(2);
  }
}
if (args.length === 0 || !(runs >= 1) || !(warmup >= 0)) {
  console.error(
    'usage: node wasi-run.mjs [--warmup W] [--runs R] [--max-seconds S] [--check REGEX] FILE.wasm [ARGS...]',
  );
  process.exit(2);
}
const file = args[0];
const argv = [path.basename(file), ...args.slice(1)];

const module = await WebAssembly.compile(fs.readFileSync(file));
console.error(`BENCH-ENGINE node ${process.version} (V8 ${process.versions.v8}), node:wasi`);
// WASI writes to a file descriptor: give each run a fresh temporary file and read it back.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'wasi-run-'));
const outputPath = path.join(scratch, 'stdout');
let firstOutput = null;
const budget = BigInt(Math.round(Math.min(maxSeconds, 1e9) * 1e9));

// The part of an output that must be the same in every run.
function checked(output) {
  const text = output.toString('utf8');
  if (check === null) return text;
  return text
    .split('\n')
    .filter((line) => check.test(line))
    .map((line) => `${line}\n`)
    .join('');
}

// BENCH_CLOCK=cpu: runs are timed in this process's CPU time (user + system, all of node's threads)
// instead of wall time, as the JVM harness times its guest thread (bench --clock cpu).
const cpuClock = process.env.BENCH_CLOCK === 'cpu';
function now() {
  if (cpuClock) {
    const u = process.cpuUsage();
    return BigInt(u.user + u.system) * 1000n;
  }
  return process.hrtime.bigint();
}

// One run; exits if the guest fails or prints other than the first run did. Returns nanoseconds.
async function runOnce(index) {
  const fd = fs.openSync(outputPath, 'w+');
  const start = now();
  const wasi = new WASI({ version: 'preview1', args: argv, env: {}, stdout: fd, stderr: 2 });
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
  const status = wasi.start(instance);
  const elapsed = now() - start;
  fs.closeSync(fd);
  const output = fs.readFileSync(outputPath);
  if (firstOutput === null) {
    firstOutput = output;
  } else if (checked(output) !== checked(firstOutput)) {
    process.stdout.write(firstOutput);
    console.error(`wasi-run: run ${index} printed something else than run 1`);
    process.exit(3);
  }
  if (status !== 0) {
    process.stdout.write(output);
    console.error(`wasi-run: exit status ${status} in run ${index}`);
    process.exit(status);
  }
  return elapsed;
}

const warmupTimes = [];
const times = [];
try {
  let spent = 0n;
  for (let run = 0; run < warmup && (run === 0 || spent < budget); run++) {
    const t = await runOnce(warmupTimes.length + 1);
    warmupTimes.push(t);
    spent += t;
  }
  spent = 0n;
  for (let run = 0; run < runs && (run === 0 || spent < budget); run++) {
    const t = await runOnce(warmupTimes.length + times.length + 1);
    times.push(t);
    spent += t;
  }
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
process.stdout.write(firstOutput);
if (warmup > 0) console.error(`BENCH-WARMUP ${warmupTimes.join(' ')}`);
console.error(`BENCH-TIMES ${times.join(' ')}`);
