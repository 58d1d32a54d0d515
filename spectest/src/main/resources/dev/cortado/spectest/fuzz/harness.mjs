// The node/V8 side of Cortado's differential fuzzer (DifferentialFuzzer.java writes this file out
// and runs it). For each module: instantiates it with logging imports, calls every exported
// function with zero arguments (resetting binaryen's hang limit first), and prints a transcript
// that Transcript.java prints the same way for Cortado. Usage: node harness.mjs A.wasm B.wasm ...
// Each X.wasm has X.sig beside it: "import MODULE NAME PARAMS" and "export NAME PARAMS -> RESULTS"
// lines, types separated by commas ("-" for none).
import fs from 'node:fs';

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

function hex(n, digits) {
  return '0x' + n.toString(16).padStart(digits, '0');
}

function format(type, v) {
  switch (type) {
    case 'i32': return 'i32:' + (v | 0);
    case 'i64': return 'i64:' + BigInt.asIntN(64, BigInt(v)).toString();
    case 'f32':
      if (Number.isNaN(v)) return 'f32:nan';
      f32[0] = v;
      return 'f32:' + hex(u32[0], 8);
    case 'f64':
      if (Number.isNaN(v)) return 'f64:nan';
      f64[0] = v;
      return 'f64:' + hex(u64[0], 16);
    default: return type + ':' + (v === null ? 'null' : 'ref');
  }
}

function zero(type) {
  switch (type) {
    case 'i32': case 'f32': case 'f64': return 0;
    case 'i64': return 0n;
    default: return null;
  }
}

function types(s) {
  return s === '-' ? [] : s.split(',');
}

function trapKind(e) {
  if (e instanceof RangeError && /call stack/i.test(e.message)) return 'exhausted';
  if (!(e instanceof WebAssembly.RuntimeError)) return 'error ' + e.constructor.name + ': ' + e.message;
  const m = e.message;
  if (/unreachable/.test(m)) return 'trap unreachable';
  if (/divide by zero|remainder by zero/.test(m)) return 'trap div-zero';
  // V8 says "unrepresentable" both for i32.div_s overflow and for float-to-int truncations, which
  // the spec calls "integer overflow" or (for NaN) "invalid conversion to integer": one category.
  if (/unrepresentable/.test(m)) return 'trap overflow-or-conversion';
  if (/memory access out of bounds/.test(m)) return 'trap mem-oob';
  if (/data segment/.test(m)) return 'trap mem-oob';
  if (/table|element segment|null function|signature mismatch|function signature/.test(m)) return 'trap table';
  return 'trap other: ' + m;
}

function fnv(bytes) {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return hex(h, 8);
}

function run(file) {
  const lines = [];
  const sig = fs.readFileSync(file.replace(/\.wasm$/, '.sig'), 'utf8').split('\n').filter(l => l);
  const importTypes = new Map();
  const exportTypes = new Map();
  for (const l of sig) {
    const p = l.split(' ');
    if (p[0] === 'import') importTypes.set(p[1] + '.' + p[2], types(p[3]));
    else exportTypes.set(p[1], { params: types(p[2]), results: types(p[4]) });
  }
  let module;
  try {
    module = new WebAssembly.Module(fs.readFileSync(file));
  } catch (e) {
    lines.push('invalid');
    return lines;
  }
  const imports = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    const params = importTypes.get(imp.module + '.' + imp.name) || [];
    imports[imp.module] ??= {};
    imports[imp.module][imp.name] = (...args) => {
      lines.push('  log' + args.map((a, i) => ' ' + format(params[i], a)).join(''));
    };
  }
  let instance;
  try {
    instance = new WebAssembly.Instance(module, imports);
  } catch (e) {
    lines.push('instantiate ' + trapKind(e));
    return lines;
  }
  lines.push('instantiated');
  const exports = instance.exports;
  const reset = exports.hangLimitInitializer;
  for (const [name, sigOf] of exportTypes) {
    if (name === 'hangLimitInitializer') continue;
    lines.push('call ' + name);
    try {
      if (reset) reset();
      const r = exports[name](...sigOf.params.map(zero));
      const values = sigOf.results.length === 1 ? [r] : sigOf.results.length === 0 ? [] : r;
      lines.push('  result' + values.map((v, i) => ' ' + format(sigOf.results[i], v)).join(''));
    } catch (e) {
      const k = trapKind(e);
      lines.push('  ' + k);
      if (k === 'exhausted') return lines;
    }
  }
  if (exports.memory instanceof WebAssembly.Memory) {
    const bytes = new Uint8Array(exports.memory.buffer);
    lines.push('memory ' + bytes.length / 65536 + ' ' + fnv(bytes));
  }
  return lines;
}

for (const file of process.argv.slice(2)) {
  let lines;
  try {
    lines = run(file);
  } catch (e) {
    lines = ['harness error: ' + e];
  }
  process.stdout.write('module ' + file + '\n' + lines.join('\n') + '\nend\n');
}
