/**
 * The code of an E-step worker, as a string so that Node (`eval: true`) and browsers (a Blob URL) start it the
 * same way, with no file to resolve. It instantiates the kernel module on the main thread's shared memory and
 * only calls E-step exports on pointers it is given: it never allocates (AssemblyScript's allocator is not
 * thread-safe). Messages in: { module, memory } once, then claim requests { name, chunks, next, results }: while
 * the shared counter at `next` (an i32) hands out a chunk c < chunks.length, it calls export `name` with
 * chunks[c] and stores the result as f64 c at `results` (claimChunks of claim-chunks.ts, written out again here).
 * Out: { ok, value } (value: the chunks it ran) or { ok: false, error }.
 */
export const WORKER_SOURCE = `
const port = typeof self === 'undefined' ? require('node:worker_threads').parentPort : self;
let kernel;
let memory;
function claimChunks(message) {
  const { name, chunks } = message;
  const next = new Int32Array(memory.buffer, message.next, 1);
  const results = new Float64Array(memory.buffer, message.results, chunks.length);
  let ran = 0;
  for (let c = Atomics.add(next, 0, 1); c < chunks.length; c = Atomics.add(next, 0, 1)) {
    results[c] = kernel[name](...chunks[c]);
    ran++;
  }
  return ran;
}
function handle(message) {
  try {
    if (message.module) {
      memory = message.memory;
      kernel = new WebAssembly.Instance(message.module, { env: { memory } }).exports;
      port.postMessage({ ok: true, value: 0 });
    } else {
      port.postMessage({ ok: true, value: claimChunks(message) });
    }
  } catch (error) {
    port.postMessage({ ok: false, error: String(error && error.stack || error) });
  }
}
if (port.on) port.on('message', handle);
else port.addEventListener('message', (event) => handle(event.data));
`;
